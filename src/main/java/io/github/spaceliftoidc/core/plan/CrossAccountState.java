package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.model.Account;
import io.github.spaceliftoidc.core.plan.AccountPlan.PrincipalStatement;
import io.github.spaceliftoidc.core.plan.AccountPlan.ResourcePolicyPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * State in another account. AWS allows a request across accounts only when the resource's own policy allows the
 * principal too, so an identity policy alone cannot reach a bucket or KMS key of another account. For those, the
 * account's module says so and outputs the statements to add to the bucket's (or the key's) policy.
 */
final class CrossAccountState {

  private CrossAccountState() {}

  /** The statements each bucket of another account must add, for the roles of this account; by bucket. */
  static List<ResourcePolicyPlan> bucketPolicies(Account account, List<RolePlan> roles, References references) {
    Map<String, String> owners = new LinkedHashMap<>();
    for (io.github.spaceliftoidc.core.model.Role role : account.roles()) {
      for (StatePolicies.Access access : references.stateAccess(role)) {
        if (!access.bucketAccountId().equals(account.id())) {
          owners.putIfAbsent(access.bucket(), access.bucketAccountId());
        }
      }
    }
    List<ResourcePolicyPlan> policies = new ArrayList<>();
    owners.keySet().stream().sorted().forEach(bucket -> {
      List<PrincipalStatement> statements = new ArrayList<>();
      for (RolePlan role : roles) {
        if (role.statePolicy() != null) {
          for (StatePolicyPlan.Statement statement : StatePolicies.forBucket(role.statePolicy(), account.partition(),
              bucket)) {
            statements.add(new PrincipalStatement(sid(account, role, statement), role.resourceName(), statement));
          }
        }
      }
      if (!statements.isEmpty()) {
        policies.add(new ResourcePolicyPlan(bucket, owners.get(bucket), statements));
      }
    });
    return policies;
  }

  /** The statement each KMS key of another account must add to its key policy, for the roles that use it. */
  static List<ResourcePolicyPlan> keyPolicies(Account account, List<RolePlan> roles) {
    Map<String, List<PrincipalStatement>> byKey = new java.util.TreeMap<>();
    for (RolePlan role : roles) {
      if (role.statePolicy() == null) {
        continue;
      }
      for (StatePolicyPlan.Statement statement : role.statePolicy().statements()) {
        if (!statement.actions().get(0).startsWith("kms:")) {
          continue;
        }
        for (String key : statement.resources()) {
          List<String> parts = Rules.kmsKeyParts(key);
          if (!parts.isEmpty() && !parts.get(2).equals(account.id())) {
            StatePolicyPlan.Statement keyStatement = StatePolicies.forKey();
            byKey.computeIfAbsent(key, k -> new ArrayList<>())
                .add(new PrincipalStatement(sid(account, role, keyStatement), role.resourceName(), keyStatement));
          }
        }
      }
    }
    List<ResourcePolicyPlan> policies = new ArrayList<>();
    byKey.forEach((key, statements) -> policies.add(new ResourcePolicyPlan(key, Rules.kmsKeyParts(key).get(2),
        statements)));
    return policies;
  }

  /** A statement id unique across the modules that may add to the same policy: account, role and purpose. */
  private static String sid(Account account, RolePlan role, StatePolicyPlan.Statement statement) {
    return "Spacelift" + camel(account.name()) + camel(role.name()) + statement.sid();
  }

  private static String camel(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return out.toString();
  }
}
