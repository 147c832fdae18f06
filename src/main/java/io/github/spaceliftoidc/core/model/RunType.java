package io.github.spaceliftoidc.core.model;

/** The run types Spacelift writes into the {@code sub} claim. */
public enum RunType {
  PROPOSED,
  TRACKED,
  TASK,
  TESTING,
  DESTROY
}
