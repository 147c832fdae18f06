package io.github.spaceliftoidc.core.model;

import java.util.List;

/** A Spacelift module: its test runs assume {@code role}; nothing is generated for it but trust. */
public record SpaceliftModule(
    String id,
    String space,
    String account,
    String role,
    List<RunType> runTypes,
    List<Scope> scopes,
    Origin origin)
    implements Caller {

  public SpaceliftModule {
    runTypes = List.copyOf(runTypes);
    scopes = List.copyOf(scopes);
  }

  @Override
  public CallerType callerType() {
    return CallerType.MODULE;
  }
}
