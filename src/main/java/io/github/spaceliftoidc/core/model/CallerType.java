package io.github.spaceliftoidc.core.model;

import java.util.Locale;

/** What kind of Spacelift entity runs: the {@code callerType} of the {@code sub} claim. */
public enum CallerType {
  STACK,
  MODULE;

  public String claim() {
    return name().toLowerCase(Locale.ROOT);
  }
}
