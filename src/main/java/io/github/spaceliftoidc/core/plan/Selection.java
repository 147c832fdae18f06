package io.github.spaceliftoidc.core.plan;

import java.util.Set;

/**
 * Which outputs a run generates and owns. With no filter it is everything; with a filter, only the listed stacks and
 * accounts, so that several Maven modules can share one YAML and each generate (and clean up) only its own part.
 */
public record Selection(Set<String> stacks, Set<String> accounts) {

  public static final Selection ALL = new Selection(Set.of(), Set.of());

  public Selection {
    stacks = Set.copyOf(stacks);
    accounts = Set.copyOf(accounts);
  }

  public boolean isAll() {
    return stacks.isEmpty() && accounts.isEmpty();
  }

  public boolean includesStack(String id) {
    return isAll() || stacks.contains(id);
  }

  public boolean includesAccount(String name) {
    return isAll() || accounts.contains(name);
  }

  /** Whether a generated file's owner (as recorded in the manifest) belongs to this selection. */
  public boolean owns(String owner) {
    if (isAll()) {
      return true;
    }
    if (owner.startsWith(STACK_PREFIX)) {
      return stacks.contains(owner.substring(STACK_PREFIX.length()));
    }
    return owner.startsWith(ACCOUNT_PREFIX) && accounts.contains(owner.substring(ACCOUNT_PREFIX.length()));
  }

  public static final String STACK_PREFIX = "stack:";
  public static final String ACCOUNT_PREFIX = "account:";
}
