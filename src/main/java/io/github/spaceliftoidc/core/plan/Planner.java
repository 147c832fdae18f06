package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.config.Suggestions;
import io.github.spaceliftoidc.core.model.Account;
import io.github.spaceliftoidc.core.model.Backend;
import io.github.spaceliftoidc.core.model.Caller;
import io.github.spaceliftoidc.core.model.CallerType;
import io.github.spaceliftoidc.core.model.Config;
import io.github.spaceliftoidc.core.model.InlinePolicy;
import io.github.spaceliftoidc.core.model.Module;
import io.github.spaceliftoidc.core.model.OidcProviderMode;
import io.github.spaceliftoidc.core.model.Origin;
import io.github.spaceliftoidc.core.model.ProviderAlias;
import io.github.spaceliftoidc.core.model.Role;
import io.github.spaceliftoidc.core.model.Space;
import io.github.spaceliftoidc.core.model.SpaceliftSettings;
import io.github.spaceliftoidc.core.model.Stack;
import io.github.spaceliftoidc.core.model.TerraformSettings;
import io.github.spaceliftoidc.core.model.TrustRule;
import io.github.spaceliftoidc.core.plan.GenerationPlan.SpaceliftPlan;
import io.github.spaceliftoidc.core.plan.GenerationPlan.TerraformPlan;
import io.github.spaceliftoidc.core.plan.RolePlan.InlinePolicyPlan;
import io.github.spaceliftoidc.core.plan.RolePlan.Tag;
import io.github.spaceliftoidc.core.plan.StackPlan.AliasPlan;
import io.github.spaceliftoidc.core.plan.StackPlan.BackendPlan;
import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.render.Hcl;
import io.github.spaceliftoidc.core.trust.Grant;
import io.github.spaceliftoidc.core.trust.JsonText;
import io.github.spaceliftoidc.core.trust.SubjectTemplate;
import io.github.spaceliftoidc.core.trust.TrustPolicy;
import io.github.spaceliftoidc.core.yaml.Mark;
import io.github.spaceliftoidc.core.yaml.TreeReader;
import io.github.spaceliftoidc.core.yaml.YNode;
import io.github.spaceliftoidc.core.yaml.YNode.YMap;
import io.github.spaceliftoidc.core.yaml.YNode.YScalar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks every value and reference of a bound configuration, and resolves it into a {@link GenerationPlan}. All
 * problems go to the collector; the plan is only meaningful when there are none.
 */
public final class Planner {

  private final Problems problems;
  private final int maxTrustPolicySize;
  private final TreeReader reader;
  private final List<Path> inputFiles = new ArrayList<>();

  /**
   * @param maxTrustPolicySize the trust policy quota of the accounts, 2,048 unless AWS raised it
   */
  public Planner(Problems problems, int maxTrustPolicySize, TreeReader reader) {
    this.problems = problems;
    this.maxTrustPolicySize = maxTrustPolicySize;
    this.reader = reader;
  }

  public Planner(Problems problems) {
    this(problems, Rules.DEFAULT_TRUST_POLICY_LIMIT, new TreeReader());
  }

  /** The files other than the YAML that the plan was built from (inline policy files), for the fingerprint. */
  public List<Path> inputFiles() {
    return List.copyOf(inputFiles);
  }

  public static int defaultTrustPolicyLimit() {
    return Rules.DEFAULT_TRUST_POLICY_LIMIT;
  }

  /** Checks the configuration and builds the plan; returns null when the configuration is too broken to plan. */
  public GenerationPlan plan(Config config) {
    // Without the spacelift settings (already reported) there is no plan, but the rest is still checked.
    SpaceliftSettings spacelift = config.spacelift() != null ? config.spacelift()
        : new SpaceliftSettings(null, List.of(), SpaceliftSettings.DEFAULT_TOKEN_FILE,
            List.of(SpaceliftSettings.DEFAULT_SUBJECT_TEMPLATE), config.origin());
    List<SubjectTemplate> templates = checkSpacelift(spacelift);
    TerraformPlan terraform = checkTerraform(config.terraform(), config.accounts());
    Map<String, Space> spaces = indexSpaces(config.spaces());
    spacesDeclared = config.origin().has("spaces");
    Map<String, Account> accounts = indexAccounts(config.accounts());
    Map<Role, List<Grant>> grants = new IdentityHashMap<>();
    Map<Role, Account> accountOfRole = new IdentityHashMap<>();
    for (Account account : config.accounts()) {
      for (Role role : account.roles()) {
        grants.put(role, new ArrayList<>());
        accountOfRole.put(role, account);
      }
    }
    Map<String, String> directoryOwners = new HashMap<>();
    Set<String> duplicateAccounts = duplicates(config.accounts(), Account::name);
    for (Account account : config.accounts()) {
      checkDirectory(account.directory(), account.origin(), "account '" + account.name() + "'", "name",
          duplicateAccounts.contains(account.name()), directoryOwners);
    }
    List<StackPlan> stacks = new ArrayList<>();
    checkUnique(config.stacks(), Stack::id, Stack::origin, "id", "stack");
    Set<String> duplicateStacks = duplicates(config.stacks(), Stack::id);
    for (Stack stack : config.stacks()) {
      Role role = resolveCaller(stack, spaces, accounts, grants);
      checkDirectory(stack.directory(), stack.origin(), stack.describe(), "id", duplicateStacks.contains(stack.id()),
          directoryOwners);
      StackPlan plan = planStack(stack, role, accountOfRole, spaces, spacelift, terraform.legacy());
      if (plan != null) {
        stacks.add(plan);
      }
    }
    List<ModulePlan> modules = new ArrayList<>();
    checkUnique(config.modules(), Module::id, Module::origin, "id", "module");
    for (Module module : config.modules()) {
      Role role = resolveCaller(module, spaces, accounts, grants);
      if (role != null) {
        modules.add(new ModulePlan(module.id(), module.space(), module.account(), role.name(),
            roleArn(accountOfRole.get(role), role)));
      }
    }
    List<AccountPlan> accountPlans = new ArrayList<>();
    for (Account account : config.accounts()) {
      accountPlans.add(planAccount(account, config, spacelift, spaces, grants, templates));
    }
    if (config.spacelift() == null) {
      return null;
    }
    return new GenerationPlan(GenerationPlan.HEADER,
        new SpaceliftPlan(spacelift.hostname(), spacelift.issuerUrl(), spacelift.audiences(), spacelift.tokenFile(),
            spacelift.subjectTemplates()),
        terraform, accountPlans, stacks, modules);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Settings

  private List<SubjectTemplate> checkSpacelift(SpaceliftSettings spacelift) {
    Origin origin = spacelift.origin();
    if (spacelift.hostname() != null) {
      check(Rules.hostname(spacelift.hostname()), origin.at("hostname"), "hostname '" + spacelift.hostname() + "'");
    }
    if (spacelift.audiences().size() > Rules.CLIENT_IDS_MAX) {
      problems.add(origin.at("audiences"), "IAM accepts at most " + Rules.CLIENT_IDS_MAX + " audiences (client IDs)"
          + " per OIDC provider; this lists " + spacelift.audiences().size() + ".");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < spacelift.audiences().size(); i++) {
      String audience = spacelift.audiences().get(i);
      Mark mark = origin.at("audiences[" + i + "]");
      check(Rules.audience(audience), mark, "audience '" + audience + "'");
      if (!seen.add(audience)) {
        problems.add(mark, "audience '" + audience + "' is listed twice; list each audience once.");
      }
    }
    check(Rules.tokenFile(spacelift.tokenFile()), origin.at("tokenFile"), "tokenFile '" + spacelift.tokenFile() + "'");
    List<SubjectTemplate> templates = new ArrayList<>();
    Set<String> seenTemplates = new HashSet<>();
    for (int i = 0; i < spacelift.subjectTemplates().size(); i++) {
      String text = spacelift.subjectTemplates().get(i);
      Mark mark = origin.has("subjectTemplate[" + i + "]") ? origin.at("subjectTemplate[" + i + "]")
          : origin.at("subjectTemplate");
      List<String> templateProblems = SubjectTemplate.problems(text);
      for (String problem : templateProblems) {
        problems.add(mark, "subjectTemplate '" + text + "': " + problem + ".");
      }
      if (templateProblems.isEmpty()) {
        if (seenTemplates.add(text)) {
          templates.add(SubjectTemplate.parse(text));
        } else {
          problems.add(mark, "subjectTemplate '" + text + "' is listed twice; list each format once.");
        }
      }
    }
    return templates;
  }

  private TerraformPlan checkTerraform(TerraformSettings terraform, List<Account> accounts) {
    Optional<Versions.Version> version = Versions.parse(terraform.version());
    if (version.isEmpty()) {
      problems.add(terraform.origin().at("version"), "terraform version '" + terraform.version() + "' is not a"
          + " version number; write it like 1.9.0 (quote it: \"1.10\" is not 1.1).");
    } else if (version.get().compareTo(Versions.OLDEST_SUPPORTED) < 0) {
      problems.add(terraform.origin().at("version"), "terraform version '" + terraform.version() + "' is older"
          + " than 1.0, which the generated code needs (required_version \"" + Versions.REQUIRED_VERSION + "\");"
          + " upgrade the stacks' Terraform to 1.0 or later (1.6 or later lets the S3 backend use OIDC).");
    }
    boolean legacy = version.map(v -> v.compareTo(Versions.OIDC_BACKEND) < 0).orElse(false);
    boolean anyWithoutThumbprints = accounts.stream()
        .anyMatch(a -> a.thumbprints().isEmpty() && a.oidcProvider() == OidcProviderMode.CREATE);
    Optional<Boolean> admits = Versions.admitsAtLeast(terraform.awsProviderVersion(), Versions.OPTIONAL_THUMBPRINTS);
    if (admits.isEmpty()) {
      problems.add(terraform.origin().at("awsProviderVersion"), "awsProviderVersion '"
          + terraform.awsProviderVersion() + "' is not a Terraform version constraint; write e.g. \">= 5.81\" or"
          + " \"~> 6.0\".");
    } else if (!admits.get() && anyWithoutThumbprints) {
      problems.add(terraform.origin().at("awsProviderVersion"), "awsProviderVersion '"
          + terraform.awsProviderVersion() + "' excludes every AWS provider from 5.81 on, but an account without"
          + " thumbprints needs one (thumbprint_list is optional only since 5.81); allow >= 5.81 or list the"
          + " thumbprints.");
    }
    return new TerraformPlan(terraform.version(), legacy, Versions.REQUIRED_VERSION, terraform.awsProviderVersion());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Indexes and references

  private Map<String, Space> indexSpaces(List<Space> spaces) {
    checkUnique(spaces, Space::name, Space::origin, "name", "space");
    checkUnique(spaces, Space::id, Space::origin, "id", "space");
    Map<String, Space> byName = new LinkedHashMap<>();
    for (Space space : spaces) {
      if (space.name() != null) {
        check(Rules.spaceName(space.name()), space.origin().at("name"), "space name '" + space.name() + "'");
        byName.putIfAbsent(space.name(), space);
      }
      if (space.id() != null) {
        check(Rules.spaceId(space.id()), space.origin().at("id"), "space id '" + space.id() + "'");
      }
      if (space.path() != null) {
        check(Rules.spacePath(space.path()), space.origin().at("path"), "space path '" + space.path() + "'");
      }
    }
    return byName;
  }

  private Map<String, Account> indexAccounts(List<Account> accounts) {
    if (accounts.isEmpty()) {
      return Map.of();
    }
    checkUnique(accounts, Account::name, Account::origin, "name", "account");
    checkUnique(accounts, Account::id, Account::origin, "id", "account");
    Map<String, Account> byName = new LinkedHashMap<>();
    for (Account account : accounts) {
      Origin origin = account.origin();
      String what = "account '" + account.name() + "'";
      if (account.name() != null) {
        check(Rules.localName(account.name()), origin.at("name"), "account name '" + account.name() + "'");
        byName.putIfAbsent(account.name(), account);
      }
      if (account.id() != null) {
        check(Rules.accountId(account.id()), origin.at("id"), what + ": id '" + account.id() + "'");
      }
      boolean partitionOk = check(Rules.partition(account.partition()), origin.at("partition"),
          what + ": partition '" + account.partition() + "'");
      if (account.region() != null && check(Rules.region(account.region()), origin.at("region"),
          what + ": region '" + account.region() + "'") && partitionOk) {
        check(Rules.regionInPartition(account.region(), account.partition()), origin.at("region"), what);
      }
      if (account.thumbprints().size() > Rules.THUMBPRINTS_MAX) {
        problems.add(origin.at("thumbprints"), what + " lists " + account.thumbprints().size() + " thumbprints; IAM"
            + " accepts at most " + Rules.THUMBPRINTS_MAX + ".");
      }
      if (!account.thumbprints().isEmpty() && account.oidcProvider() == OidcProviderMode.EXISTING) {
        problems.add(origin.at("thumbprints"), what + " looks up an existing OIDC provider, so its thumbprints"
            + " cannot be set here; remove thumbprints or use oidcProvider: create.");
      }
      for (int i = 0; i < account.thumbprints().size(); i++) {
        String thumbprint = account.thumbprints().get(i);
        check(Rules.thumbprint(thumbprint), origin.at("thumbprints[" + i + "]"),
            what + ": thumbprint '" + thumbprint + "'");
      }
      Map<String, Role> byLowerName = new HashMap<>();
      for (Role role : account.roles()) {
        if (role.name() == null) {
          continue;
        }
        Role previous = byLowerName.putIfAbsent(role.name().toLowerCase(Locale.ROOT), role);
        if (previous != null) {
          problems.add(role.origin().at("name"), what + " defines role '" + role.name() + "' twice (first at line "
              + previous.origin().at("name").line() + "); IAM role names are unique per account, ignoring case."
              + " Rename or merge them.");
        }
      }
    }
    return byName;
  }

  private <T> void checkUnique(List<T> items, Function<T, String> key,
      Function<T, Origin> origin, String keyName, String kind) {
    Map<String, T> seen = new HashMap<>();
    for (T item : items) {
      String value = key.apply(item);
      if (value == null) {
        continue;
      }
      T previous = seen.putIfAbsent(value, item);
      if (previous != null) {
        problems.add(origin.apply(item).at(keyName), "duplicate " + kind + " " + keyName + " '" + value
            + "' (first at line " + origin.apply(previous).at(keyName).line() + "); each " + kind
            + " needs its own " + keyName + ".");
      }
    }
  }

  /** The values that occur more than once, for skipping checks that would only repeat "duplicate ...". */
  private static <T> Set<String> duplicates(List<T> items, Function<T, String> key) {
    Set<String> seen = new HashSet<>();
    Set<String> repeated = new HashSet<>();
    for (T item : items) {
      String value = key.apply(item);
      if (value != null && !seen.add(value)) {
        repeated.add(value);
      }
    }
    return repeated;
  }

  /**
   * Roles that a stack or module points at, or may have meant to when one of its references is broken. Such a role
   * without a grant is a consequence of the reported reference problem, not a role "trusted by nothing".
   */
  private boolean spacesDeclared = true;

  private final Set<Role> claimed = Collections.newSetFromMap(new IdentityHashMap<>());

  private void claim(Caller caller, Account account, Map<String, Account> accounts) {
    for (Account candidate : accounts.values()) {
      for (Role role : candidate.roles()) {
        boolean sameName = caller.role() != null && caller.role().equals(role.name());
        boolean couldBeMeant = account == null ? caller.role() == null : candidate == account;
        if (sameName || couldBeMeant) {
          claimed.add(role);
        }
      }
    }
  }

  /** Resolves a stack's or module's space, account and role, and records its grant. */
  private Role resolveCaller(Caller caller, Map<String, Space> spaces, Map<String, Account> accounts,
      Map<Role, List<Grant>> grants) {
    Origin origin = caller.origin();
    String what = caller.describe();
    if (caller.id() != null) {
      check(Rules.callerId(caller.id(), caller.callerType().claim()), origin.at("id"),
          what + ": id '" + caller.id() + "'");
    }
    // Without a spaces: key (reported already, perhaps as a misspelt key), "unknown space" would only repeat it.
    Space space = caller.space() == null || !spacesDeclared ? null
        : lookup(spaces, caller.space(), origin.at("space"), what, "space");
    // With no accounts at all, that problem is already reported; "unknown account" would only repeat it.
    Account account = caller.account() == null || accounts.isEmpty() ? null
        : lookup(accounts, caller.account(), origin.at("account"), what, "account");
    if (account == null || caller.role() == null) {
      claim(caller, account, accounts);
      return null;
    }
    Role role = findRole(account, caller.role());
    if (role == null && roleNames(account).isEmpty()) {
      claim(caller, account, accounts);
      return null; // the account's missing or broken roles are reported already
    }
    if (role == null) {
      claim(caller, account, accounts);
      Optional<Account> owner = accounts.values().stream().filter(a -> findRole(a, caller.role()) != null).findFirst();
      if (owner.isPresent()) {
        problems.add(origin.at("role"), what + " names role '" + caller.role() + "', which belongs to account '"
            + owner.get().name() + "', not '" + account.name() + "'. Set account: " + owner.get().name()
            + ", or pick a role of " + account.name() + " ("
            + String.join(", ", roleNames(account)) + ").");
      } else {
        problems.add(origin.at("role"), what + " names unknown role '" + caller.role() + "' of account '"
            + account.name() + "' (known: " + String.join(", ", roleNames(account)) + ")."
            + Suggestions.didYouMean(caller.role(), roleNames(account)));
      }
      return null;
    }
    claimed.add(role);
    if (space != null && caller.id() != null) {
      grants.get(role).add(new Grant(what, space.name(), space.id(), space.path(), caller.callerType(), caller.id(),
          caller.runTypes(), caller.scopes(), origin.mark()));
    }
    return role;
  }

  private static Role findRole(Account account, String name) {
    return account.roles().stream().filter(r -> name.equals(r.name())).findFirst().orElse(null);
  }

  private static List<String> roleNames(Account account) {
    return account.roles().stream().map(Role::name).filter(Objects::nonNull).toList();
  }

  private <T> T lookup(Map<String, T> byName, String name, Mark mark, String what, String kind) {
    T found = byName.get(name);
    if (found == null) {
      String known = byName.isEmpty() ? "none are defined" : "known: " + String.join(", ", byName.keySet());
      problems.add(mark, what + " names unknown " + kind + " '" + name + "' (" + known + ")."
          + Suggestions.didYouMean(name, byName.keySet()));
    }
    return found;
  }

  /**
   * Checks a directory and that no two outputs share it.
   *
   * @param nameKey the key the default directory derives from ({@code name} or {@code id})
   * @param duplicateName whether that name is a reported duplicate: then its default directory clashes by itself
   */
  private void checkDirectory(String directory, Origin origin, String what, String nameKey, boolean duplicateName,
      Map<String, String> owners) {
    if (directory == null) {
      return;
    }
    boolean explicit = origin.has("directory");
    Mark mark = explicit ? origin.at("directory") : origin.at(nameKey);
    if (!check(Rules.directory(directory), mark, what + ": directory '" + directory + "'")) {
      return;
    }
    if (!explicit && duplicateName) {
      return;
    }
    String normalized = Rules.normalizeDirectory(directory);
    String previous = owners.putIfAbsent(normalized, what);
    if (previous != null) {
      problems.add(mark, what + " generates into '" + normalized + "'" + (explicit ? "" : " (the default for its "
          + nameKey + ")") + ", which " + previous + " already uses; a directory holds one provider configuration,"
          + " so give each its own directory.");
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Stacks

  private StackPlan planStack(Stack stack, Role role, Map<Role, Account> accountOfRole, Map<String, Space> spaces,
      SpaceliftSettings spacelift, boolean legacy) {
    Origin origin = stack.origin();
    String what = "stack '" + stack.id() + "'";
    Account account = role == null ? null : accountOfRole.get(role);
    if (stack.region() != null && check(Rules.region(stack.region()), origin.at("region"),
        what + ": region '" + stack.region() + "'") && account != null) {
      check(Rules.regionInPartition(stack.region(), account.partition()), origin.at("region"), what);
    }
    BackendPlan backend = null;
    if (stack.backend() != null) {
      Backend b = stack.backend();
      Origin bo = b.origin();
      if (b.bucket() != null) {
        check(Rules.bucket(b.bucket()), bo.at("bucket"), what + ": backend bucket '" + b.bucket() + "'");
      }
      if (b.key() != null) {
        check(Rules.s3Key(b.key()), bo.at("key"), what + ": backend key '" + b.key() + "'");
      }
      if (b.region() != null) {
        check(Rules.region(b.region()), bo.at("region"), what + ": backend region '" + b.region() + "'");
      }
      if (b.dynamodbTable() != null && !b.dynamodbTable().matches("[A-Za-z0-9_.-]{3,255}")) {
        problems.add(bo.at("dynamodbTable"), what + ": dynamodbTable '" + b.dynamodbTable() + "': DynamoDB table"
            + " names have 3 to 255 letters, digits, '_', '.' and '-'.");
      }
      backend = new BackendPlan(b.bucket(), b.key(), b.region(), b.dynamodbTable());
    }
    List<AliasPlan> aliases = new ArrayList<>();
    Set<String> aliasNames = new HashSet<>();
    for (ProviderAlias alias : stack.aliases()) {
      Origin ao = alias.origin();
      if (alias.name() != null) {
        check(Rules.aliasName(alias.name()), ao.at("name"), what + ": provider alias '" + alias.name() + "'");
        if (!aliasNames.add(alias.name())) {
          problems.add(ao.at("name"), what + " defines provider alias '" + alias.name() + "' twice; alias names"
              + " must be unique in the stack.");
        }
      }
      if (alias.region() != null && check(Rules.region(alias.region()), ao.at("region"),
          what + ": alias region '" + alias.region() + "'") && account != null) {
        check(Rules.regionInPartition(alias.region(), account.partition()), ao.at("region"), what);
      }
      aliases.add(new AliasPlan(alias.name(), alias.region()));
    }
    if (account == null || stack.id() == null || stack.directory() == null) {
      return null;
    }
    Space space = spaces.get(stack.space());
    return new StackPlan(stack.id(), stack.space(), space == null ? null : space.id(), account.name(), account.id(),
        account.partition(), stack.region() == null ? account.region() : stack.region(),
        Rules.normalizeDirectory(stack.directory()), role.name(), roleArn(account, role), spacelift.tokenFile(),
        legacy, backend, aliases);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Accounts and roles

  private AccountPlan planAccount(Account account, Config config, SpaceliftSettings spacelift,
      Map<String, Space> spaces, Map<Role, List<Grant>> grants, List<SubjectTemplate> templates) {
    String providerArn = "arn:" + account.partition() + ":iam::" + account.id() + ":oidc-provider/"
        + spacelift.hostname();
    boolean create = account.oidcProvider() == OidcProviderMode.CREATE;
    String providerAddress = (create ? "" : "data.") + "aws_iam_openid_connect_provider.spacelift";
    List<RolePlan> roles = new ArrayList<>();
    Set<String> resourceNames = new HashSet<>();
    for (Role role : account.roles()) {
      RolePlan plan = planRole(account, role, config, spacelift, spaces, grants.get(role), templates, providerArn,
          resourceNames);
      if (plan != null) {
        roles.add(plan);
      }
    }
    String directory = account.directory() == null ? null : Rules.normalizeDirectory(account.directory());
    return new AccountPlan(account.name(), account.id(), account.region(), account.partition(), directory, create,
        account.thumbprints().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList(), providerArn, providerAddress,
        roles);
  }

  private RolePlan planRole(Account account, Role role, Config config, SpaceliftSettings spacelift,
      Map<String, Space> spaces, List<Grant> callerGrants, List<SubjectTemplate> templates, String providerArn,
      Set<String> resourceNames) {
    Origin origin = role.origin();
    String what = "role '" + role.name() + "' of account '" + account.name() + "'";
    if (role.name() != null) {
      check(Rules.roleName(role.name()), origin.at("name"), what);
    }
    check(Rules.rolePath(role.path()), origin.at("path"), what + ": path '" + role.path() + "'");
    if (role.description() != null) {
      check(Rules.description(role.description()), origin.at("description"), what + ": description");
    }
    if (role.maxSessionDuration() != null) {
      check(Rules.sessionDuration(role.maxSessionDuration()), origin.at("maxSessionDuration"),
          what + ": maxSessionDuration " + role.maxSessionDuration());
    }
    String boundary = null;
    if (role.permissionsBoundary() != null) {
      boundary = policyArn(role.permissionsBoundary(), account, origin.at("permissionsBoundary"),
          what + ": permissionsBoundary");
    }
    if (role.managedPolicies().size() > Rules.MANAGED_POLICIES_MAX) {
      problems.add(origin.at("managedPolicies"), what + " attaches " + role.managedPolicies().size() + " managed"
          + " policies; IAM allows " + Rules.MANAGED_POLICIES_MAX + " per role by default. Combine some into one"
          + " customer-managed policy.");
    }
    TreeSet<String> managed = new TreeSet<>();
    for (int i = 0; i < role.managedPolicies().size(); i++) {
      String reference = role.managedPolicies().get(i);
      Mark mark = origin.at("managedPolicies[" + i + "]");
      String arn = policyArn(reference, account, mark, what + ": managed policy");
      if (arn != null && !managed.add(arn)) {
        problems.add(mark, what + " attaches " + arn + " twice; list it once.");
      }
    }
    List<InlinePolicyPlan> inline = planInlinePolicies(role, config, what, resourceNameOf(role, resourceNames),
        policyResourceNames.computeIfAbsent(account, a -> new HashSet<>()));
    List<Tag> tags = checkTags(role, what);
    List<Grant> allGrants = new ArrayList<>(callerGrants);
    allGrants.addAll(ruleGrants(role, spaces, what));
    if (allGrants.isEmpty() && !role.trust().isEmpty()) {
      return null; // each of its rules was refused with a problem of its own; "trusted by nothing" would mislead
    }
    if (allGrants.isEmpty()) {
      // A nameless role, a role a broken stack reference may mean, and a role whose rules all failed: each is
      // reported already, and "trusted by nothing" would send the user after the wrong fix.
      if (role.name() != null && !claimed.contains(role) && role.trust().isEmpty()) {
        problems.add(origin.at("name"), what + " is trusted by no stack, module or trust rule, so its trust policy"
            + " would be empty. Point a stack or module at it, add a trust rule, or remove the role.");
      }
      return null;
    }
    if (spacelift.hostname() == null || account.id() == null || role.name() == null || templates.isEmpty()) {
      return null;
    }
    checkSpacePaths(allGrants, templates, spaces);
    List<String> patterns = new ArrayList<>();
    for (Grant grant : allGrants) {
      for (SubjectTemplate template : templates) {
        List<String> missing = grant.inexpressible(template);
        if (!missing.isEmpty()) {
          problems.add(grant.mark(), grant.source() + " (trusted by " + what + ") pins down " + String.join(", ",
              missing) + ", but subject template '" + template.text() + "' does not carry it, so the trust policy"
              + " would allow more than asked. Add the placeholder to the template, or drop the restriction.");
        }
        patterns.addAll(grant.patterns(template));
      }
    }
    List<String> actions = role.sessionTagging()
        ? List.of(TrustPolicy.ASSUME_ACTION, TrustPolicy.TAG_SESSION_ACTION)
        : List.of(TrustPolicy.ASSUME_ACTION);
    TrustPolicy policy = new TrustPolicy(providerArn, spacelift.hostname(), actions, spacelift.audiences(),
        TrustPolicy.minimalPatterns(patterns));
    int size = policy.size();
    if (size > maxTrustPolicySize) {
      problems.add(origin.at("name"), String.format(Locale.ROOT, "%s: its trust policy would be %,d characters"
          + " (not counting whitespace), over the limit of %,d, with %d subject patterns. Replace per-stack subjects"
          + " with a space-wide trust rule (trust: [{space: <name>, stack: \"*\"}]), or split the role; if AWS"
          + " raised this account's quota, set the plugin parameter maxTrustPolicySize.",
          what, size, maxTrustPolicySize, policy.subjects().size()));
    }
    return new RolePlan(role.name(), resourceNameOf(role, resourceNames), role.description(), role.path(),
        role.maxSessionDuration(), boundary, List.copyOf(managed), inline, tags, roleArn(account, role), policy,
        allGrants);
  }

  private final Map<Role, String> resourceNames = new IdentityHashMap<>();
  // Inline policy resource names per account: role "a" + policy "b-c" and role "a-b" + policy "c" sanitise alike.
  private final Map<Account, Set<String>> policyResourceNames = new IdentityHashMap<>();

  /** A Terraform name for the role, unique in its module even when two names sanitise alike. */
  private String resourceNameOf(Role role, Set<String> taken) {
    return resourceNames.computeIfAbsent(role, r -> unique(Hcl.identifier(r.name() == null ? "role" : r.name()),
        taken));
  }

  private static String unique(String base, Set<String> taken) {
    String name = base;
    for (int i = 2; !taken.add(name); i++) {
      name = base + "_" + i;
    }
    return name;
  }

  private List<Grant> ruleGrants(Role role, Map<String, Space> spaces, String what) {
    List<Grant> grants = new ArrayList<>();
    for (int i = 0; i < role.trust().size(); i++) {
      TrustRule rule = role.trust().get(i);
      Origin ro = rule.origin();
      String source = "trust rule " + (i + 1) + " of " + what;
      if (rule.stack() != null && rule.module() != null) {
        problems.add(ro.at("module"), source + " names both a stack and a module; a subject is one or the other,"
            + " so split it into two rules.");
        continue;
      }
      Space space = null;
      if (rule.space() == null) {
        continue;
      }
      if (!TrustRule.ANY.equals(rule.space())) {
        space = spacesDeclared ? lookup(spaces, rule.space(), ro.at("space"), source, "space") : null;
        if (space == null) {
          continue;
        }
      }
      CallerType type = rule.stack() != null ? CallerType.STACK : rule.module() != null ? CallerType.MODULE : null;
      String id = rule.stack() != null ? rule.stack() : rule.module();
      String idKey = rule.stack() != null ? "stack" : "module";
      if (id != null && !TrustRule.ANY.equals(id)) {
        if (!check(Rules.callerId(id, idKey), ro.at(idKey), source + ": " + idKey + " '" + id + "'")) {
          continue;
        }
      } else {
        id = null;
      }
      Grant grant = new Grant(source, space == null ? null : space.name(), space == null ? null : space.id(),
          space == null ? null : space.path(), type, id, rule.runTypes(), rule.scopes(), ro.mark());
      if (grant.isUnrestricted() && !role.allowAnySubject()) {
        problems.add(ro.at("space"), source + " trusts every " + (type == null ? "stack and module"
            : type.claim()) + " in every space of the Spacelift account (space \"*\" without a specific "
            + (type == null ? "stack or module" : type.claim()) + "). Name a space or a " + (type == null ? "stack"
            : type.claim()) + " id; if the role really must trust them all, set allowAnySubject: true on the role.");
        continue;
      }
      grants.add(grant);
    }
    return grants;
  }

  private void checkSpacePaths(List<Grant> grants, List<SubjectTemplate> templates, Map<String, Space> spaces) {
    if (templates.stream().noneMatch(t -> t.uses(SubjectTemplate.SPACE_PATH))) {
      return;
    }
    for (Grant grant : grants) {
      if (grant.spaceName() != null && grant.spacePath() == null) {
        Space space = spaces.get(grant.spaceName());
        problems.add(space.origin().mark(), "space '" + space.name() + "' has no path, but the subject template uses"
            + " {spacePath}; add path: with the space's path as Spacelift writes it into the token.");
      }
    }
  }

  private List<InlinePolicyPlan> planInlinePolicies(Role role, Config config, String what, String roleResource,
      Set<String> resources) {
    List<InlinePolicyPlan> plans = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int total = 0;
    for (InlinePolicy policy : role.inlinePolicies()) {
      Origin po = policy.origin();
      if (policy.name() == null) {
        continue;
      }
      check(Rules.policyName(policy.name()), po.at("name"), what + ": inline policy '" + policy.name() + "'");
      if (!names.add(policy.name())) {
        problems.add(po.at("name"), what + " has two inline policies named '" + policy.name() + "'; rename one.");
      }
      YNode document = loadDocument(policy, config, what);
      if (document == null) {
        continue;
      }
      StringBuilder json = new StringBuilder();
      JsonText.write(document, json);
      total += JsonText.nonWhitespaceLength(json.toString());
      plans.add(new InlinePolicyPlan(policy.name(),
          unique(roleResource + "_" + Hcl.identifier(policy.name()).replaceFirst("^r_", ""), resources),
          Hcl.expression(document)));
    }
    if (total > Rules.INLINE_POLICIES_TOTAL_MAX) {
      problems.add(role.origin().at("inlinePolicies"), String.format(Locale.ROOT, "%s: its inline policies add up"
          + " to %,d characters (not counting whitespace), over IAM's limit of %,d per role; move some statements"
          + " into a customer-managed policy and list it under managedPolicies.", what, total,
          Rules.INLINE_POLICIES_TOTAL_MAX));
    }
    return plans;
  }

  private YNode loadDocument(InlinePolicy policy, Config config, String what) {
    String label = what + ": inline policy '" + policy.name() + "'";
    YNode document;
    if (policy.file() != null) {
      Path base = config.file().toAbsolutePath().getParent();
      Path file = base.resolve(policy.file()).normalize();
      if (!Files.isRegularFile(file)) {
        problems.add(policy.origin().at("file"), label + " reads '" + policy.file() + "', which does not exist"
            + " (looked for " + file + "); paths are relative to the YAML file's directory.");
        return null;
      }
      String display = displayPath(config, policy.file());
      inputFiles.add(file);
      Problems local = new Problems();
      document = reader.read(file, display, TreeReader.Format.JSON, local).orElse(null);
      // The position is in the JSON file; the message also says which policy of the YAML reads it.
      Mark reference = policy.origin().at("file");
      local.sorted().forEach(problem -> problems.add(problem.mark(), label + " (file: at " + reference.file() + ":"
          + reference.line() + "): " + problem.message()));
    } else if (policy.document() instanceof YScalar scalar) {
      Problems local = new Problems();
      document = reader.readString(scalar.text(), config.displayName(), TreeReader.Format.JSON, local).orElse(null);
      if (document == null) {
        Mark inString = local.sorted().get(0).mark();
        problems.add(scalar.mark(), label + ": its document string is not valid JSON at line " + inString.line()
            + ", column " + inString.column() + " of the string: " + local.sorted().get(0).message()
            + ". Or write the document as YAML keys instead of a string.");
      }
    } else {
      document = policy.document();
    }
    if (document == null) {
      return null;
    }
    if (!(document instanceof YMap map) || map.get("Statement") == null) {
      problems.add(document.mark(), label + " is not an IAM policy: it needs a top-level map with a \"Statement\""
          + " list, e.g. {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", ...}]}.");
      return null;
    }
    return document;
  }

  private static String displayPath(Config config, String relative) {
    String displayDir = config.displayName().contains("/")
        ? config.displayName().substring(0, config.displayName().lastIndexOf('/') + 1) : "";
    return Rules.normalizeDirectory(displayDir + relative);
  }

  private List<Tag> checkTags(Role role, String what) {
    Origin origin = role.origin();
    if (role.tags().size() > Rules.TAGS_MAX) {
      problems.add(origin.at("tags"), what + " has " + role.tags().size() + " tags; IAM allows at most "
          + Rules.TAGS_MAX + ".");
    }
    List<Tag> tags = new ArrayList<>();
    for (Map.Entry<String, String> tag : role.tags().entrySet()) {
      Mark keyMark = origin.at("tags." + tag.getKey());
      Mark valueMark = origin.at("tags." + tag.getKey() + "="); // the binder records each value's position so
      check(Rules.tagKey(tag.getKey()), keyMark, what + ": tag key '" + tag.getKey() + "'");
      check(Rules.tagValue(tag.getValue()), valueMark, what + ": value of tag '" + tag.getKey() + "'");
      tags.add(new Tag(tag.getKey(), tag.getValue()));
    }
    return tags;
  }

  /** The full ARN of a managed policy reference, checked against the account's partition; null when invalid. */
  private String policyArn(String reference, Account account, Mark mark, String what) {
    if (!check(Rules.policyReference(reference), mark, what + " '" + reference + "'")) {
      return null;
    }
    if (!reference.startsWith("arn:")) {
      return "arn:" + account.partition() + ":iam::aws:policy/" + reference;
    }
    String partition = reference.split(":", 3)[1];
    if (!partition.equals(account.partition())) {
      problems.add(mark, what + " '" + reference + "' is in partition '" + partition + "', but account '"
          + account.name() + "' is in '" + account.partition() + "'; use arn:" + account.partition()
          + ":... or just the policy name for an AWS-managed policy.");
      return null;
    }
    return reference;
  }

  private static String roleArn(Account account, Role role) {
    return "arn:" + account.partition() + ":iam::" + account.id() + ":role" + role.path() + role.name();
  }

  /** Reports {@code failure}, if any, as "what: failure."; returns whether the value passed. */
  private boolean check(Optional<String> failure, Mark mark, String what) {
    failure.ifPresent(message -> problems.add(mark, what + ": " + message + "."));
    return failure.isEmpty();
  }
}
