package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.model.Account;
import io.github.spaceliftoidc.core.model.Backend;
import io.github.spaceliftoidc.core.model.CallerType;
import io.github.spaceliftoidc.core.model.Origin;
import io.github.spaceliftoidc.core.model.ProviderAlias;
import io.github.spaceliftoidc.core.model.Role;
import io.github.spaceliftoidc.core.model.RunType;
import io.github.spaceliftoidc.core.model.Scope;
import io.github.spaceliftoidc.core.model.Space;
import io.github.spaceliftoidc.core.model.Stack;
import io.github.spaceliftoidc.core.plan.StackPlan.AliasPlan;
import io.github.spaceliftoidc.core.plan.StackPlan.BackendPlan;
import io.github.spaceliftoidc.core.plan.StackPlan.PlanRolePlan;
import io.github.spaceliftoidc.core.problem.Mark;
import io.github.spaceliftoidc.core.trust.Grant;
import io.github.spaceliftoidc.core.trust.StringLike;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stacks' provider settings: regions, the plan role and what each of the stack's roles trusts ({@link Phases}),
 * the S3 backend with its locking, encryption and the state it reaches with which role, and the provider aliases,
 * checked and resolved.
 */
final class Stacks {

  private final Checks checks;
  private final References references;
  private final String tokenFile;
  private final EngineFeatures features;
  /** Each state object ("bucket/key") and the stack that keeps its state there. */
  private final Map<String, String> stateObjects = new HashMap<>();
  /** The states of the stacks planned so far, by bucket, to find workspace patterns that reach another stack's. */
  private final Map<String, List<StateKeys>> statesByBucket = new HashMap<>();

  /**
   * One stack's state keys in a bucket: its key, and its workspaces at {@code <prefix>/<workspace>/<key>} (Terraform's
   * {@code env:} when the backend sets no prefix; only an explicit prefix gets a pattern in the state policy).
   */
  private record StateKeys(String stackId, String key, String prefix, boolean patterned) {

    /** The state policy's pattern for the workspaces, or null. */
    String pattern() {
      return patterned ? prefix + "/*/" + key : null;
    }

    /**
     * Whether this stack's workspace pattern reaches a state of {@code other}: IAM's {@code *} matches '/' too, so
     * {@code <prefix>/*&#47;<key>} also matches deeper keys that end in {@code /<key>}, under a nested prefix.
     */
    boolean reaches(StateKeys other) {
      if (!patterned) {
        return false;
      }
      boolean nested = (other.prefix + "/").startsWith(prefix + "/") || (prefix + "/").startsWith(other.prefix + "/");
      return StringLike.matches(pattern(), other.key)
          || nested && (other.key.equals(key) || other.key.endsWith("/" + key));
    }
  }

  /**
   * @param tokenFile where the stacks' runs find the OIDC token
   * @param features what the engine and version that run the stacks support
   */
  Stacks(Checks checks, References references, String tokenFile, EngineFeatures features) {
    this.checks = checks;
    this.references = references;
    this.tokenFile = tokenFile;
    this.features = features;
  }

  /** Checks a stack whose role is resolved already (or null); its plan, or null when it has problems (reported). */
  StackPlan plan(Stack stack, Role role) {
    Origin origin = stack.origin();
    String what = "stack '" + stack.id() + "'";
    Account account = role == null ? null : references.accountOf(role);
    checkRegion(stack.region(), origin.at("region"), "region", what, account);
    Role planRole = stack.planRole() == null || account == null ? null : references.resolvePlanRole(stack, account);
    if (planRole != null && planRole == role) {
      checks.add(origin.at("planRole"), what + ": planRole '" + stack.planRole() + "' is the stack's role itself;"
          + " name a separate role for planning (read-only, such as one with ReadOnlyAccess), or remove planRole.");
      planRole = null;
    }
    if (planRole != null && role.sessionTagging() && !planRole.sessionTagging()) {
      // Spacelift tags every session of a stack with the label, and STS refuses a role whose trust lacks TagSession.
      checks.warn(Checks.WarningKind.PLAN_ROLE_SESSION_TAGS, origin.at("planRole"), what + ": its role '" + role.name() + "' allows session tags"
          + " (sessionTagging: true) but its planRole '" + planRole.name() + "' does not. If the stack has the label"
          + " feature:aws_oidc_session_tagging, Spacelift tags every session and STS refuses the plan role: set"
          + " sessionTagging: true on '" + planRole.name() + "' too.");
    }
    Space space = references.space(stack.space());
    if (planRole != null && space != null && stack.id() != null) {
      grantPhases(stack, space, role, planRole, what);
    }
    BackendPlan backend = stack.backend() == null ? null : backend(stack, account, role, planRole, what);
    List<AliasPlan> aliases = new ArrayList<>();
    Set<String> aliasNames = new HashSet<>();
    for (ProviderAlias alias : stack.aliases()) {
      Origin ao = alias.origin();
      if (alias.name() != null) {
        checks.check(Rules.aliasName(alias.name()), ao.at("name"), what + ": provider alias '" + alias.name() + "'");
        if (!aliasNames.add(alias.name())) {
          checks.add(ao.at("name"), what + " defines provider alias '" + alias.name() + "' twice; alias names"
              + " must be unique in the stack.");
        }
      }
      checkRegion(alias.region(), ao.at("region"), "alias region", what, account);
      aliases.add(new AliasPlan(alias.name(), alias.region()));
    }
    if (account == null || stack.id() == null || stack.directory() == null
        || stack.planRole() != null && planRole == null) {
      return null;
    }
    PlanRolePlan plan = planRole == null ? null : new PlanRolePlan(planRole.name(),
        References.roleArn(account, planRole), duration(planRole), seconds(planRole));
    return new StackPlan(stack.id(), stack.space(), space == null ? null : space.id(), account.name(), account.id(),
        account.partition(), stack.region() == null ? account.region() : stack.region(),
        Rules.normalizeDirectory(stack.directory()), role.name(), References.roleArn(account, role), duration(role),
        seconds(role), plan, tokenFile, features.legacy(), backend, aliases);
  }

  /** The grants of a stack with a plan role: each of its two roles trusts the runs that reach it. */
  private void grantPhases(Stack stack, Space space, Role role, Role planRole, String what) {
    List<Phases.Runs> apply = Phases.apply(stack, features);
    List<Phases.Runs> plan = Phases.plan(stack, features, stack.backend() != null && !features.legacy());
    String narrowed = narrowing(stack);
    if (apply.isEmpty()) {
      checks.add(stack.origin().at("planRole"), what + ": no run reaches its role '" + role.name() + "'" + narrowed
          + ": the role that applies takes every run but PROPOSED ones" + (features.phaseAware()
              ? ", and on " + features.describe() + " only while it applies, with a write token" : "")
          + ". A stack that never applies needs one role: set role: " + planRole.name() + " and remove planRole.");
      return;
    }
    if (plan.isEmpty()) {
      checks.add(stack.origin().at("planRole"), what + ": no run reaches its planRole '" + planRole.name() + "'"
          + narrowed + ": the plan role takes PROPOSED runs (scope read), tracked runs while they plan where the"
          + " engine tells the phases apart (Terraform 1.10 or OpenTofu 1.11 and later; this is "
          + features.describe() + "), and every run when a backend from 1.6.0 on assumes it. Remove planRole, or"
          + " allow PROPOSED runs.");
      return;
    }
    references.markPhaseRoles(role, planRole, stack.id());
    for (Phases.Runs runs : apply) {
      references.grant(role, grant(stack, space, runs, stack.origin().mark()));
    }
    for (Phases.Runs runs : plan) {
      references.grant(planRole, grant(stack, space, runs, stack.origin().at("planRole")));
    }
  }

  private static Grant grant(Stack stack, Space space, Phases.Runs runs, Mark mark) {
    return References.callerGrant(CallerType.STACK, stack.id(), space, runs.runTypes(), runs.scopes(), mark);
  }

  /** " (runTypes [...], scopes [...])", for the messages about runs that reach no role. */
  private static String narrowing(Stack stack) {
    List<String> parts = new ArrayList<>();
    if (!stack.runTypes().isEmpty()) {
      parts.add("runTypes " + stack.runTypes().stream().map(RunType::name).toList());
    }
    if (!stack.scopes().isEmpty()) {
      parts.add("scopes " + stack.scopes().stream().map(Scope::claim).toList());
    }
    return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
  }

  /** A region, and that it lies in the partition of the stack's account (when that is known). */
  private void checkRegion(String region, Mark mark, String label, String what, Account account) {
    if (region != null && checks.check(Rules.region(region), mark, what + ": " + label + " '" + region + "'")
        && account != null) {
      checks.check(Rules.regionInPartition(region, account.partition()), mark, what);
    }
  }

  private BackendPlan backend(Stack stack, Account account, Role role, Role planRole, String what) {
    Backend b = stack.backend();
    Origin bo = b.origin();
    boolean ok = true;
    if (b.bucket() != null) {
      ok &= checks.check(Rules.bucket(b.bucket()), bo.at("bucket"), what + ": backend bucket '" + b.bucket() + "'");
    }
    if (b.key() != null) {
      ok &= checks.check(Rules.s3Key(b.key()), bo.at("key"), what + ": backend key '" + b.key() + "'");
    }
    if (b.region() != null) {
      ok &= checks.check(Rules.region(b.region()), bo.at("region"), what + ": backend region '" + b.region() + "'");
    }
    if (b.dynamodbTable() != null) {
      ok &= checks.check(Rules.dynamodbTable(b.dynamodbTable()), bo.at("dynamodbTable"),
          what + ": dynamodbTable '" + b.dynamodbTable() + "'");
    }
    if (b.workspaceKeyPrefix() != null) {
      ok &= checks.check(Rules.workspaceKeyPrefix(b.workspaceKeyPrefix()), bo.at("workspaceKeyPrefix"),
          what + ": workspaceKeyPrefix '" + b.workspaceKeyPrefix() + "'");
    }
    if (b.bucketAccountId() != null) {
      ok &= checks.check(Rules.accountId(b.bucketAccountId()), bo.at("bucketAccountId"),
          what + ": bucketAccountId '" + b.bucketAccountId() + "'");
    }
    ok &= checkKmsKey(b, account, what);
    boolean useLockfile = checkLocking(b, what);
    if (b.bucket() != null && b.key() != null) {
      String previous = stateObjects.putIfAbsent(b.bucket() + "/" + b.key(), stack.id());
      if (previous != null) {
        checks.add(bo.at("key"), what + " keeps its state in s3://" + b.bucket() + "/" + b.key() + ", as stack '"
            + previous + "' does: two stacks would overwrite each other's state. Give each stack its own key.");
      }
      StateKeys mine = new StateKeys(stack.id(), b.key(),
          b.workspaceKeyPrefix() == null ? "env:" : b.workspaceKeyPrefix(), b.workspaceKeyPrefix() != null);
      List<StateKeys> others = statesByBucket.computeIfAbsent(b.bucket(), bucket -> new ArrayList<>());
      for (StateKeys other : previous != null ? List.<StateKeys>of() : others) { // the same key: refused above
        StateKeys wide = mine.reaches(other) ? mine : other.reaches(mine) ? other : null;
        if (wide != null) {
          StateKeys reached = wide == mine ? other : mine;
          checks.add(bo.at(b.workspaceKeyPrefix() != null ? "workspaceKeyPrefix" : "key"), what + " and stack '"
              + other.stackId() + "' share the bucket " + b.bucket() + ", and the state policy's pattern for the"
              + " workspaces of stack '" + wide.stackId() + "', " + wide.pattern() + ", also matches states of stack '"
              + reached.stackId() + "' (IAM's * matches '/' too), so the runs of one could change the other's state."
              + " Give each stack a workspaceKeyPrefix of its own (such as workspaces/<stack id>), or keys that do not"
              + " end in each other.");
          break;
        }
      }
      others.add(mine);
    }
    // A missing or refused id is reported already; the state policy needs both.
    if (!ok || b.bucket() == null || b.key() == null || b.region() == null || account == null || role == null
        || stack.id() == null || account.id() == null) {
      return null;
    }
    boolean encrypt = b.kmsKeyId() != null || Boolean.TRUE.equals(b.encrypt());
    String bucketAccount = b.bucketAccountId() == null ? account.id() : b.bucketAccountId();
    // From 1.6.0 the backend assumes one role in every phase: the plan role where there is one. Before, it uses the
    // credentials that the before_init script chose by run type, the same as the provider's.
    Role backendRole = features.legacy() ? null : planRole == null ? role : planRole;
    if (backendRole != null || planRole == null) {
      access(backendRole == null ? role : backendRole, stack, b, useLockfile, bucketAccount,
          Phases.writesState(List.of(Phases.all(stack))));
    } else {
      List<Phases.Runs> planRuns = Phases.plan(stack, features, false);
      List<Phases.Runs> applyRuns = Phases.apply(stack, features);
      if (!planRuns.isEmpty()) {
        access(planRole, stack, b, useLockfile, bucketAccount, Phases.writesState(planRuns));
      }
      if (!applyRuns.isEmpty()) {
        access(role, stack, b, useLockfile, bucketAccount, Phases.writesState(applyRuns));
      }
    }
    return new BackendPlan(b.bucket(), b.key(), b.region(), b.dynamodbTable(), useLockfile, encrypt, b.kmsKeyId(),
        b.workspaceKeyPrefix(), backendRole == null ? null : References.roleArn(account, backendRole),
        backendRole == null ? null : duration(backendRole));
  }

  /** Records that {@code role}'s credentials reach the stack's state, unless the role opts out of the policy. */
  private void access(Role role, Stack stack, Backend b, boolean useLockfile, String bucketAccount, boolean writes) {
    if (!role.statePolicy()) {
      return;
    }
    String what = "stack '" + stack.id() + "' (whose state role '" + role.name() + "' gets access to)";
    boolean ok = checks.check(Rules.policyLiteral(b.key()), b.origin().at("key"),
        what + ": backend key '" + b.key() + "'");
    if (b.workspaceKeyPrefix() != null) {
      ok &= checks.check(Rules.policyLiteral(b.workspaceKeyPrefix()), b.origin().at("workspaceKeyPrefix"),
          what + ": workspaceKeyPrefix '" + b.workspaceKeyPrefix() + "'");
    }
    if (ok) {
      references.addStateAccess(role, new StatePolicies.Access(stack.id(), b.bucket(), b.key(), b.region(),
          b.dynamodbTable(), useLockfile, b.kmsKeyId(), b.workspaceKeyPrefix(), bucketAccount, writes));
    }
  }

  /** The lock settings against the version; returns whether the backend locks with a lock file. */
  private boolean checkLocking(Backend b, String what) {
    Origin bo = b.origin();
    if (Boolean.TRUE.equals(b.useLockfile()) && !features.lockfile()) {
      checks.add(bo.at("useLockfile"), what + ": useLockfile (S3-native locking) needs Terraform or OpenTofu 1.10"
          + " or later, and the stacks run " + features.describe() + "; lock with dynamodbTable instead, or raise"
          + " terraform.version.");
      return false;
    }
    boolean useLockfile = b.useLockfile() == null ? features.lockfileByDefault() : b.useLockfile();
    if (useLockfile && features.lockfileExperimental()) {
      checks.warn(Checks.WarningKind.LOCKFILE_EXPERIMENTAL, bo.at("useLockfile"), what + ": S3-native locking (useLockfile) is experimental in "
          + features.describe() + " and generally available from Terraform 1.11; with dynamodbTable the lock is"
          + " taken in both.");
    }
    if (b.dynamodbTable() != null && features.dynamodbDeprecated()) {
      checks.warn(Checks.WarningKind.DYNAMODB_DEPRECATED, bo.at("dynamodbTable"), what + ": dynamodbTable is deprecated from Terraform 1.11 on (its S3"
          + " backend says: the parameter \"dynamodb_table\" is deprecated, use parameter \"use_lockfile\" instead)."
          + (useLockfile ? " The backend already locks with the lock file too (useLockfile), so remove"
              + " dynamodbTable once no run of an older version uses the table."
              : " Replace it with useLockfile: true (both may stay while you migrate)."));
    }
    return useLockfile;
  }

  /** The KMS key: its ARN, in the partition of the stack's account and the bucket's region; true if it is fine. */
  private boolean checkKmsKey(Backend b, Account account, String what) {
    Origin bo = b.origin();
    if (b.kmsKeyId() == null) {
      return true;
    }
    if (Boolean.FALSE.equals(b.encrypt())) {
      checks.add(bo.at("encrypt"), what + ": encrypt: false turns encryption off, so the backend would ignore"
          + " kmsKeyId; remove encrypt: false (with kmsKeyId, encryption is on).");
      return false;
    }
    if (!checks.check(Rules.kmsKeyArn(b.kmsKeyId()), bo.at("kmsKeyId"), what + ": kmsKeyId '" + b.kmsKeyId()
        + "'")) {
      return false;
    }
    List<String> parts = Rules.kmsKeyParts(b.kmsKeyId());
    if (account != null && !parts.get(0).equals(account.partition())) {
      checks.add(bo.at("kmsKeyId"), what + ": kmsKeyId '" + b.kmsKeyId() + "' is in partition '" + parts.get(0)
          + "', but account '" + account.name() + "' is in '" + account.partition() + "'.");
      return false;
    }
    if (b.region() != null && !parts.get(1).equals(b.region())) {
      checks.add(bo.at("kmsKeyId"), what + ": kmsKeyId '" + b.kmsKeyId() + "' is in region " + parts.get(1)
          + ", but the bucket is in " + b.region() + "; S3 encrypts with a key of the bucket's own region.");
      return false;
    }
    return true;
  }

  /** The session length to request for a role whose sessions may last longer than STS's default hour. */
  private static String duration(Role role) {
    Integer seconds = seconds(role);
    if (seconds == null) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    int hours = seconds / 3600;
    int minutes = seconds % 3600 / 60;
    int rest = seconds % 60;
    text.append(hours).append('h');
    if (minutes > 0) {
      text.append(minutes).append('m');
    }
    if (rest > 0) {
      text.append(rest).append('s');
    }
    return text.toString();
  }

  private static Integer seconds(Role role) {
    Integer seconds = role.maxSessionDuration();
    return seconds == null || seconds <= Rules.SESSION_MIN || seconds > Rules.SESSION_MAX ? null : seconds;
  }
}
