package io.github.spaceliftoidc.core.model;

import java.util.Locale;

/** Whether the account's root module creates the IAM OIDC provider or looks up one that exists. */
public enum OidcProviderMode {
  CREATE,
  EXISTING;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
