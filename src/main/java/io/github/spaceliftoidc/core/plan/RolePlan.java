package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.trust.Grant;
import io.github.spaceliftoidc.core.trust.TrustPolicy;
import io.github.spaceliftoidc.core.yaml.YNode;
import java.util.List;

/**
 * One IAM role, ready to render.
 *
 * @param resourceName the Terraform resource name, unique in its module
 * @param description may be null
 * @param maxSessionDuration may be null for the AWS default
 * @param permissionsBoundary a full ARN, or null
 * @param managedPolicies full ARNs, sorted
 * @param arn the role's ARN, with its path and partition
 * @param grants why it trusts what it trusts, in YAML order
 * @param planFor the stacks whose planRole it is, in YAML order
 * @param applyFor the stacks that assume it only to apply, beside their planRole, in YAML order
 * @param statePolicy the generated access to the S3 state of the stacks whose backend uses it, or null
 * @param warnings what the build log warns about this role (such as a write-capable policy that runs which should
 *     only read may use), in plain words
 */
public record RolePlan(
    String name,
    String resourceName,
    String description,
    String path,
    Integer maxSessionDuration,
    String permissionsBoundary,
    List<String> managedPolicies,
    List<InlinePolicyPlan> inlinePolicies,
    List<Tag> tags,
    String arn,
    TrustPolicy trustPolicy,
    List<Grant> grants,
    List<String> planFor,
    List<String> applyFor,
    StatePolicyPlan statePolicy,
    List<String> warnings) {

  public RolePlan {
    managedPolicies = List.copyOf(managedPolicies);
    inlinePolicies = List.copyOf(inlinePolicies);
    tags = List.copyOf(tags);
    grants = List.copyOf(grants);
    planFor = List.copyOf(planFor);
    applyFor = List.copyOf(applyFor);
    warnings = List.copyOf(warnings);
  }

  /** A role tag. */
  public record Tag(String key, String value) {}

  /**
   * An inline policy.
   *
   * @param resourceName the Terraform resource name, unique in its module
   * @param document the policy document as read (a map with a {@code Statement} list); templates see it as the HCL
   *     expression that the renderer makes of it
   */
  public record InlinePolicyPlan(String name, String resourceName, YNode document) {}
}
