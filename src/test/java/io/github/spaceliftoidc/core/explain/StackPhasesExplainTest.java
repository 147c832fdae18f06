package io.github.spaceliftoidc.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code explain} says, for each stack, which role it assumes in which phase, in the words of the README's phase
 * table, for the three ways the output picks a role (by phase, by run type, in the before_init script); and under each
 * role, its state policy and its warnings.
 */
class StackPhasesExplainTest {

  private static GenerationPlan golden(String name) {
    return new SpaceliftOidc().load(GenerationRequest.of(ProjectPaths.testResources()
        .resolve("golden/" + name + "/spacelift-oidc.yaml"))).plan();
  }

  private static List<String> phases(List<String> report) {
    return report.subList(report.indexOf("Stacks, and the role each assumes in which phase:"), report.size());
  }

  @Test
  void byPhase() {
    assertEquals(List.of("Stacks, and the role each assumes in which phase:",
        "  stack infra (stacks/infra):",
        "    planning (PROPOSED runs, and tracked runs until they apply) as spacelift-infra-plan",
        "    applying (tracked runs), and every phase of tasks and destroy runs, as spacelift-infra",
        "    the S3 backend, in every run and phase, as spacelift-infra-plan",
        "  stack dns (stacks/dns):",
        "    planning (PROPOSED runs, and tracked runs until they apply) as spacelift-dns-plan",
        "    applying (tracked runs), and every phase of tasks and destroy runs, as spacelift-infra"),
        phases(Explainer.report(golden("plan-role-terraform-1.11"))));
  }

  @Test
  void byRunType() {
    List<String> phases = phases(Explainer.report(golden("plan-role-terraform-1.6.0")));
    assertEquals("    PROPOSED runs as spacelift-infra-plan; tracked runs, tasks and destroy runs as spacelift-infra"
        + " (Terraform 1.6.0 cannot tell planning from applying)", phases.get(2));
    assertEquals("    the S3 backend, in every run and phase, as spacelift-infra-plan", phases.get(3));
    assertEquals("    PROPOSED runs as spacelift-infra-plan; tracked runs, tasks and destroy runs as spacelift-infra"
        + " (OpenTofu 1.10.5 cannot tell planning from applying)",
        phases(Explainer.report(golden("plan-role-opentofu-1.10"))).get(2));
  }

  @Test
  void inTheBeforeInitScript() {
    assertEquals(List.of("Stacks, and the role each assumes in which phase:",
        "  stack infra (stacks/infra):",
        "    PROPOSED runs as spacelift-infra-plan, all other runs as spacelift-infra (the before_init script picks by"
            + " run type; provider and backend use the same credentials)",
        "  stack dns (stacks/dns):",
        "    PROPOSED runs as spacelift-dns-plan, all other runs as spacelift-infra (the before_init script picks by"
            + " run type; provider and backend use the same credentials)"),
        phases(Explainer.report(golden("plan-role-terraform-1.5.7"))));
  }

  @Test
  void aStackWithOneRoleUsesItThroughout() {
    List<String> phases = phases(Explainer.report(golden("oidc-backend-terraform-1.6.0")));
    assertEquals(List.of("Stacks, and the role each assumes in which phase:",
        "  stack infra (stacks/infra): every run as spacelift-infra, its S3 backend too",
        "  stack dns (stacks/dns): every run as spacelift-infra"), phases);
  }

  @Test
  void eachRoleSaysWhichStacksPlanOrApplyWithItAndWhatStateItReaches() {
    List<String> report = Explainer.report(golden("plan-role-terraform-1.11"));
    assertTrue(report.contains("    assumed by the provider of: infra (stacks/infra, to apply), dns (stacks/dns, to"
        + " apply)"), report::toString);
    assertTrue(report.contains("    assumed by the provider of: infra (stacks/infra, to plan)"), report::toString);
    assertTrue(report.contains("    assumed by the provider of: dns (stacks/dns, to plan)"), report::toString);
    assertTrue(report.contains("    state policy: the S3 state of infra (each stack's key, lock and KMS key, no whole"
        + " bucket)"), report::toString);
  }

  @Test
  void theMarkdownReportHasTheSameSection() {
    String markdown = Explainer.markdown(golden("plan-role-terraform-1.11"));
    // The same words, with every value from the YAML in a code span (MarkdownEscapingTest tries hostile ones).
    assertTrue(markdown.contains("\n## Stacks, and the role each assumes in which phase\n\n- stack `infra`"
        + " (`stacks/infra`):\n  - planning (PROPOSED runs, and tracked runs until they apply) as"
        + " `spacelift-infra-plan`\n"), markdown);
    assertTrue(markdown.contains("- state policy: the S3 state of `infra`"), markdown);
  }
}
