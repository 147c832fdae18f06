package io.github.spaceliftoidc.maven;

import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.explain.Explainer;
import io.github.spaceliftoidc.core.explain.ReportFile;
import io.github.spaceliftoidc.core.explain.TokenReport;
import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.token.TokenSource;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints who may assume which role, in plain words: for every role of every AWS account its ARN, the runs it trusts
 * (e.g. "stack `network` in space `production`: TRACKED and PROPOSED runs, read and write"), the stacks whose
 * provider assumes it, and the exact subject patterns of its trust policy. With {@code subject}, it answers instead
 * which roles a run with that {@code sub} claim may assume, by IAM's {@code StringLike} rules ({@code *} and
 * {@code ?}, case-sensitive) on the same trust policies that {@code generate} writes, and shows the closest patterns
 * when none matches. With {@code token}, it reads a run's real OIDC token and says why AWS would accept or refuse
 * it. Reads the YAML only, and always explains the whole file: writes nothing unless {@code explainFile} is set.
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
   * A Spacelift OIDC token to diagnose instead of a typed {@code subject}: the path of a file that holds it (in a
   * run, {@code /mnt/workspace/spacelift.oidc}), or {@code env} for the {@code SPACELIFT_OIDC_TOKEN} variable that
   * Spacelift sets in every run. The token is decoded here, with no network call and no signature check; the report
   * puts its issuer against each account's OIDC provider, its audience against the accepted ones, its times against
   * the clock, and its {@code sub} against every role, and for the roles of its own stack names the closest pattern
   * and the first part that differs. The token itself is never printed or logged, only its claims.
   *
   * <p>Default: none. Example: {@code -Dspacelift-oidc.token=/mnt/workspace/spacelift.oidc}, or
   * {@code -Dspacelift-oidc.token=env} inside a run.
   */
  @Parameter(property = "spacelift-oidc.token")
  String token;

  /** The clock that the token's times are checked against; tests set a fixed one. */
  Clock clock = Clock.systemUTC();

  /** The environment that {@code token=env} reads; tests set their own. */
  Function<String, String> environment = System::getenv;

  @Override
  String goal() {
    return "explain";
  }

  @Override
  void run() throws MojoFailureException {
    boolean withToken = token != null && !token.isBlank();
    boolean withSubject = subject != null && !subject.isBlank();
    String aud = audience == null || audience.isBlank() ? null : audience;
    if (withToken && (withSubject || aud != null)) {
      throw new MojoFailureException("Set either token or subject (with audience), not both: the token carries its"
          + " own sub and aud.");
    }
    SpaceliftOidc.Loaded loaded = new SpaceliftOidc().load(request());
    GenerationPlan plan = loaded.plan();
    logWarnings(loaded.warnings());
    List<String> lines;
    if (withToken) {
      lines = TokenReport.lines(plan, TokenSource.read(token, baseDirectory.toPath(), environment), clock);
    } else if (withSubject) {
      lines = Explainer.subjectReport(plan, subject.strip(), aud);
    } else {
      lines = Explainer.report(plan);
    }
    lines.forEach(getLog()::info);
    if (explainFile != null) {
      ReportFile.write(plan, reportFile(), MavenHints.HINTS);
    }
    logReportWritten();
  }
}
