package io.github.spaceliftoidc.core.plan;

import java.util.List;

/**
 * One AWS account's root module.
 *
 * @param directory relative to the output directory, with forward slashes
 * @param createProvider whether the module creates the OIDC provider (else it looks it up)
 * @param providerArn the provider's ARN
 * @param providerAddress the Terraform address whose {@code arn} the trust policies reference
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
    String providerAddress,
    List<RolePlan> roles) {

  public AccountPlan {
    thumbprints = List.copyOf(thumbprints);
    roles = List.copyOf(roles);
  }
}
