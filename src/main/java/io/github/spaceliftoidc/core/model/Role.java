package io.github.spaceliftoidc.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An IAM role that Spacelift runs assume.
 *
 * @param path the IAM path, {@code /} by default
 * @param maxSessionDuration seconds, or null for the AWS default
 * @param permissionsBoundary a policy ARN or an AWS-managed policy name, or null
 * @param managedPolicies policy ARNs or AWS-managed policy names
 * @param tags in the order written
 * @param sessionTagging whether the trust policy also allows {@code sts:TagSession}
 * @param trust extra subjects beyond the stacks and modules that use this role
 * @param allowAnySubject whether a rule may trust every run of the Spacelift account
 * @param statePolicy whether the IAM module gives the role access to the state of the stacks whose backend uses it
 */
public record Role(
    String name,
    String description,
    String path,
    Integer maxSessionDuration,
    String permissionsBoundary,
    List<String> managedPolicies,
    List<InlinePolicy> inlinePolicies,
    Map<String, String> tags,
    boolean sessionTagging,
    List<TrustRule> trust,
    boolean allowAnySubject,
    boolean statePolicy,
    Origin origin) {

  public Role {
    managedPolicies = List.copyOf(managedPolicies);
    inlinePolicies = List.copyOf(inlinePolicies);
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    trust = List.copyOf(trust);
  }
}
