package io.github.spaceliftoidc.core.model;

import java.util.List;

/**
 * An AWS account that trusts Spacelift: one generated root module.
 *
 * @param name the local name used in references
 * @param id the 12-digit account id
 * @param region the default region of its providers
 * @param partition {@code aws}, {@code aws-us-gov} or {@code aws-cn}
 * @param directory where its root module is generated, relative to the output directory
 */
public record Account(
    String name,
    String id,
    String region,
    String partition,
    OidcProviderMode oidcProvider,
    List<String> thumbprints,
    String directory,
    List<Role> roles,
    Origin origin) {

  public Account {
    thumbprints = List.copyOf(thumbprints);
    roles = List.copyOf(roles);
  }
}
