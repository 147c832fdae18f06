package io.github.spaceliftoidc.maven;

import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.explain.Explainer;
import io.github.spaceliftoidc.core.explain.ReportFile;
import io.github.spaceliftoidc.core.plan.GenerationPlan;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints who may assume which role, in plain words: for every role of every AWS account its ARN, the runs it trusts
 * (e.g. "stack `network` in space `production`: TRACKED and PROPOSED runs, read and write"), the stacks whose
 * provider assumes it, and the exact subject patterns of its trust policy. With {@code subject}, it answers instead
 * which roles a run with that {@code sub} claim may assume, by IAM's {@code StringLike} rules ({@code *} and
 * {@code ?}, case-sensitive) on the same trust policies that {@code generate} writes, and shows the closest patterns
 * when none matches. Reads the YAML only, and always explains the whole file: writes nothing unless
 * {@code explainFile} is set.
 */
@Mojo(name = "explain", requiresProject = false, threadSafe = true)
public class ExplainMojo extends AbstractPlanningMojo {

  /**
   * A {@code sub} claim to test against every trust policy, as Spacelift writes it into the run's token.
   *
   * <p>Default: none (print the whole report). Example: {@code
   * -Dspacelift-oidc.subject=space:production-01HND497T9JKR76MR3KA2CDJHP:stack:infra:run_type:TRACKED:scope:write}.
   */
  @Parameter(property = "spacelift-oidc.subject")
  String subject;

  /**
   * An {@code aud} claim to test together with {@code subject}; a token whose audience the trust policies do not
   * accept may assume no role.
   *
   * <p>Default: none (any configured audience). Example: {@code -Dspacelift-oidc.audience=demo.app.spacelift.io}.
   */
  @Parameter(property = "spacelift-oidc.audience")
  String audience;

  /**
   * Also writes the whole report as Markdown to this file, for code review (a relative path resolves against the
   * project's base directory). The file always holds the full report, also when {@code subject} is set. It starts
   * with a header comment, and an existing file without it is never replaced: the build fails and names it.
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
    SpaceliftOidc.Loaded loaded = new SpaceliftOidc().load(request());
    GenerationPlan plan = loaded.plan();
    logWarnings(loaded.warnings());
    var lines = subject == null || subject.isBlank()
        ? Explainer.report(plan)
        : Explainer.subjectReport(plan, subject.strip(), audience == null || audience.isBlank() ? null : audience);
    lines.forEach(getLog()::info);
    if (explainFile != null) {
      ReportFile.write(plan, explainFile.toPath(), MavenHints.HINTS);
      getLog().info("Wrote " + explainFile);
    }
  }
}
