package io.github.spaceliftoidc.core.config;

import io.github.spaceliftoidc.core.model.Account;
import io.github.spaceliftoidc.core.model.Backend;
import io.github.spaceliftoidc.core.model.Config;
import io.github.spaceliftoidc.core.model.Engine;
import io.github.spaceliftoidc.core.model.InlinePolicy;
import io.github.spaceliftoidc.core.model.OidcProviderMode;
import io.github.spaceliftoidc.core.model.Origin;
import io.github.spaceliftoidc.core.model.ProviderAlias;
import io.github.spaceliftoidc.core.model.Role;
import io.github.spaceliftoidc.core.model.RunType;
import io.github.spaceliftoidc.core.model.Scope;
import io.github.spaceliftoidc.core.model.Space;
import io.github.spaceliftoidc.core.model.SpaceliftModule;
import io.github.spaceliftoidc.core.model.SpaceliftSettings;
import io.github.spaceliftoidc.core.model.Stack;
import io.github.spaceliftoidc.core.model.TerraformSettings;
import io.github.spaceliftoidc.core.model.TrustRule;
import io.github.spaceliftoidc.core.problem.Hints;
import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.problem.Suggestions;
import io.github.spaceliftoidc.core.yaml.TreeReader;
import io.github.spaceliftoidc.core.yaml.YNode;
import io.github.spaceliftoidc.core.yaml.YNode.YScalar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the configuration file and binds its tree to the model. It checks structure only (maps, lists, types, required
 * and unknown keys) and fills in the documented defaults; value formats and references are the planner's job. With
 * problems, it still returns a best-effort model whose missing values are null, so that later checks can report more
 * at once. It knows the file is the configuration, so it adds the fixes to the reader's neutral facts about it.
 */
public final class ConfigBinder {

  public static final int FORMAT_VERSION = 1;

  private final Problems problems;
  private final Hints hints;

  public ConfigBinder(Problems problems, Hints hints) {
    this.problems = problems;
    this.hints = hints;
  }

  public ConfigBinder(Problems problems) {
    this(problems, Hints.NEUTRAL);
  }

  /** Reads and binds the file; null when it is unreadable or its root is not a map (reported). */
  public Config read(TreeReader reader, Path file, String displayName) {
    String starter = hints.initCommand() + " writes a commented starter";
    TreeReader.FileAdvice advice = new TreeReader.FileAdvice(
        "; create it (" + hints.initCommand() + " writes a starter) or point " + hints.configFileSetting() + " at it",
        "; point " + hints.configFileSetting() + " at the YAML file itself",
        "; split the organisation into several files (one per Maven module) or check that this is the right file",
        "; it needs at least `spacelift:`, `accounts:`, `spaces:` and `stacks:` (" + starter + ")");
    YNode root = reader.read(file, displayName, TreeReader.Format.YAML, advice, problems).orElse(null);
    return root == null ? null : bind(root, file, displayName);
  }

  /** The model, or null when the root is not a map (that one problem says all there is to say). */
  public Config bind(YNode root, Path file, String displayName) {
    if (!(root instanceof YNode.YMap)) {
      problems.add(root.mark(), "the configuration file must be a map of keys, found " + Fields.describe(root)
          + "; start it with the top-level keys spacelift:, accounts:, spaces: and stacks: at the left margin"
          + " (" + hints.initCommand() + " writes a commented starter).");
      return null;
    }
    Fields fields = new Fields(root, "the configuration file", Keys.ROOT, problems);
    int version = bindVersion(fields);
    SpaceliftSettings spacelift = bindSpacelift(fields);
    TerraformSettings terraform = bindTerraform(fields);
    requireList(fields, "accounts", "the AWS accounts that trust Spacelift, at least one");
    requireItems(fields, "accounts", "at least one AWS account (name, id, region, roles)");
    requireList(fields, "spaces", "the Spacelift spaces your stacks live in");
    List<Account> accounts = fields.requiredList("accounts", this::bindAccount);
    List<Space> spaces = fields.requiredList("spaces", this::bindSpace);
    List<Stack> stacks = fields.listOrNone("stacks", this::bindStack);
    List<SpaceliftModule> modules = fields.listOrNone("modules", this::bindModule);
    return new Config(file, displayName, version, spacelift, terraform, accounts, spaces, stacks, modules,
        fields.origin());
  }

  private int bindVersion(Fields fields) {
    YNode raw = fields.rawOrNull("version");
    if (raw == null) {
      return FORMAT_VERSION;
    }
    Integer version = fields.optionalInteger("version", FORMAT_VERSION);
    if (version != null && version != FORMAT_VERSION) {
      problems.add(raw.mark(), "format version " + version + " is not supported by this plugin; it reads version "
          + FORMAT_VERSION + ". Write version: " + FORMAT_VERSION + " or upgrade the plugin.");
    }
    return version == null ? FORMAT_VERSION : version;
  }

  private void requireList(Fields fields, String key, String hint) {
    if (fields.missingIsExplained(key)) {
      return;
    }
    YNode value = fields.rawOrNull(key);
    if (value == null) {
      problems.add(fields.mark(), "the configuration file is missing the required key '" + key + "' (" + hint + ").");
    } else if (Fields.isNull(value)) {
      problems.add(value.mark(), "'" + key + "' is empty; list " + hint + ".");
    }
  }

  /** A list that must have an item: an empty one would generate nothing useful and hide a mistake. */
  private void requireItems(Fields fields, String key, String hint) {
    if (fields.raw(key) instanceof YNode.YSeq seq && seq.items().isEmpty()) {
      problems.add(seq.mark(), "'" + key + "' of " + fields.what() + " is an empty list; list " + hint + ".");
    }
  }

  private SpaceliftSettings bindSpacelift(Fields root) {
    YNode node = root.raw("spacelift");
    if (node == null) {
      if (!root.missingIsExplained("spacelift")) {
        YNode empty = root.rawOrNull("spacelift");
        problems.add(empty == null ? root.mark() : empty.mark(), "the configuration file "
            + (empty == null ? "is missing the required key 'spacelift'" : "has an empty 'spacelift'")
            + " (with at least hostname: <account>.app.spacelift.io).");
      }
      return null;
    }
    Fields fields = new Fields(node, "spacelift", Keys.SPACELIFT, problems);
    String hostname = fields.requiredString("hostname", "your Spacelift account's host, e.g. demo.app.spacelift.io");
    List<String> audiences = fields.indexedStrings("audiences");
    if (audiences.isEmpty() && hostname != null) {
      audiences = List.of(hostname);
    }
    String tokenFile = fields.optionalString("tokenFile", SpaceliftSettings.DEFAULT_TOKEN_FILE);
    List<Fields.Located> templates = fields.stringOrStrings("subjectTemplate");
    for (int i = 0; i < templates.size(); i++) {
      fields.remember("subjectTemplate[" + i + "]", templates.get(i).mark());
    }
    List<String> subjectTemplates = templates.isEmpty()
        ? List.of(SpaceliftSettings.DEFAULT_SUBJECT_TEMPLATE)
        : templates.stream().map(Fields.Located::value).toList();
    return new SpaceliftSettings(hostname, audiences, tokenFile, subjectTemplates, fields.origin());
  }

  private TerraformSettings bindTerraform(Fields root) {
    YNode node = root.raw("terraform");
    if (root.reportIfEmpty("terraform") || node == null) {
      return new TerraformSettings(TerraformSettings.DEFAULT_VERSION,
          TerraformSettings.DEFAULT_AWS_PROVIDER_VERSION, TerraformSettings.DEFAULT_ENGINE,
          new Origin(root.mark(), java.util.Map.of()));
    }
    Fields fields = new Fields(node, "terraform", Keys.TERRAFORM, problems);
    return new TerraformSettings(
        fields.optionalString("version", TerraformSettings.DEFAULT_VERSION),
        fields.optionalString("awsProviderVersion", TerraformSettings.DEFAULT_AWS_PROVIDER_VERSION),
        enumValue(fields, "engine", Engine.class, TerraformSettings.DEFAULT_ENGINE, Engine::yamlName),
        fields.origin());
  }

  private Account bindAccount(YNode node) {
    String name = nameOf(node, "name");
    Fields fields = new Fields(node, describe("account", name), Keys.ACCOUNT, problems);
    String requiredName = fields.requiredString("name", "a local name for references, e.g. production");
    String id = fields.requiredString("id", "the 12-digit AWS account id, quoted: \"123456789012\"");
    String region = fields.requiredString("region", "the default region of its providers, e.g. eu-west-1");
    String partition = fields.optionalString("partition", "aws");
    OidcProviderMode mode = enumValue(fields, "oidcProvider", OidcProviderMode.class, OidcProviderMode.CREATE,
        OidcProviderMode::yamlName);
    List<String> thumbprints = fields.indexedStrings("thumbprints");
    String directory = fields.optionalString("directory", requiredName == null ? null : "iam/" + requiredName);
    String what = describe("account", requiredName);
    List<Role> roles = fields.requiredList("roles", item -> bindRole(item, what));
    if (!fields.has("roles") && !fields.missingIsExplained("roles")) {
      YNode empty = fields.rawOrNull("roles");
      problems.add(empty == null ? fields.mark() : empty.mark(), what + " has no roles; add at least one under"
          + " roles:, or remove the account.");
    }
    requireItems(fields, "roles", "at least one IAM role, or remove the account");
    return new Account(requiredName, id, region, partition, mode, thumbprints, directory, roles, fields.origin());
  }

  private Role bindRole(YNode node, String accountWhat) {
    String name = nameOf(node, "name");
    String what = describe("role", name) + " of " + accountWhat;
    Fields fields = new Fields(node, what, Keys.ROLE, problems);
    String requiredName = fields.requiredString("name", "the IAM role name, e.g. spacelift-infra");
    List<InlinePolicy> inline = fields.list("inlinePolicies", item -> bindInlinePolicy(item, what));
    List<TrustRule> trust = fields.list("trust", item -> bindTrustRule(item, what));
    return new Role(
        requiredName,
        fields.optionalString("description", null),
        fields.optionalString("path", "/"),
        fields.optionalInteger("maxSessionDuration", 3600),
        fields.optionalString("permissionsBoundary", null),
        fields.indexedStrings("managedPolicies"),
        inline,
        fields.optionalStringMap("tags"),
        fields.optionalBoolean("sessionTagging", false),
        trust,
        fields.optionalBoolean("allowAnySubject", false),
        fields.optionalBoolean("statePolicy", true),
        fields.origin());
  }

  private InlinePolicy bindInlinePolicy(YNode node, String roleWhat) {
    String name = nameOf(node, "name");
    String what = describe("inline policy", name) + " of " + roleWhat;
    Fields fields = new Fields(node, what, Keys.INLINE_POLICY, problems);
    String requiredName = fields.requiredString("name", "the policy name, e.g. state-access");
    String file = fields.optionalString("file", null);
    YNode document = fields.raw("document");
    if (file == null && document == null) {
      problems.add(fields.mark(), what + " needs either 'file' (a JSON file relative to the YAML) or 'document'"
          + " (the policy written inline).");
    } else if (file != null && document != null) {
      problems.add(fields.origin().at("document"), what + " has both 'file' and 'document'; keep one of them.");
    }
    return new InlinePolicy(requiredName, file, document, fields.origin());
  }

  private TrustRule bindTrustRule(YNode node, String roleWhat) {
    Fields fields = new Fields(node, "a trust rule of " + roleWhat, Keys.TRUST_RULE, problems);
    String space;
    String spaceId = null;
    if (fields.rawOrNull("spaceId") == null) {
      space = fields.requiredString("space", "a space name, \"*\" for any space, or spaceId: with a prefix such as"
          + " \"production-*\" instead");
    } else {
      spaceId = fields.optionalString("spaceId", null);
      space = fields.optionalString("space", null);
      if (space != null && spaceId != null) {
        problems.add(fields.origin().at("spaceId"), "a trust rule of " + roleWhat + " has both 'space' and"
            + " 'spaceId'; keep space: to name one declared space, or spaceId: for a prefix of space ids.");
      }
    }
    return new TrustRule(
        space,
        fields.optionalString("stack", null),
        fields.optionalString("module", null),
        runTypes(fields),
        scopes(fields),
        spaceId,
        fields.optionalBoolean("subspaces", false),
        fields.optionalString("subjectTemplate", null),
        fields.origin());
  }

  private Space bindSpace(YNode node) {
    String name = nameOf(node, "name");
    Fields fields = new Fields(node, describe("space", name), Keys.SPACE, problems);
    return new Space(
        fields.requiredString("name", "a local name for references, e.g. production"),
        fields.requiredString("id", "the Spacelift space id: root, legacy, or e.g. production-01HND497T9JKR76MR3KA2CDJHP"),
        fields.optionalString("path", null),
        fields.optionalString("parent", null),
        fields.origin());
  }

  private Stack bindStack(YNode node) {
    String id = nameOf(node, "id");
    String what = describe("stack", id, "id");
    Fields fields = new Fields(node, what, Keys.STACK, problems);
    String requiredId = fields.requiredString("id", "the Spacelift stack id");
    String space = fields.requiredString("space", "the name of a space under spaces:");
    String account = fields.requiredString("account", "the name of an account under accounts:");
    String role = fields.requiredString("role", "the name of a role of that account");
    String planRole = fields.optionalString("planRole", null);
    String region = fields.optionalString("region", null);
    String directory = fields.optionalString("directory", requiredId == null ? null : "stacks/" + requiredId);
    List<RunType> runTypes = runTypes(fields);
    List<Scope> scopes = scopes(fields);
    YNode backendNode = fields.optionalMap("backend");
    Backend backend = backendNode == null ? null : bindBackend(backendNode, what);
    List<ProviderAlias> aliases = fields.list("aliases", item -> bindAlias(item, what));
    return new Stack(requiredId, space, account, role, planRole, region, directory, runTypes, scopes, backend,
        aliases, fields.origin());
  }

  private SpaceliftModule bindModule(YNode node) {
    String id = nameOf(node, "id");
    Fields fields = new Fields(node, describe("module", id, "id"), Keys.MODULE, problems);
    return new SpaceliftModule(
        fields.requiredString("id", "the Spacelift module id"),
        fields.requiredString("space", "the name of a space under spaces:"),
        fields.requiredString("account", "the name of an account under accounts:"),
        fields.requiredString("role", "the name of a role of that account"),
        runTypes(fields),
        scopes(fields),
        fields.origin());
  }

  private Backend bindBackend(YNode node, String stackWhat) {
    Fields fields = new Fields(node, "the backend of " + stackWhat, Keys.BACKEND, problems);
    return new Backend(
        fields.requiredString("bucket", "the S3 bucket that holds the state"),
        fields.requiredString("key", "the state object's key, e.g. infra/terraform.tfstate"),
        fields.requiredString("region", "the bucket's region"),
        fields.optionalString("dynamodbTable", null),
        fields.optionalBooleanOrNull("useLockfile"),
        fields.optionalBooleanOrNull("encrypt"),
        fields.optionalString("kmsKeyId", null),
        fields.optionalString("workspaceKeyPrefix", null),
        fields.optionalString("bucketAccountId", null),
        fields.origin());
  }

  private ProviderAlias bindAlias(YNode node, String stackWhat) {
    String name = nameOf(node, "name");
    Fields fields = new Fields(node, describe("provider alias", name) + " of " + stackWhat, Keys.ALIAS, problems);
    return new ProviderAlias(
        fields.requiredString("name", "the alias, e.g. use1; use it as provider = aws.use1"),
        fields.requiredString("region", "the alias's region, e.g. us-east-1"),
        fields.origin());
  }

  private List<RunType> runTypes(Fields fields) {
    return enumList(fields, "runTypes", RunType.class, RunType::name);
  }

  private List<Scope> scopes(Fields fields) {
    return enumList(fields, "scopes", Scope.class, Scope::claim);
  }

  private <E extends Enum<E>> List<E> enumList(Fields fields, String key, Class<E> type,
      Function<E, String> spelling) {
    List<Fields.Located> values = fields.optionalLocatedStrings(key);
    List<E> result = new ArrayList<>();
    for (Fields.Located located : values) {
      E value = parseEnum(located.value(), type, spelling);
      if (value == null) {
        reportBadEnum(located, key, fields.what(), type, spelling);
      } else if (!result.contains(value)) {
        result.add(value);
      }
    }
    return result; // an empty list is reported as every empty list is
  }

  private <E extends Enum<E>> E enumValue(Fields fields, String key, Class<E> type, E defaultValue,
      Function<E, String> spelling) {
    YNode raw = fields.rawOrNull(key);
    if (raw == null) {
      return defaultValue;
    }
    String text = fields.optionalString(key, null);
    if (text == null) {
      return defaultValue;
    }
    E value = parseEnum(text, type, spelling);
    if (value == null) {
      reportBadEnum(new Fields.Located(text, raw.mark()), key, fields.what(), type, spelling);
      return defaultValue;
    }
    return value;
  }

  private static <E extends Enum<E>> E parseEnum(String text, Class<E> type, Function<E, String> spelling) {
    for (E constant : type.getEnumConstants()) {
      if (spelling.apply(constant).equals(text)) {
        return constant;
      }
    }
    return null;
  }

  private <E extends Enum<E>> void reportBadEnum(Fields.Located located, String key, String what, Class<E> type,
      Function<E, String> spelling) {
    List<String> allowed = Arrays.stream(type.getEnumConstants()).map(spelling).toList();
    problems.add(located.mark(), what + ": '" + located.value() + "' is not a valid value of '" + key + "'."
        + Suggestions.didYouMean(located.value(), allowed) + " Allowed: " + String.join(", ", allowed) + ".");
  }

  /** The value of the identifying key, if the node is a map that has one, for messages. */
  private static String nameOf(YNode node, String key) {
    if (node instanceof YNode.YMap map && map.get(key) instanceof YScalar scalar
        && scalar.type() != YNode.ScalarType.NULL) {
      return scalar.text();
    }
    return null;
  }

  private static String describe(String kind, String name) {
    return describe(kind, name, "name");
  }

  private static String describe(String kind, String name, String key) {
    String article = "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ";
    String keyArticle = "aeiou".indexOf(key.charAt(0)) >= 0 ? " an " : " a ";
    return name == null ? article + kind + " without" + keyArticle + key : kind + " '" + name + "'";
  }
}
