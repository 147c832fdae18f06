package io.github.spaceliftoidc.core.model;

import java.util.List;

/**
 * A Spacelift stack: its runs assume {@code role}, and its directory gets the provider configuration.
 *
 * @param region the provider's region, or null for the account's
 * @param directory where the provider file goes, relative to the output directory, or null for
 *     {@code stacks/<id>}
 * @param planRole a role of the same account for the runs and phases that only plan (PROPOSED runs, and a tracked
 *     run while it plans where the engine tells the phases apart), or null to use {@code role} throughout
 * @param backend the S3 state backend, or null
 * @param aliases extra provider configurations in other regions, assuming the same role
 */
public record Stack(
    String id,
    String space,
    String account,
    String role,
    String planRole,
    String region,
    String directory,
    List<RunType> runTypes,
    List<Scope> scopes,
    Backend backend,
    List<ProviderAlias> aliases,
    Origin origin)
    implements Caller {

  public Stack {
    runTypes = List.copyOf(runTypes);
    scopes = List.copyOf(scopes);
    aliases = List.copyOf(aliases);
  }

  @Override
  public CallerType callerType() {
    return CallerType.STACK;
  }
}
