package io.github.spaceliftoidc.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.problem.InvalidConfigurationException;
import io.github.spaceliftoidc.core.problem.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plugin and its JSON Schema accept the same values, key by key, for every key of {@link Keys}: each key's
 * samples, each sample's other spelling (quoted where it was plain, plain where it was quoted: {@code id:
 * "123456789012"} and {@code id: 123456789012}), and values of the wrong type ({@code 7}, {@code 1.5}, {@code true},
 * an empty value), put one at a time into a valid document. The plugin judges with everything it checks; the schema
 * judges the document as an editor's YAML 1.2 reader sees it. Both must say yes, or both no.
 *
 * <p>A key added to {@link Keys} fails here until it has samples in {@link #SAMPLES} that both accept, and then
 * until the schema agrees with the plugin on its types: so the schema cannot fall behind the catalogue. Values that
 * only the plugin can judge (references between objects, IAM limits across keys) are the plugin's alone, and are
 * not samples here.
 */
class SchemaAgreementTest {

  /** Where the one object of each kind sits in the base document: keys and list indexes from the root. */
  private static final Map<String, List<Object>> PATHS = Map.ofEntries(
      Map.entry("root", List.of()),
      Map.entry("spacelift", List.of("spacelift")),
      Map.entry("terraform", List.of("terraform")),
      Map.entry("account", List.of("accounts", 0)),
      Map.entry("role", List.of("accounts", 0, "roles", 0)),
      Map.entry("inlinePolicy", List.of("accounts", 0, "roles", 0, "inlinePolicies", 0)),
      Map.entry("trustRule", List.of("accounts", 0, "roles", 0, "trust", 0)),
      Map.entry("space", List.of("spaces", 0)),
      Map.entry("stack", List.of("stacks", 0)),
      Map.entry("module", List.of("modules", 0)),
      Map.entry("backend", List.of("stacks", 0, "backend")),
      Map.entry("alias", List.of("stacks", 0, "aliases", 0)));

  /** The value of the base document itself, as a sample. */
  private static final String AS_IN_BASE = "<as in the base document>";

  /**
   * Values that both must accept, per kind.key, as YAML (flow style). Each must fit the base document: a name that
   * others refer to keeps its name. An entry {@code "-document"} in a sample list removes that sibling key first.
   */
  private static final Map<String, List<String>> SAMPLES = Map.ofEntries(
      Map.entry("root.version", List.of("1")),
      Map.entry("root.spacelift", List.of(AS_IN_BASE)),
      Map.entry("root.terraform", List.of(AS_IN_BASE, "{}")),
      Map.entry("root.accounts", List.of(AS_IN_BASE)),
      Map.entry("root.spaces", List.of(AS_IN_BASE)),
      Map.entry("root.stacks", List.of(AS_IN_BASE)),
      Map.entry("root.modules", List.of(AS_IN_BASE)),
      Map.entry("spacelift.hostname", List.of("demo.app.spacelift.io", "acme.app.us.spacelift.io")),
      Map.entry("spacelift.audiences", List.of("[demo.app.spacelift.io, aws-federation]")),
      Map.entry("spacelift.tokenFile", List.of("/mnt/workspace/spacelift.oidc", "'/var/run/token'")),
      Map.entry("spacelift.subjectTemplate", List.of(
          "'space:{spaceId}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}'",
          "['space:{spaceId}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}']")),
      Map.entry("terraform.version", List.of("1.9.0", "'1.10'", "'1.10.2'", "1.5.7")),
      Map.entry("terraform.awsProviderVersion", List.of("'>= 5.81'", "'~> 6.0'")),
      Map.entry("terraform.engine", List.of("terraform", "opentofu")),
      Map.entry("account.name", List.of("production")),
      Map.entry("account.id", List.of("'123456789012'", "\"012345678901\"")),
      Map.entry("account.region", List.of("eu-west-1", "eu-central-1")),
      Map.entry("account.partition", List.of("aws")),
      Map.entry("account.oidcProvider", List.of("create", "existing")),
      Map.entry("account.thumbprints", List.of("[9e99a48a9960b14926bb7f3b02e22da2b0ab7280]",
          "['1111111111111111111111111111111111111111']")),
      Map.entry("account.directory", List.of("iam/prod", "'2024'")),
      Map.entry("account.roles", List.of(AS_IN_BASE)),
      Map.entry("role.name", List.of("spacelift-infra")),
      Map.entry("role.description", List.of("Deploys the infra stack", "'42'")),
      Map.entry("role.path", List.of("/", "/spacelift/")),
      Map.entry("role.maxSessionDuration", List.of("3600", "7200", "43200")),
      Map.entry("role.permissionsBoundary", List.of("PowerUserAccess",
          "'arn:aws:iam::123456789012:policy/boundary'")),
      Map.entry("role.managedPolicies", List.of("[PowerUserAccess]", "['arn:aws:iam::aws:policy/ReadOnlyAccess']")),
      Map.entry("role.inlinePolicies", List.of(AS_IN_BASE)),
      Map.entry("role.tags", List.of("{team: platform}", "{enabled: true, cost-centre: 1234}")),
      Map.entry("role.sessionTagging", List.of("true", "false")),
      Map.entry("role.trust", List.of(AS_IN_BASE)),
      Map.entry("role.allowAnySubject", List.of("false")),
      Map.entry("role.statePolicy", List.of("true", "false")),
      Map.entry("inlinePolicy.name", List.of("state-access", "'2024'")),
      Map.entry("inlinePolicy.file", List.of("-document", "policies/state.json")),
      Map.entry("inlinePolicy.document", List.of(AS_IN_BASE,
          "'{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}'")),
      Map.entry("trustRule.space", List.of("production")),
      Map.entry("trustRule.stack", List.of("'*'", "infra", "'1234'")),
      Map.entry("trustRule.module", List.of("'*'", "vpc")),
      Map.entry("trustRule.runTypes", List.of("[PROPOSED]", "[TRACKED, DESTROY]")),
      Map.entry("trustRule.scopes", List.of("[read]", "[read, write]")),
      Map.entry("trustRule.spaceId", List.of("-space", "'production-*'", "'production-01HND*'")),
      Map.entry("trustRule.subspaces", List.of("true", "false")),
      Map.entry("trustRule.subjectTemplate",
          List.of("'space:{spaceId}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}'")),
      Map.entry("space.name", List.of("production")),
      Map.entry("space.id", List.of("production-01HND497T9JKR76MR3KA2CDJHP")),
      Map.entry("space.path", List.of("root/production")),
      Map.entry("space.parent", List.of("root")),
      Map.entry("stack.id", List.of("infra", "'1234'")),
      Map.entry("stack.space", List.of("production")),
      Map.entry("stack.account", List.of("production")),
      Map.entry("stack.role", List.of("spacelift-infra")),
      Map.entry("stack.planRole", List.of("spacelift-infra-plan")),
      Map.entry("stack.region", List.of("eu-central-1")),
      Map.entry("stack.directory", List.of("stacks/infra-prod", "'2024'")),
      Map.entry("stack.runTypes", List.of("[TRACKED, PROPOSED]")),
      Map.entry("stack.scopes", List.of("[write]")),
      Map.entry("stack.backend", List.of(AS_IN_BASE)),
      Map.entry("stack.aliases", List.of(AS_IN_BASE)),
      Map.entry("module.id", List.of("vpc", "'1234'")),
      Map.entry("module.space", List.of("production")),
      Map.entry("module.account", List.of("production")),
      Map.entry("module.role", List.of("spacelift-infra")),
      Map.entry("module.runTypes", List.of("[TESTING]")),
      Map.entry("module.scopes", List.of("[read]")),
      Map.entry("backend.bucket", List.of("acme-terraform-state", "'123'")),
      Map.entry("backend.key", List.of("infra/terraform.tfstate", "'42'")),
      Map.entry("backend.region", List.of("eu-west-1")),
      Map.entry("backend.dynamodbTable", List.of("terraform-locks", "'123'")),
      Map.entry("backend.useLockfile", List.of("true", "false")),
      Map.entry("backend.encrypt", List.of("true", "false")),
      Map.entry("backend.kmsKeyId",
          List.of("'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'")),
      Map.entry("backend.workspaceKeyPrefix", List.of("workspaces/infra", "ws")),
      Map.entry("backend.bucketAccountId", List.of("'123456789012'", "'210987654321'")),
      Map.entry("alias.name", List.of("use1")),
      Map.entry("alias.region", List.of("us-east-1")));

  /**
   * Values that both must refuse, where the schema can state the plugin's rule. Not every rule has a row: the point
   * of these is that the schema's patterns and limits are the plugin's, not a list of every mistake.
   */
  private static final Map<String, List<String>> REFUSED = Map.ofEntries(
      Map.entry("root.version", List.of("2", "'1'")),
      Map.entry("spacelift.hostname", List.of("'https://demo.app.spacelift.io'", "Demo.App.Spacelift.io",
          "'demo.app.spacelift.io:443'")),
      Map.entry("spacelift.tokenFile", List.of("mnt/workspace/spacelift.oidc")),
      Map.entry("terraform.version", List.of("latest", "'1.x'")),
      Map.entry("account.name", List.of("Production")),
      Map.entry("account.id", List.of("'12345'", "'1234567890123'", "'12345678901a'", "123456789012",
          "012345678901", "0123456789012")),
      Map.entry("account.region", List.of("EU-west-1", "europe")),
      Map.entry("account.partition", List.of("aws-eu")),
      Map.entry("account.oidcProvider", List.of("Create")),
      Map.entry("account.thumbprints", List.of("[9e99a48a]", "[1111111111111111111111111111111111111111]")),
      Map.entry("role.name", List.of("'spacelift infra'")),
      Map.entry("role.path", List.of("spacelift", "/spacelift")),
      Map.entry("role.maxSessionDuration", List.of("60", "43201", "'7200'", "3600.5")),
      Map.entry("role.sessionTagging", List.of("'true'", "yes")),
      Map.entry("role.managedPolicies", List.of("PowerUserAccess")),
      Map.entry("inlinePolicy.name", List.of("'state access'")),
      Map.entry("trustRule.runTypes", List.of("[tracked]", "[]")),
      Map.entry("trustRule.scopes", List.of("[READ]")),
      Map.entry("trustRule.spaceId", List.of("'Production-*'", "'*-production'", "'prod-*-eu'")),
      Map.entry("trustRule.stack", List.of("Infra", "'app/x'", "'-*'", "'app-*-eu'")),
      Map.entry("trustRule.module", List.of("Vpc", "'tf:*'", "'_*'")),
      Map.entry("space.id", List.of("production", "'01HND497T9JKR76MR3KA2CDJHP'")),
      Map.entry("stack.id", List.of("'in:fra'", "'in fra'", "'infra*'", "1234")),
      Map.entry("stack.region", List.of("Frankfurt")),
      Map.entry("backend.bucket", List.of("Acme_State", "ab")),
      Map.entry("backend.dynamodbTable", List.of("ab")),
      Map.entry("backend.kmsKeyId",
          List.of("alias/terraform", "'arn:aws:kms:eu-west-1:123456789012:alias/terraform'")),
      Map.entry("backend.workspaceKeyPrefix", List.of("/env", "env/")),
      Map.entry("backend.bucketAccountId", List.of("'12345'", "210987654321")),
      Map.entry("terraform.engine", List.of("tofu", "Terraform")),
      Map.entry("alias.name", List.of("'1use'")));

  /** Wrong types, tried at every key. */
  private static final List<String> WRONG_TYPES = List.of("7", "1.5", "true", "~");

  /** The valid document every probe changes in one place; one object of every kind. */
  private static Map<String, Object> base() {
    Map<String, Object> role = map(
        "name", "spacelift-infra",
        "managedPolicies", "[PowerUserAccess]",
        "inlinePolicies", list(map("name", "state-access",
            "document", "{Version: '2012-10-17', Statement: [{Effect: Allow, Action: 's3:GetObject',"
                + " Resource: 'arn:aws:s3:::acme-terraform-state/*'}]}")),
        // A rule for another space: with the planRole sample, a rule that let stack infra's pull requests assume its
        // apply role would be refused.
        "trust", list(map("space", "staging")));
    // The stack's planRole, trusted by a rule of its own so that the base document is valid without it.
    Map<String, Object> planRole = map(
        "name", "spacelift-infra-plan",
        "managedPolicies", "[ReadOnlyAccess]",
        "trust", list(map("space", "production", "runTypes", "[PROPOSED]")));
    return map(
        "spacelift", map("hostname", "demo.app.spacelift.io"),
        "terraform", map("version", "1.11.4"),
        "accounts", list(map("name", "production", "id", "'123456789012'", "region", "eu-west-1",
            "roles", list(role, planRole))),
        "spaces", list(map("name", "production", "id", "production-01HND497T9JKR76MR3KA2CDJHP"),
            map("name", "root", "id", "root"), map("name", "staging", "id", "staging-01HND4B1C2D3E4F5G6H7J8K9MN")),
        "stacks", list(map("id", "infra", "space", "production", "account", "production", "role", "spacelift-infra",
            "backend", map("bucket", "acme-terraform-state", "key", "infra/terraform.tfstate", "region", "eu-west-1"),
            "aliases", list(map("name", "use1", "region", "us-east-1")))),
        "modules", list(map("id", "vpc", "space", "production", "account", "production", "role",
            "spacelift-infra")));
  }

  @TempDir
  Path directory;

  /** One value at one key. */
  record Probe(String kind, String key, String yaml, boolean sample, String without) {
    @Override
    public String toString() {
      return kind + "." + key + ": " + yaml + (without == null ? "" : " (without " + without + ")");
    }
  }

  static Stream<Probe> probes() {
    List<Probe> probes = new ArrayList<>();
    for (Map.Entry<String, List<String>> kind : Keys.all().entrySet()) {
      for (String key : kind.getValue()) {
        String name = kind.getKey() + "." + key;
        String without = null;
        Set<String> values = new LinkedHashSet<>();
        for (String sample : SAMPLES.getOrDefault(name, List.of())) {
          if (sample.startsWith("-")) {
            without = sample.substring(1);
          } else {
            values.add(sample);
          }
        }
        for (String value : values) {
          probes.add(new Probe(kind.getKey(), key, value, true, without));
          String other = otherSpelling(value);
          if (other != null && !values.contains(other)) {
            probes.add(new Probe(kind.getKey(), key, other, false, without));
          }
        }
        for (String value : REFUSED.getOrDefault(name, List.of())) {
          probes.add(new Probe(kind.getKey(), key, value, false, without));
        }
        for (String value : WRONG_TYPES) {
          if (!values.contains(value)) {
            probes.add(new Probe(kind.getKey(), key, value, false, without));
          }
        }
      }
    }
    return probes.stream();
  }

  /** The same scalar quoted if it was plain, plain if it was quoted and needs no quotes in flow style; or null. */
  private static String otherSpelling(String value) {
    if (value.equals(AS_IN_BASE) || value.startsWith("[") || value.startsWith("{")) {
      return null;
    }
    if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
        || value.startsWith("\"") && value.endsWith("\""))) {
      String inner = value.substring(1, value.length() - 1);
      return inner.matches("[A-Za-z0-9][\\w./:~-]*") ? inner : null;
    }
    return "'" + value + "'";
  }

  @Test
  void everyKeyOfTheCatalogueHasSamplesAndEveryKindAPlace() {
    Set<String> missing = new TreeSet<>();
    Set<String> unknown = new TreeSet<>(SAMPLES.keySet());
    unknown.addAll(REFUSED.keySet());
    for (Map.Entry<String, List<String>> kind : Keys.all().entrySet()) {
      if (!PATHS.containsKey(kind.getKey())) {
        missing.add(kind.getKey() + " (no place in the base document: add it to PATHS and base())");
      }
      for (String key : kind.getValue()) {
        String name = kind.getKey() + "." + key;
        unknown.remove(name);
        if (SAMPLES.getOrDefault(name, List.of()).stream().noneMatch(sample -> !sample.startsWith("-"))) {
          missing.add(name + " (no sample in SAMPLES)");
        }
      }
    }
    assertEquals(Set.of(), missing, "add these to the schema agreement test, with values the plugin accepts");
    assertEquals(Set.of(), unknown, "samples for keys that core.config.Keys does not have");
  }

  @Test
  void theBaseDocumentIsValidForBoth() throws IOException {
    String yaml = render(base());

    assertEquals(List.of(), pluginProblems(yaml), yaml);
    assertEquals(List.of(), JsonSchemaTest.validate(yaml), yaml);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("probes")
  void thePluginAndTheSchemaJudgeEachValueAlike(Probe probe) throws IOException {
    Map<String, Object> document = base();
    Map<String, Object> object = objectAt(document, PATHS.get(probe.kind()));
    if (probe.without() != null) {
      object.remove(probe.without());
    }
    if (!probe.yaml().equals(AS_IN_BASE)) {
      object.put(probe.key(), probe.yaml());
    }
    String yaml = render(document);

    List<String> plugin = pluginProblems(yaml);
    List<Error> schema = JsonSchemaTest.validate(yaml);

    if (probe.sample()) {
      assertEquals(List.of(), plugin, "the plugin refuses a sample:\n" + yaml);
    }
    assertEquals(plugin.isEmpty(), schema.isEmpty(), () -> (plugin.isEmpty()
        ? "the schema refuses what the plugin accepts: " + schema
        : "the schema accepts what the plugin refuses: " + plugin) + "\n" + yaml);
  }

  private List<String> pluginProblems(String yaml) throws IOException {
    Path file = directory.resolve("spacelift-oidc.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    Path policy = directory.resolve("policies/state.json");
    Files.createDirectories(policy.getParent());
    Files.writeString(policy, "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
        + " \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}", StandardCharsets.UTF_8);
    try {
      new SpaceliftOidc().load(GenerationRequest.of(file));
      return List.of();
    } catch (InvalidConfigurationException e) {
      return e.problems().stream().map(Problem::toString).toList();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> objectAt(Map<String, Object> document, List<Object> path) {
    Object node = document;
    for (Object step : path) {
      node = step instanceof Integer index ? ((List<Object>) node).get(index) : ((Map<String, Object>) node).get(step);
    }
    return (Map<String, Object>) node;
  }

  /** The document in YAML flow style; leaves are YAML text as written in the tables above. */
  @SuppressWarnings("unchecked")
  private static String render(Object node) {
    if (node instanceof Map<?, ?> map) {
      List<String> entries = new ArrayList<>();
      ((Map<String, Object>) map).forEach((key, value) -> entries.add(key + ": " + render(value)));
      return "{" + String.join(", ", entries) + "}";
    }
    if (node instanceof List<?> list) {
      return "[" + String.join(", ", list.stream().map(SchemaAgreementTest::render).toList()) + "]";
    }
    return (String) node;
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static List<Object> list(Object... items) {
    return new ArrayList<>(List.of(items));
  }
}
