package io.github.spaceliftoidc.core.model;

import java.util.List;

/**
 * Extra subjects a role trusts. {@code "*"} stands for any space, stack or module; a rule with neither stack nor
 * module covers every stack and module of its space.
 *
 * @param runTypes empty for any run type
 * @param scopes empty for any scope
 */
public record TrustRule(
    String space, String stack, String module, List<RunType> runTypes, List<Scope> scopes, Origin origin) {

  public static final String ANY = "*";

  public TrustRule {
    runTypes = List.copyOf(runTypes);
    scopes = List.copyOf(scopes);
  }
}
