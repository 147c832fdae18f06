package io.github.spaceliftoidc.core.model;

import java.util.List;

/**
 * Extra subjects a role trusts. {@code "*"} stands for any space, stack or module; a rule with neither stack nor
 * module covers every stack and module of its space. A stack or module id that ends in {@code *} is a prefix.
 *
 * @param space a space name, or {@code "*"}; null when the rule names {@code spaceId}
 * @param runTypes empty for any run type
 * @param scopes empty for any scope
 * @param spaceId a space id prefix such as {@code production-*}, or {@code "*"}; null when the rule names a space
 * @param subspaces whether the rule also trusts every space below its space
 * @param subjectTemplate the one listed subject template the rule applies to, or null for all of them
 */
public record TrustRule(
    String space,
    String stack,
    String module,
    List<RunType> runTypes,
    List<Scope> scopes,
    String spaceId,
    boolean subspaces,
    String subjectTemplate,
    Origin origin) {

  public static final String ANY = "*";

  public TrustRule {
    runTypes = List.copyOf(runTypes);
    scopes = List.copyOf(scopes);
  }

  /** A rule of one named space (or {@code "*"}) under every template. */
  public TrustRule(String space, String stack, String module, List<RunType> runTypes, List<Scope> scopes,
      Origin origin) {
    this(space, stack, module, runTypes, scopes, null, false, null, origin);
  }
}
