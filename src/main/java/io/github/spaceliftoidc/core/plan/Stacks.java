package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.model.Account;
import io.github.spaceliftoidc.core.model.Backend;
import io.github.spaceliftoidc.core.model.Origin;
import io.github.spaceliftoidc.core.model.ProviderAlias;
import io.github.spaceliftoidc.core.model.Role;
import io.github.spaceliftoidc.core.model.Space;
import io.github.spaceliftoidc.core.model.Stack;
import io.github.spaceliftoidc.core.plan.StackPlan.AliasPlan;
import io.github.spaceliftoidc.core.plan.StackPlan.BackendPlan;
import io.github.spaceliftoidc.core.problem.Mark;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The stacks' provider settings: regions, the S3 backend and the provider aliases, checked and resolved. */
final class Stacks {

  private final Checks checks;
  private final References references;
  private final String tokenFile;
  private final boolean legacy;

  /**
   * @param tokenFile where the stacks' runs find the OIDC token
   * @param legacy whether the stacks' Terraform predates OIDC in the S3 backend
   */
  Stacks(Checks checks, References references, String tokenFile, boolean legacy) {
    this.checks = checks;
    this.references = references;
    this.tokenFile = tokenFile;
    this.legacy = legacy;
  }

  /** Checks a stack whose role is resolved already (or null); its plan, or null when it has problems (reported). */
  StackPlan plan(Stack stack, Role role) {
    Origin origin = stack.origin();
    String what = "stack '" + stack.id() + "'";
    Account account = role == null ? null : references.accountOf(role);
    checkRegion(stack.region(), origin.at("region"), "region", what, account);
    BackendPlan backend = stack.backend() == null ? null : backend(stack.backend(), what);
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
    if (account == null || stack.id() == null || stack.directory() == null) {
      return null;
    }
    Space space = references.space(stack.space());
    return new StackPlan(stack.id(), stack.space(), space == null ? null : space.id(), account.name(), account.id(),
        account.partition(), stack.region() == null ? account.region() : stack.region(),
        Rules.normalizeDirectory(stack.directory()), role.name(), References.roleArn(account, role), tokenFile,
        legacy, backend, aliases);
  }

  /** A region, and that it lies in the partition of the stack's account (when that is known). */
  private void checkRegion(String region, Mark mark, String label, String what, Account account) {
    if (region != null && checks.check(Rules.region(region), mark, what + ": " + label + " '" + region + "'")
        && account != null) {
      checks.check(Rules.regionInPartition(region, account.partition()), mark, what);
    }
  }

  private BackendPlan backend(Backend b, String what) {
    Origin bo = b.origin();
    if (b.bucket() != null) {
      checks.check(Rules.bucket(b.bucket()), bo.at("bucket"), what + ": backend bucket '" + b.bucket() + "'");
    }
    if (b.key() != null) {
      checks.check(Rules.s3Key(b.key()), bo.at("key"), what + ": backend key '" + b.key() + "'");
    }
    if (b.region() != null) {
      checks.check(Rules.region(b.region()), bo.at("region"), what + ": backend region '" + b.region() + "'");
    }
    if (b.dynamodbTable() != null && !b.dynamodbTable().matches("[A-Za-z0-9_.-]{3,255}")) {
      checks.add(bo.at("dynamodbTable"), what + ": dynamodbTable '" + b.dynamodbTable() + "': DynamoDB table"
          + " names have 3 to 255 letters, digits, '_', '.' and '-'.");
    }
    return new BackendPlan(b.bucket(), b.key(), b.region(), b.dynamodbTable());
  }
}
