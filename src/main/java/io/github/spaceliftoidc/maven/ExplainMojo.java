package io.github.spaceliftoidc.maven;

import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.explain.Explainer;
import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.problem.GenerationException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints who may assume which role, in plain words; or, with {@code subject}, which roles a run with that
 * {@code sub} claim may assume (IAM StringLike rules). Writes nothing unless {@code explainFile} is set.
 */
@Mojo(name = "explain", requiresProject = false, threadSafe = true)
public class ExplainMojo extends AbstractRenderingMojo {

  /**
   * A {@code sub} claim to test against every trust policy.
   *
   * <p>Default: none (print the whole report). Example:
   * {@code -Dspacelift-oidc.subject=space:production-01HND497T9JKR76MR3KA2CDJHP:stack:infra:run_type:TRACKED:scope:write}.
   */
  @Parameter(property = "spacelift-oidc.subject")
  String subject;

  /**
   * An {@code aud} claim to test together with {@code subject}.
   *
   * <p>Default: none (any configured audience). Example: {@code -Dspacelift-oidc.audience=demo.app.spacelift.io}.
   */
  @Parameter(property = "spacelift-oidc.audience")
  String audience;

  /**
   * Also writes the report as Markdown to this file, for code review.
   *
   * <p>Default: none. Example: {@code -Dspacelift-oidc.explainFile=target/spacelift-oidc-trust.md}.
   */
  @Parameter(property = "spacelift-oidc.explainFile")
  File explainFile;

  @Override
  String goal() {
    return "explain";
  }

  @Override
  void run() {
    GenerationPlan plan = new SpaceliftOidc().load(request()).plan();
    var lines = subject == null || subject.isBlank()
        ? Explainer.report(plan)
        : Explainer.subjectReport(plan, subject.strip(), audience == null || audience.isBlank() ? null : audience);
    lines.forEach(getLog()::info);
    if (explainFile != null) {
      try {
        if (explainFile.getParentFile() != null) {
          Files.createDirectories(explainFile.getParentFile().toPath());
        }
        Files.writeString(explainFile.toPath(), Explainer.markdown(plan), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new GenerationException("Cannot write " + explainFile + ": " + e, e);
      }
      getLog().info("Wrote " + explainFile);
    }
  }
}
