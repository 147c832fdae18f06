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
    List<Grant> grants) {

  public RolePlan {
    managedPolicies = List.copyOf(managedPolicies);
    inlinePolicies = List.copyOf(inlinePolicies);
    tags = List.copyOf(tags);
    grants = List.copyOf(grants);
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
