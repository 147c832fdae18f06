package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.model.Account;
import io.github.spaceliftoidc.core.model.Caller;
import io.github.spaceliftoidc.core.model.CallerType;
import io.github.spaceliftoidc.core.model.Config;
import io.github.spaceliftoidc.core.model.Origin;
import io.github.spaceliftoidc.core.model.Role;
import io.github.spaceliftoidc.core.model.RunType;
import io.github.spaceliftoidc.core.model.Scope;
import io.github.spaceliftoidc.core.model.Space;
import io.github.spaceliftoidc.core.model.Stack;
import io.github.spaceliftoidc.core.problem.Mark;
import io.github.spaceliftoidc.core.problem.Suggestions;
import io.github.spaceliftoidc.core.trust.Grant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the names of one configuration refer to: spaces and accounts by name, the account of every role, and the
 * grants and claims that stacks and modules put on roles as they are resolved. Made for one {@link Planner#plan} run.
 */
final class References {

  private final Checks checks;
  private final Map<String, Space> spaces;
  private final Map<String, Account> accounts;
  private final SpaceTree spaceTree;
  private final List<Space> declaredSpaces;
  /** Every declared stack and module, for what a trust rule's prefix or subtree covers. */
  private final List<Caller> callers = new ArrayList<>();
  /** Without a {@code spaces:} key (reported, perhaps as a misspelt key), "unknown space" would only repeat it. */
  private final boolean spacesDeclared;
  private final Map<Role, Account> accountOfRole = new IdentityHashMap<>();
  private final Map<Role, List<Grant>> callerGrants = new IdentityHashMap<>();
  /**
   * Roles that a stack or module points at, or may have meant to when one of its references is broken. Such a role
   * without a grant is a consequence of the reported reference problem, not a role "trusted by nothing".
   */
  private final Set<Role> claimed = Collections.newSetFromMap(new IdentityHashMap<>());
  /** The S3 state each role is used for by the backends of stacks, in YAML order. */
  private final Map<Role, List<StatePolicies.Access>> stateAccess = new IdentityHashMap<>();
  /** The stacks that assume a role only to apply, beside a plan role; in YAML order. */
  private final Map<Role, List<String>> applyRoleOf = new IdentityHashMap<>();
  /** The stacks that plan with a role (their planRole); in YAML order. */
  private final Map<Role, List<String>> planRoleOf = new IdentityHashMap<>();

  /** Indexes the spaces and accounts of {@code config}, reporting duplicate and malformed names and ids. */
  References(Config config, Checks checks) {
    this.checks = checks;
    this.spaces = indexSpaces(config.spaces());
    this.spacesDeclared = config.origin().has("spaces");
    this.spaceTree = new SpaceTree(config.spaces(), spaces, checks);
    this.declaredSpaces = config.spaces();
    callers.addAll(config.stacks());
    callers.addAll(config.modules());
    this.accounts = indexAccounts(config.accounts());
    for (Account account : config.accounts()) {
      for (Role role : account.roles()) {
        callerGrants.put(role, new ArrayList<>());
        stateAccess.put(role, new ArrayList<>());
        applyRoleOf.put(role, new ArrayList<>());
        planRoleOf.put(role, new ArrayList<>());
        accountOfRole.put(role, account);
      }
    }
  }

  private Map<String, Space> indexSpaces(List<Space> list) {
    checks.unique(list, Space::name, Space::origin, "name", "space");
    checks.unique(list, Space::id, Space::origin, "id", "space");
    Map<String, Space> byName = new LinkedHashMap<>();
    for (Space space : list) {
      if (space.name() != null) {
        checks.check(Rules.spaceName(space.name()), space.origin().at("name"), "space name '" + space.name() + "'");
        byName.putIfAbsent(space.name(), space);
      }
      if (space.id() != null) {
        checks.check(Rules.spaceId(space.id()), space.origin().at("id"), "space id '" + space.id() + "'");
      }
      if (space.path() != null) {
        checks.check(Rules.spacePath(space.path()), space.origin().at("path"), "space path '" + space.path() + "'");
      }
    }
    return byName;
  }

  private Map<String, Account> indexAccounts(List<Account> list) {
    if (list.isEmpty()) {
      return Map.of();
    }
    checks.unique(list, Account::name, Account::origin, "name", "account");
    checks.unique(list, Account::id, Account::origin, "id", "account");
    Map<String, Account> byName = new LinkedHashMap<>();
    for (Account account : list) {
      if (account.name() != null) {
        checks.check(Rules.localName(account.name()), account.origin().at("name"),
            "account name '" + account.name() + "'");
        byName.putIfAbsent(account.name(), account);
      }
    }
    return byName;
  }

  /** The space of this name, or null. */
  Space space(String name) {
    return spaces.get(name);
  }

  /** The declared spaces as a tree of parents. */
  SpaceTree spaceTree() {
    return spaceTree;
  }

  /** Every declared space, in YAML order. */
  List<Space> declaredSpaces() {
    return declaredSpaces;
  }

  /** Every declared stack, then every declared module, in YAML order. */
  List<Caller> callers() {
    return callers;
  }

  /** The account that defines {@code role}. */
  Account accountOf(Role role) {
    return accountOfRole.get(role);
  }

  /** The grants of the stacks and modules resolved so far that use {@code role}, in YAML order. */
  List<Grant> callerGrants(Role role) {
    return callerGrants.get(role);
  }

  /** Records a grant that a stack's phases put on one of its roles ({@link Phases}). */
  void grant(Role role, Grant grant) {
    callerGrants.get(role).add(grant);
  }

  /** The state that the backends of stacks reach with {@code role}'s credentials, in YAML order. */
  List<StatePolicies.Access> stateAccess(Role role) {
    return stateAccess.get(role);
  }

  void addStateAccess(Role role, StatePolicies.Access access) {
    stateAccess.get(role).add(access);
  }

  /** The stacks that assume {@code role} only to apply (they plan with their planRole). */
  List<String> applyRoleOf(Role role) {
    return applyRoleOf.get(role);
  }

  /** The stacks that plan with {@code role}, their planRole. */
  List<String> planRoleOf(Role role) {
    return planRoleOf.get(role);
  }

  /** Records the two roles of a stack with a plan role. */
  void markPhaseRoles(Role applyRole, Role planRole, String stackId) {
    applyRoleOf.get(applyRole).add(stackId);
    planRoleOf.get(planRole).add(stackId);
  }

  /**
   * A stack's {@code planRole}, a role of the stack's own account, reporting one that does not resolve; null then.
   */
  Role resolvePlanRole(Stack stack, Account account) {
    Mark mark = stack.origin().at("planRole");
    String what = stack.describe();
    Role role = findRole(account, stack.planRole());
    if (role != null) {
      claimed.add(role);
      return role;
    }
    if (roleNames(account).isEmpty()) {
      return null; // the account's missing or broken roles are reported already
    }
    claimed.addAll(account.roles()); // the one the stack meant is not "trusted by nothing": its reference is broken
    Optional<Account> owner = accountWithRole(stack.planRole());
    if (owner.isPresent()) {
      checks.add(mark, what + ": planRole '" + stack.planRole() + "' belongs to account '" + owner.get().name()
          + "', but a stack's provider and backend work in its own account '" + account.name() + "'; pick a role"
          + " of " + account.name() + " (" + String.join(", ", roleNames(account)) + ").");
    } else {
      checks.add(mark, unknownRole(what, "planRole", stack.planRole(), account));
    }
    return null;
  }

  /** Whether a stack or module points at {@code role}, or may have meant to. */
  boolean isClaimed(Role role) {
    return claimed.contains(role);
  }

  /**
   * The space a trust rule names, or null when it is unknown (reported) or when there are no spaces to look it up in
   * (reported already).
   */
  Space ruleSpace(String name, Mark mark, String what) {
    return spacesDeclared ? lookup(spaces, name, mark, what, "space") : null;
  }

  /**
   * Resolves a stack's or module's space, account and role, reporting what does not resolve, and records its grant
   * on the role. Returns the role, or null when the caller does not resolve to one.
   */
  Role resolve(Caller caller) {
    Origin origin = caller.origin();
    String what = caller.describe();
    if (caller.id() != null) {
      checks.check(Rules.callerId(caller.id(), caller.callerType().claim()), origin.at("id"),
          what + ": id '" + caller.id() + "'");
    }
    Space space = caller.space() == null || !spacesDeclared ? null
        : lookup(spaces, caller.space(), origin.at("space"), what, "space");
    // With no accounts at all, that problem is already reported; "unknown account" would only repeat it.
    Account account = caller.account() == null || accounts.isEmpty() ? null
        : lookup(accounts, caller.account(), origin.at("account"), what, "account");
    if (account == null || caller.role() == null) {
      claim(caller, account);
      return null;
    }
    Role role = findRole(account, caller.role());
    if (role == null && roleNames(account).isEmpty()) {
      claim(caller, account);
      return null; // the account's missing or broken roles are reported already
    }
    if (role == null) {
      claim(caller, account);
      reportUnknownRole(caller, account, origin.at("role"), what);
      return null;
    }
    claimed.add(role);
    // A stack with a plan role grants per phase (Phases), once both of its roles are known.
    boolean phased = caller instanceof Stack stack && stack.planRole() != null;
    if (space != null && caller.id() != null && !phased) {
      callerGrants.get(role).add(callerGrant(caller.callerType(), caller.id(), space, caller.runTypes(),
          caller.scopes(), origin.mark()));
    }
    return role;
  }

  private void reportUnknownRole(Caller caller, Account account, Mark mark, String what) {
    Optional<Account> owner = accountWithRole(caller.role());
    if (owner.isPresent()) {
      checks.add(mark, what + " names role '" + caller.role() + "', which belongs to account '"
          + owner.get().name() + "', not '" + account.name() + "'. Set account: " + owner.get().name()
          + ", or pick a role of " + account.name() + " (" + String.join(", ", roleNames(account)) + ").");
    } else {
      checks.add(mark, unknownRole(what, "role", caller.role(), account));
    }
  }

  /** The grant of a stack's or module's own runs in its space. */
  static Grant callerGrant(CallerType type, String id, Space space, List<RunType> runTypes, List<Scope> scopes,
      Mark mark) {
    return new Grant(new Grant.Source.Caller(type, id), space.name(), space.id(), space.path(), type, id, runTypes,
        scopes, mark);
  }

  /** The first account that defines a role of this name. */
  private Optional<Account> accountWithRole(String name) {
    return accounts.values().stream().filter(a -> findRole(a, name) != null).findFirst();
  }

  /** "... names unknown role 'x' of account 'y' (known: ...)." with the closest known name. */
  private String unknownRole(String what, String key, String name, Account account) {
    return what + " names unknown " + key + " '" + name + "' of account '" + account.name() + "' (known: "
        + String.join(", ", roleNames(account)) + ")." + Suggestions.didYouMean(name, roleNames(account));
  }

  /** Claims the roles a caller with a broken reference may have meant: those of its name, or of its account. */
  private void claim(Caller caller, Account account) {
    String planRole = caller instanceof Stack stack ? stack.planRole() : null;
    for (Account candidate : accounts.values()) {
      for (Role role : candidate.roles()) {
        boolean sameName = caller.role() != null && caller.role().equals(role.name())
            || planRole != null && planRole.equals(role.name());
        boolean couldBeMeant = account == null ? caller.role() == null : candidate == account;
        if (sameName || couldBeMeant) {
          claimed.add(role);
        }
      }
    }
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
      checks.add(mark, what + " names unknown " + kind + " '" + name + "' (" + known + ")."
          + Suggestions.didYouMean(name, byName.keySet()));
    }
    return found;
  }

  /** The ARN of a role, with its account's partition and its path. */
  static String roleArn(Account account, Role role) {
    return "arn:" + account.partition() + ":iam::" + account.id() + ":role" + role.path() + role.name();
  }
}
