package io.github.spaceliftoidc.maven;

import io.github.spaceliftoidc.core.problem.Hints;

/** The names of this plugin's goals and parameters, which the core's messages cite in the fixes they suggest. */
public final class MavenHints {

  /** As a user of the plugin types them. */
  public static final Hints HINTS = new Hints(
      "mvn spacelift-oidc:init",
      "`mvn spacelift-oidc:generate`",
      "spacelift-oidc:generate",
      "configFile",
      "the plugin parameter maxTrustPolicySize",
      "-Dspacelift-oidc.explainFile=target/spacelift-oidc-trust.md");

  private MavenHints() {}
}
