package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.model.Account;
import io.github.spaceliftoidc.core.model.CallerType;
import io.github.spaceliftoidc.core.model.OidcProviderMode;
import io.github.spaceliftoidc.core.model.Origin;
import io.github.spaceliftoidc.core.model.Role;
import io.github.spaceliftoidc.core.model.RunType;
import io.github.spaceliftoidc.core.model.Scope;
import io.github.spaceliftoidc.core.model.Space;
import io.github.spaceliftoidc.core.model.SpaceliftSettings;
import io.github.spaceliftoidc.core.plan.RolePlan.InlinePolicyPlan;
import io.github.spaceliftoidc.core.plan.RolePlan.Tag;
import io.github.spaceliftoidc.core.problem.Hints;
import io.github.spaceliftoidc.core.problem.Mark;
import io.github.spaceliftoidc.core.trust.Grant;
import io.github.spaceliftoidc.core.trust.StringLike;
import io.github.spaceliftoidc.core.trust.SubjectTemplate;
import io.github.spaceliftoidc.core.trust.TrustPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The accounts and their roles: each role's settings and policies checked against IAM's limits, its grants (from the
 * stacks and modules that use it, and from its trust rules), its tags and its Terraform names, and the trust policy
 * that the grants give under the subject templates. Runs after every stack and module is resolved.
 */
final class Roles {

  private final Checks checks;
  private final References references;
  private final InlinePolicies inlinePolicies;
  private final SpaceliftSettings spacelift;
  private final List<SubjectTemplate> templates;
  private final int maxTrustPolicySize;
  private final Hints hints;
  private final EngineFeatures features;
  private final TrustRules trustRules;

  Roles(Checks checks, References references, InlinePolicies inlinePolicies, SpaceliftSettings spacelift,
      List<SubjectTemplate> templates, int maxTrustPolicySize, Hints hints, EngineFeatures features) {
    this.features = features;
    this.checks = checks;
    this.references = references;
    this.inlinePolicies = inlinePolicies;
    this.spacelift = spacelift;
    this.templates = templates;
    this.maxTrustPolicySize = maxTrustPolicySize;
    this.hints = hints;
    this.trustRules = new TrustRules(checks, references, spacelift, templates);
  }

  /** Checks an account and plans its roles, in YAML order; a role with problems is left out (reported). */
  AccountPlan plan(Account account) {
    checkAccount(account);
    String providerArn = "arn:" + account.partition() + ":iam::" + account.id() + ":oidc-provider/"
        + spacelift.hostname();
    ResourceNames names = new ResourceNames();
    List<RolePlan> roles = new ArrayList<>();
    for (Role role : account.roles()) {
      RolePlan plan = plan(account, role, providerArn, names);
      if (plan != null) {
        roles.add(plan);
      }
    }
    String directory = account.directory() == null ? null : Rules.normalizeDirectory(account.directory());
    return new AccountPlan(account.name(), account.id(), account.region(), account.partition(), directory,
        account.oidcProvider() == OidcProviderMode.CREATE,
        account.thumbprints().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList(), providerArn, roles,
        CrossAccountState.bucketPolicies(account, roles, references), CrossAccountState.keyPolicies(account, roles));
  }

  private void checkAccount(Account account) {
    Origin origin = account.origin();
    String what = "account '" + account.name() + "'";
    if (account.id() != null) {
      checks.check(Rules.accountId(account.id()), origin.at("id"), what + ": id '" + account.id() + "'");
    }
    boolean partitionOk = checks.check(Rules.partition(account.partition()), origin.at("partition"),
        what + ": partition '" + account.partition() + "'");
    if (account.region() != null && checks.check(Rules.region(account.region()), origin.at("region"),
        what + ": region '" + account.region() + "'") && partitionOk) {
      checks.check(Rules.regionInPartition(account.region(), account.partition()), origin.at("region"), what);
    }
    if (account.thumbprints().size() > Rules.THUMBPRINTS_MAX) {
      checks.add(origin.at("thumbprints"), what + " lists " + account.thumbprints().size() + " thumbprints; IAM"
          + " accepts at most " + Rules.THUMBPRINTS_MAX + ".");
    }
    if (!account.thumbprints().isEmpty() && account.oidcProvider() == OidcProviderMode.EXISTING) {
      checks.add(origin.at("thumbprints"), what + " looks up an existing OIDC provider, so its thumbprints"
          + " cannot be set here; remove thumbprints or use oidcProvider: create.");
    }
    for (int i = 0; i < account.thumbprints().size(); i++) {
      String thumbprint = account.thumbprints().get(i);
      checks.check(Rules.thumbprint(thumbprint), origin.at("thumbprints[" + i + "]"),
          what + ": thumbprint '" + thumbprint + "'");
    }
    Map<String, Role> byLowerName = new HashMap<>();
    for (Role role : account.roles()) {
      if (role.name() == null) {
        continue;
      }
      Role previous = byLowerName.putIfAbsent(role.name().toLowerCase(Locale.ROOT), role);
      if (previous != null) {
        checks.add(role.origin().at("name"), what + " defines role '" + role.name() + "' twice (first at line "
            + previous.origin().at("name").line() + "); IAM role names are unique per account, ignoring case."
            + " Rename or merge them.");
      }
    }
  }

  private RolePlan plan(Account account, Role role, String providerArn, ResourceNames names) {
    Origin origin = role.origin();
    String what = "role '" + role.name() + "' of account '" + account.name() + "'";
    if (role.name() != null) {
      checks.check(Rules.roleName(role.name()), origin.at("name"), what);
    }
    checks.check(Rules.rolePath(role.path()), origin.at("path"), what + ": path '" + role.path() + "'");
    if (role.description() != null) {
      checks.check(Rules.description(role.description()), origin.at("description"), what + ": description");
    }
    if (role.maxSessionDuration() != null) {
      checks.check(Rules.sessionDuration(role.maxSessionDuration()), origin.at("maxSessionDuration"),
          what + ": maxSessionDuration " + role.maxSessionDuration());
    }
    String boundary = role.permissionsBoundary() == null ? null
        : policyArn(role.permissionsBoundary(), account, origin.at("permissionsBoundary"),
            what + ": permissionsBoundary");
    List<String> managed = managedPolicies(role, account, what);
    // Every role takes its name in YAML order, also one that is left out below (which fails the run anyway).
    String resourceName = names.role(role.name());
    List<InlinePolicyPlan> inline = inlinePolicies.plan(role, what, resourceName, names);
    StatePolicyPlan statePolicy = statePolicy(account, role, resourceName, names, inline, what);
    List<Tag> tags = tags(role, what);
    List<Grant> grants = new ArrayList<>(references.callerGrants(role));
    grants.addAll(trustRules.grants(role, account));
    if (grants.isEmpty()) {
      // Each rule that failed, a broken stack reference that may mean this role, and a nameless role are reported
      // already; "trusted by nothing" would send the user after the wrong fix.
      if (role.name() != null && !references.isClaimed(role) && role.trust().isEmpty()) {
        checks.add(origin.at("name"), what + " is trusted by no stack, module or trust rule, so its trust policy"
            + " would be empty. Point a stack or module at it, add a trust rule, or remove the role.");
      }
      return null;
    }
    if (spacelift.hostname() == null || account.id() == null || role.name() == null || templates.isEmpty()) {
      return null;
    }
    refuseRulesThatLetAStacksPlanPhaseApply(role, grants, what);
    TrustPolicy policy = trustPolicy(role, grants, providerArn, what);
    List<String> warnings = new ArrayList<>();
    warnings.addAll(writeCapableWarnings(role, managed, grants, what));
    warnings.addAll(sharedApplyRoleWarnings(role, grants, what));
    warnings.addAll(sharedStateWarnings(role, grants, what));
    return new RolePlan(role.name(), resourceName, role.description(), role.path(), role.maxSessionDuration(),
        boundary, managed, inline, tags, References.roleArn(account, role), policy, grants, references.planRoleOf(role),
        references.applyRoleOf(role), statePolicy, warnings);
  }

  /**
   * The generated state policy of a role that stacks' backends use, or null; checked against the name of the role's
   * own inline policies and against IAM's limit on their total size.
   */
  private StatePolicyPlan statePolicy(Account account, Role role, String resourceName, ResourceNames names,
      List<InlinePolicyPlan> inline, String what) {
    List<StatePolicies.Access> accesses = references.stateAccess(role);
    if (!role.statePolicy() || accesses.isEmpty()) {
      return null;
    }
    for (InlinePolicyPlan own : inline) {
      if (own.name().equals(StatePolicyPlan.NAME)) {
        checks.add(role.origin().at("inlinePolicies"), what + " has an inline policy named '" + StatePolicyPlan.NAME
            + "', the name of the state policy the plugin generates for it; rename yours, or set statePolicy:"
            + " false and keep your own.");
      }
    }
    StatePolicyPlan policy = StatePolicies.plan(accesses, account.partition(), account.id(),
        names.inlinePolicy(resourceName, StatePolicyPlan.NAME));
    int own = inline.stream().mapToInt(InlinePolicies::size).sum();
    if (own <= Rules.INLINE_POLICIES_TOTAL_MAX && own + policy.size() > Rules.INLINE_POLICIES_TOTAL_MAX) {
      checks.add(role.origin().at("name"), String.format(Locale.ROOT, "%s: the state policy for the backends of"
          + " %d stacks (%,d characters) and its own inline policies (%,d) add up to more than IAM's limit of %,d"
          + " per role. Give some of those stacks their own role, or set statePolicy: false and grant the state"
          + " access in a customer-managed policy.", what, policy.stacks().size(), policy.size(), own,
          Rules.INLINE_POLICIES_TOTAL_MAX));
    }
    return policy;
  }

  /**
   * The warnings about the role's write-capable AWS-managed policies when runs that should only read may assume it:
   * PROPOSED runs (a pull request's code), and where the provider tells the phases apart, tracked runs while they
   * plan (scope read). Each is also in the build log, at the policy.
   */
  private List<String> writeCapableWarnings(Role role, List<String> managed, List<Grant> grants, String what) {
    List<String> writers = managed.stream().filter(WriteCapablePolicies::contains).toList();
    if (writers.isEmpty()) {
      return List.of();
    }
    List<String> readers = new ArrayList<>();
    List<String> readingStacks = new ArrayList<>();
    for (Grant grant : grants) {
      List<String> runs = new ArrayList<>();
      if (admits(grant, RunType.PROPOSED, Scope.READ)) {
        runs.add("PROPOSED runs (pull requests)");
      }
      if (features.phaseAware() && admits(grant, RunType.TRACKED, Scope.READ)) {
        runs.add("tracked runs while they plan (scope read)");
      }
      if (!runs.isEmpty()) {
        readers.add(grant.source() + ": " + String.join(" and ", runs));
        if (grant.source() instanceof Grant.Source.Caller caller && caller.type() == CallerType.STACK
            && !readingStacks.contains(caller.id())) {
          readingStacks.add(caller.id());
        }
      }
    }
    if (readers.isEmpty()) {
      return List.of();
    }
    List<String> planning = references.planRoleOf(role);
    String fix;
    if (!planning.isEmpty()) {
      fix = "It is the planRole of " + stacks(planning) + ": give it read-only policies (such as ReadOnlyAccess)"
          + " and keep the write policies on the stack's role.";
    } else if (!readingStacks.isEmpty()) {
      fix = "Give " + stacks(readingStacks) + " a planRole with read-only policies (such as ReadOnlyAccess) and keep"
          + " this role for applying: pull requests then plan with the read-only role.";
    } else {
      fix = "Narrow the runTypes and scopes to runs that apply (for example runTypes: [TRACKED], scopes: [write]),"
          + " or move the write policies to a role that only those runs assume.";
    }
    List<String> warnings = new ArrayList<>();
    for (String arn : writers) {
      String message = what + " carries " + arn + ", which can change AWS resources, and runs that should only"
          + " read may assume it: " + listed(readers) + ". Code that nobody has reviewed could then write. " + fix;
      checks.warn(Checks.WarningKind.WRITE_CAPABLE_POLICY, role.origin().at("managedPolicies["
          + role.managedPolicies().indexOf(shortOrFull(role, arn)) + "]"), message);
      warnings.add(message);
    }
    return warnings;
  }

  /** How the YAML names a managed policy whose full ARN is {@code arn} (by name, or in full). */
  private static String shortOrFull(Role role, String arn) {
    String prefix = WriteCapablePolicies.AWS_MANAGED;
    String name = arn.substring(arn.indexOf(prefix) + prefix.length());
    return role.managedPolicies().contains(arn) ? arn : name;
  }

  /**
   * A role that a stack assumes only to apply, beside its planRole, trusts no run of that stack that only plans: no
   * PROPOSED run and, where the provider tells the phases apart, no tracked run with a read token. The stack's own
   * grants are split so (Phases); a trust rule on the role that would admit such a run anyway is refused, since it
   * would give the stack's pull requests the apply credentials. Checked on the subjects those runs present.
   */
  private void refuseRulesThatLetAStacksPlanPhaseApply(Role role, List<Grant> grants, String what) {
    List<String> appliers = references.applyRoleOf(role);
    List<Grant> rules = grants.stream().filter(grant -> grant.source() instanceof Grant.Source.Rule).toList();
    if (appliers.isEmpty() || rules.isEmpty()) {
      return;
    }
    List<RunType> planPhase = features.phaseAware() ? List.of(RunType.PROPOSED, RunType.TRACKED)
        : List.of(RunType.PROPOSED);
    Set<String> reported = new HashSet<>();
    for (SubjectTemplate template : templates) {
      Map<Grant, List<String>> rulePatterns = new LinkedHashMap<>();
      rules.stream().filter(rule -> rule.appliesTo(template))
          .forEach(rule -> rulePatterns.put(rule, rule.patterns(template)));
      for (Grant own : grants) {
        if (own.source() instanceof Grant.Source.Caller caller && caller.type() == CallerType.STACK
            && appliers.contains(caller.id())) {
          for (RunType runType : planPhase) {
            planPhaseSubject(template, own, runType).ifPresent(subject -> rulePatterns.forEach((rule, patterns) -> {
              if (patterns.stream().anyMatch(pattern -> StringLike.matches(pattern, subject))
                  && reported.add(rule.source() + "/" + caller.id())) {
                checks.add(rule.mark(), planPhaseRefusal(rule, caller.id(), runType, what));
              }
            }));
          }
        }
      }
    }
  }

  /** The sub that a run of the stack of {@code own} presents while it plans; empty where the template needs more. */
  private static Optional<String> planPhaseSubject(SubjectTemplate template, Grant own, RunType runType) {
    Map<String, String> values = new HashMap<>();
    values.put(SubjectTemplate.SPACE_ID, own.spaceId());
    values.put(SubjectTemplate.SPACE_PATH, own.spacePath());
    values.put(SubjectTemplate.CALLER_TYPE, CallerType.STACK.claim());
    values.put(SubjectTemplate.CALLER_ID, own.callerId());
    values.put(SubjectTemplate.RUN_ID, "01HND497T9JKR76MR3KA2CDJHP");
    values.put(SubjectTemplate.RUN_TYPE, runType.name());
    values.put(SubjectTemplate.SCOPE, Scope.READ.claim());
    // A space without a path under a template with {spacePath} is reported elsewhere.
    return template.placeholders().stream().anyMatch(placeholder -> values.get(placeholder) == null)
        ? Optional.empty() : Optional.of(template.render(values));
  }

  private String planPhaseRefusal(Grant rule, String stackId, RunType runType, String what) {
    String runs = runType == RunType.PROPOSED ? "PROPOSED runs (pull requests)"
        : "TRACKED runs while they plan (scope read)";
    return rule.source() + " lets " + runs + " of stack '" + stackId + "' assume " + what + ", which that stack"
        + " assumes only to apply (it plans with its planRole), so its pull requests would get the apply credentials."
        + " Narrow the rule (runTypes without PROPOSED" + (features.phaseAware() ? ", and scopes: [write]" : "")
        + ", or a stack or space that leaves stack '" + stackId + "' out), or move it to the plan role.";
  }

  /**
   * The warning for a role that some stack assumes only to apply, beside its planRole, while PROPOSED runs of others
   * may assume it too: their pull requests get the credentials the split keeps from the stack's own.
   */
  private List<String> sharedApplyRoleWarnings(Role role, List<Grant> grants, String what) {
    List<String> appliers = references.applyRoleOf(role);
    if (appliers.isEmpty()) {
      return List.of();
    }
    List<String> others = new ArrayList<>();
    for (Grant grant : grants) {
      boolean ownPhase = grant.source() instanceof Grant.Source.Caller caller && caller.type() == CallerType.STACK
          && appliers.contains(caller.id()); // a stack that plans with this role brings its pull requests
      if (!ownPhase && admits(grant, RunType.PROPOSED, Scope.READ)) {
        others.add(grant.source().toString());
      }
    }
    if (others.isEmpty()) {
      return List.of();
    }
    String message = what + " is the role that " + stacks(appliers) + " assume" + (appliers.size() == 1 ? "s" : "")
        + " only to apply (beside a planRole), but PROPOSED runs may assume it through " + String.join(", ", others)
        + ": their pull requests get the apply credentials. Give those stacks a planRole too, or their own role.";
    checks.warn(Checks.WarningKind.SHARED_APPLY_ROLE, role.origin().at("name"), message);
    return List.of(message);
  }

  /**
   * The warning for a role that writes some stack's state (its backend uses the role) while PROPOSED runs of other
   * stacks, or of a trust rule, may assume it: their pull requests could change that stack's state. (That a stack's
   * own pull requests reach its backend's role is the remaining risk the README states.)
   */
  private List<String> sharedStateWarnings(Role role, List<Grant> grants, String what) {
    if (!role.statePolicy()) {
      return List.of();
    }
    List<String> written = new ArrayList<>();
    for (StatePolicies.Access access : references.stateAccess(role)) {
      if (access.writes() && !written.contains(access.stackId())) {
        written.add(access.stackId());
      }
    }
    if (written.isEmpty()) {
      return List.of();
    }
    List<String> others = new ArrayList<>();
    for (Grant grant : grants) {
      boolean writer = grant.source() instanceof Grant.Source.Caller caller && caller.type() == CallerType.STACK
          && written.contains(caller.id()) && written.size() == 1;
      if (!writer && admits(grant, RunType.PROPOSED, Scope.READ) && !others.contains(grant.source().toString())) {
        others.add(grant.source().toString());
      }
    }
    if (others.isEmpty()) {
      return List.of();
    }
    String message = what + " writes the state of " + stacks(written) + " (the backend uses it), and PROPOSED runs of"
        + " " + (written.size() == 1 ? "others" : "each of them and others") + " may assume it: " + listed(others)
        + ". A pull request there could change " + (written.size() == 1 ? "that stack's" : "those stacks'")
        + " state. Give each stack with a backend a planRole (or role) of its own.";
    checks.warn(Checks.WarningKind.SHARED_STATE, role.origin().at("name"), message);
    return List.of(message);
  }

  /** Whether the grant's patterns allow a run of this type and scope (under any template that carries both). */
  private static boolean admits(Grant grant, RunType runType, Scope scope) {
    return (grant.runTypes().isEmpty() || grant.runTypes().contains(runType))
        && (grant.scopes().isEmpty() || grant.scopes().contains(scope));
  }

  private static String stacks(List<String> ids) {
    List<String> shown = ids.size() <= LISTED ? ids : ids.subList(0, LISTED);
    return (ids.size() == 1 ? "stack '" : "stacks '") + String.join("', '", shown) + "'"
        + (ids.size() > LISTED ? " and " + (ids.size() - LISTED) + " more" : "");
  }

  /** At most {@link #LISTED} items, "; "-separated, and how many more there are. */
  private static String listed(List<String> items) {
    return items.size() <= LISTED ? String.join("; ", items)
        : String.join("; ", items.subList(0, LISTED)) + "; and " + (items.size() - LISTED) + " more";
  }

  /** How many stacks or grants a warning names before it counts the rest. */
  private static final int LISTED = 5;

  /** The role's managed policies as full ARNs, sorted; an invalid or repeated one is reported and left out. */
  private List<String> managedPolicies(Role role, Account account, String what) {
    Origin origin = role.origin();
    if (role.managedPolicies().size() > Rules.MANAGED_POLICIES_MAX) {
      checks.add(origin.at("managedPolicies"), what + " attaches " + role.managedPolicies().size() + " managed"
          + " policies; IAM allows " + Rules.MANAGED_POLICIES_MAX + " per role by default. Combine some into one"
          + " customer-managed policy.");
    }
    TreeSet<String> managed = new TreeSet<>();
    for (int i = 0; i < role.managedPolicies().size(); i++) {
      String reference = role.managedPolicies().get(i);
      Mark mark = origin.at("managedPolicies[" + i + "]");
      String arn = policyArn(reference, account, mark, what + ": managed policy");
      if (arn != null && !managed.add(arn)) {
        checks.add(mark, what + " attaches " + arn + " twice; list it once.");
      }
    }
    return List.copyOf(managed);
  }

  /** The trust policy of the grants under every subject template, checked against the size quota. */
  private TrustPolicy trustPolicy(Role role, List<Grant> grants, String providerArn, String what) {
    checkSpacePaths(grants);
    List<String> patterns = new ArrayList<>();
    for (Grant grant : grants) {
      for (SubjectTemplate template : templates) {
        if (!grant.appliesTo(template)) {
          continue;
        }
        List<String> missing = grant.inexpressible(template);
        if (!missing.isEmpty()) {
          checks.add(grant.mark(), grant.source() + " (trusted by " + what + ") pins down " + String.join(", ",
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
      checks.add(role.origin().at("name"), String.format(Locale.ROOT, "%s: its trust policy would be %,d characters"
          + " (not counting whitespace), over the limit of %,d, with %d subject patterns. Replace per-stack subjects"
          + " with a space-wide trust rule (trust: [{space: <name>, stack: \"*\"}]), or split the role; if AWS"
          + " raised this account's quota, set %s.", what, size, maxTrustPolicySize, policy.subjects().size(),
          hints.trustPolicyLimitSetting()));
    }
    return policy;
  }

  private void checkSpacePaths(List<Grant> grants) {
    if (templates.stream().noneMatch(t -> t.uses(SubjectTemplate.SPACE_PATH))) {
      return;
    }
    for (Grant grant : grants) {
      boolean needsPath = templates.stream().anyMatch(t -> t.uses(SubjectTemplate.SPACE_PATH) && grant.appliesTo(t));
      if (grant.spaceName() != null && grant.spacePath() == null && needsPath) {
        Space space = references.space(grant.spaceName());
        checks.add(space.origin().mark(), "space '" + space.name() + "' has no path, but the subject template uses"
            + " {spacePath}; add path: with the space's path as Spacelift writes it into the token.");
      }
    }
  }

  private List<Tag> tags(Role role, String what) {
    Origin origin = role.origin();
    if (role.tags().size() > Rules.TAGS_MAX) {
      checks.add(origin.at("tags"), what + " has " + role.tags().size() + " tags; IAM allows at most "
          + Rules.TAGS_MAX + ".");
    }
    List<Tag> tags = new ArrayList<>();
    for (Map.Entry<String, String> tag : role.tags().entrySet()) {
      // The binder records the position of each key ("tags.k") and of each value ("tags.k=").
      Mark keyMark = origin.at("tags." + tag.getKey());
      Mark valueMark = origin.at("tags." + tag.getKey() + "=");
      checks.check(Rules.tagKey(tag.getKey()), keyMark, what + ": tag key '" + tag.getKey() + "'");
      checks.check(Rules.tagValue(tag.getValue()), valueMark, what + ": value of tag '" + tag.getKey() + "'");
      tags.add(new Tag(tag.getKey(), tag.getValue()));
    }
    return tags;
  }

  /** The full ARN of a managed policy reference, checked against the account's partition; null when invalid. */
  private String policyArn(String reference, Account account, Mark mark, String what) {
    if (!checks.check(Rules.policyReference(reference), mark, what + " '" + reference + "'")) {
      return null;
    }
    if (!reference.startsWith("arn:")) {
      return "arn:" + account.partition() + WriteCapablePolicies.AWS_MANAGED + reference;
    }
    String partition = reference.split(":", 3)[1];
    if (!partition.equals(account.partition())) {
      checks.add(mark, what + " '" + reference + "' is in partition '" + partition + "', but account '"
          + account.name() + "' is in '" + account.partition() + "'; use arn:" + account.partition()
          + ":... or just the policy name for an AWS-managed policy.");
      return null;
    }
    return reference;
  }
}
