package io.github.spaceliftoidc.core.model;

import java.util.List;

/** A stack or a module: something whose runs assume a role and so add subjects to its trust policy. */
public sealed interface Caller permits Stack, SpaceliftModule {

  CallerType callerType();

  String id();

  String space();

  String account();

  String role();

  List<RunType> runTypes();

  List<Scope> scopes();

  Origin origin();

  /** "stack 'infra'", for messages. */
  default String describe() {
    return id() == null ? "a " + callerType().claim() + " without an id" : callerType().claim() + " '" + id() + "'";
  }
}
