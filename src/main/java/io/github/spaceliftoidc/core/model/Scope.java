package io.github.spaceliftoidc.core.model;

import java.util.Locale;

/** The scope Spacelift writes into the {@code sub} claim: {@code read} while planning, {@code write} otherwise. */
public enum Scope {
  READ,
  WRITE;

  /** The claim's spelling, lower case. */
  public String claim() {
    return name().toLowerCase(Locale.ROOT);
  }
}
