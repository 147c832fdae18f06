package io.github.spaceliftoidc.core.plan;

import java.util.List;

/**
 * One AWS account's root module.
 *
 * @param directory relative to the output directory, with forward slashes
 * @param createProvider whether the module creates the OIDC provider (else it looks it up, as a data source)
 * @param providerArn the provider's ARN
 * @param bucketPolicies the statements that state buckets of other accounts must add to their bucket policies, so
 *     that the roles' state access works (an identity policy alone cannot reach another account's bucket)
 * @param keyPolicies the same for KMS keys of other accounts, whose key policies must allow the roles
 */
public record AccountPlan(
    String name,
    String id,
    String region,
    String partition,
    String directory,
    boolean createProvider,
    List<String> thumbprints,
    String providerArn,
    List<RolePlan> roles,
    List<ResourcePolicyPlan> bucketPolicies,
    List<ResourcePolicyPlan> keyPolicies) {

  public AccountPlan {
    thumbprints = List.copyOf(thumbprints);
    roles = List.copyOf(roles);
    bucketPolicies = List.copyOf(bucketPolicies);
    keyPolicies = List.copyOf(keyPolicies);
  }

  /**
   * What the resource policy of a state bucket or KMS key in another account must allow the roles of this module.
   *
   * @param resource the bucket's name, or the key's ARN
   * @param ownerAccountId the account it belongs to
   * @param statements its statements, each for one role
   */
  public record ResourcePolicyPlan(String resource, String ownerAccountId, List<PrincipalStatement> statements) {
    public ResourcePolicyPlan {
      statements = List.copyOf(statements);
    }
  }

  /**
   * A statement of a resource policy with the role it allows as its principal.
   *
   * @param sid unique among the statements that any module of the configuration gives the resource
   * @param roleResourceName the Terraform name of the role, whose ARN the template writes as the principal
   * @param statement the actions, resources and conditions
   */
  public record PrincipalStatement(String sid, String roleResourceName, StatePolicyPlan.Statement statement) {}
}
