package io.github.spaceliftoidc.maven;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.plan.Selection;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The parameters of every goal that checks the whole YAML and plans its trust ({@code generate}, {@code check},
 * {@code explain}): what the plan depends on beyond the YAML itself.
 */
abstract class AbstractPlanningMojo extends AbstractSpaceliftOidcMojo {

  /**
   * The trust policy size quota, in characters without whitespace. Raise it only for accounts whose IAM quota
   * "Role trust policy length" AWS raised.
   *
   * <p>Example: {@code -Dspacelift-oidc.maxTrustPolicySize=4096}.
   */
  @Parameter(property = "spacelift-oidc.maxTrustPolicySize", defaultValue = "2048")
  int maxTrustPolicySize;

  /**
   * The core request of a goal that only reads the YAML: the whole file, nothing written, so no output directory
   * (the base directory stands in), filter, templates or fingerprint.
   */
  GenerationRequest request() {
    Path base = baseDirectory.toPath();
    return new GenerationRequest(configFile.toPath(), base, base, null, null, Selection.ALL, maxTrustPolicySize,
        goal(), MavenHints.HINTS);
  }
}
