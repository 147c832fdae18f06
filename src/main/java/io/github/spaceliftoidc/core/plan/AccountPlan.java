package io.github.spaceliftoidc.core.plan;

import java.util.List;

/**
 * One AWS account's root module.
 *
 * @param directory relative to the output directory, with forward slashes
 * @param createProvider whether the module creates the OIDC provider (else it looks it up, as a data source)
 * @param providerArn the provider's ARN
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
    List<RolePlan> roles) {

  public AccountPlan {
    thumbprints = List.copyOf(thumbprints);
    roles = List.copyOf(roles);
  }
}
