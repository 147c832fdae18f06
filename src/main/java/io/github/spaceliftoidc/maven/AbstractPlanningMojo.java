package io.github.spaceliftoidc.maven;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.plan.Selection;
import java.io.File;
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
   * Also writes the whole explain report (who may assume which role) as Markdown to this file, for code review (a
   * relative path resolves against the project's base directory). With {@code check} and {@code generate} it starts
   * with the trust changes: how the trust the YAML asks for differs from the IAM files on disk, widenings first, the
   * section that CI posts on a pull request; {@code check} writes it also when it fails. The file always holds the
   * full report, also when {@code subject} or {@code token} is set. It starts with a header comment, and an
   * existing file without it is never replaced: the build fails and names it.
   *
   * <p>Default: none. Example: {@code -Dspacelift-oidc.explainFile=target/spacelift-oidc-trust.md}.
   */
  @Parameter(property = "spacelift-oidc.explainFile")
  File explainFile;

  /** The report file as the core takes it, or null. */
  Path reportFile() {
    return explainFile == null ? null : explainFile.toPath();
  }

  /** Says where the report went, when the goal wrote one. */
  void logReportWritten() {
    if (explainFile != null) {
      getLog().info("Wrote " + explainFile);
    }
  }

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
