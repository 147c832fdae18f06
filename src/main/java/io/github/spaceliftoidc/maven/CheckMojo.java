package io.github.spaceliftoidc.maven;

import io.github.spaceliftoidc.core.GenerationResult;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Fails when the committed output is stale: renders in memory, compares with the disk, and lists every file that
 * {@code generate} would create, change (with a diff of unified, line-numbered hunks) or delete, after the trust
 * changes in words (widenings first). Writes nothing but the {@code explainFile} report, if asked. Takes the same
 * parameters as {@code generate}; use it as the CI step.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractRenderingMojo {

  @Override
  String goal() {
    return "check";
  }

  @Override
  void run() throws MojoFailureException {
    GenerationResult result = new SpaceliftOidc(getLog()::info).check(request(), reportFile());
    logWarnings(result.warnings());
    logReportWritten();
    if (!result.isUpToDateOnDisk()) {
      result.trustChangeLines(MAX_TRUST_LINES, MavenHints.HINTS).forEach(getLog()::info);
      throw new MojoFailureException(result.driftReport(MavenHints.HINTS));
    }
    getLog().info(result.upToDateOnDiskSummary());
  }
}
