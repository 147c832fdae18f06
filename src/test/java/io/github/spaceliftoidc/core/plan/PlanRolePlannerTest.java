package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.problem.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code stacks[].planRole}: what each of a stack's two roles trusts, how the generated files pick between them, the
 * engine and version that decide it, the session lengths, and the mistakes that are refused.
 */
class PlanRolePlannerTest extends SettingsFixture {

  private static final String INFRA = "space:production-01HND497T9JKR76MR3KA2CDJHP:stack:infra:run_type:";

  private static Yaml withPlanRole(String version) {
    return Yaml.base().terraform("terraform:\n  version: " + version)
        .roles("- name: spacelift-plan\n  managedPolicies: [ReadOnlyAccess]")
        .stack("planRole: spacelift-plan");
  }

  @Test
  void withPhasesTheApplyRoleTrustsOnlyWriteTokensOfRunsThatApply() throws IOException {
    GenerationPlan plan = plan(withPlanRole("1.11.4"));

    assertEquals(List.of(INFRA + "DESTROY:scope:write", INFRA + "TASK:scope:write", INFRA + "TRACKED:scope:write"),
        role(plan, "spacelift-infra").trustPolicy().subjects());
    assertEquals(List.of(INFRA + "PROPOSED:scope:read", INFRA + "TRACKED:scope:*"),
        role(plan, "spacelift-plan").trustPolicy().subjects());
    assertEquals(List.of("infra"), role(plan, "spacelift-plan").planFor());
    assertEquals(List.of("infra"), role(plan, "spacelift-infra").applyFor());
  }

  @Test
  void aTrustRuleOnTheApplyRoleThatLetsTheStacksPullRequestsInIsRefused() throws IOException {
    // "The apply role never trusts a PROPOSED run of that stack": not through a trust rule either.
    Problem problem = only(problems(withPlanRole("1.9.8").role("trust:\n  - space: production\n    stack: \"*\"")));

    assertEquals(withPlanRole("1.9.8").role("trust:\n  - space: production\n    stack: \"*\"")
        .lineOf("          - space: production"), problem.mark().line());
    assertEquals("trust rule 1 of role 'spacelift-infra' of account 'production' lets PROPOSED runs (pull requests)"
        + " of stack 'infra' assume role 'spacelift-infra' of account 'production', which that stack assumes only to"
        + " apply (it plans with its planRole), so its pull requests would get the apply credentials. Narrow the"
        + " rule (runTypes without PROPOSED, or a stack or space that leaves stack 'infra' out), or move it to the"
        + " plan role.", problem.message());
  }

  @Test
  void withPhasesARuleOnTheApplyRoleMayNotAdmitReadTokensOfTrackedRunsEither() throws IOException {
    String tracked = "trust:\n  - space: production\n    stack: \"*\"\n    runTypes: [TRACKED]";
    assertTrue(only(problems(withPlanRole("1.11.4").role(tracked))).message().contains("lets TRACKED runs while"
        + " they plan (scope read) of stack 'infra'"));
    // Without phases a tracked run applies with this role anyway; with scopes: [write] it only applies.
    assertEquals(List.of("space:production-01HND497T9JKR76MR3KA2CDJHP:stack:*:run_type:TRACKED:scope:*",
        INFRA + "DESTROY:scope:*", INFRA + "TASK:scope:*"),
        role(plan(withPlanRole("1.9.8").role(tracked)), "spacelift-infra").trustPolicy().subjects());
    plan(withPlanRole("1.11.4").role(tracked + "\n    scopes: [write]"));
    // A rule that leaves the stack out is no concern of its phases.
    plan(withPlanRole("1.11.4").role("trust:\n  - space: production\n    stack: web"));
  }

  @Test
  void aStackThatPlansWithAnotherStacksApplyRoleIsWarnedAbout() throws IOException {
    // Stack web plans with spacelift-infra, which stack infra only applies with: web's pull requests get it.
    Path yaml = dir.resolve("spacelift-oidc.yaml");
    Files.writeString(yaml, """
        spacelift:
          hostname: demo.app.spacelift.io
        terraform:
          version: 1.11.4
        accounts:
          - name: production
            id: "123456789012"
            region: eu-west-1
            roles:
              - name: spacelift-infra
              - name: spacelift-plan
              - name: spacelift-web
        spaces:
          - name: production
            id: production-01HND497T9JKR76MR3KA2CDJHP
        stacks:
          - id: infra
            space: production
            account: production
            role: spacelift-infra
            planRole: spacelift-plan
          - id: web
            space: production
            account: production
            role: spacelift-web
            planRole: spacelift-infra
        """);

    List<Problem> warnings = new SpaceliftOidc().load(GenerationRequest.of(yaml)).warnings();

    assertTrue(warnings.stream().anyMatch(w -> w.message().startsWith("role 'spacelift-infra' of account"
        + " 'production' is the role that stack 'infra' assumes only to apply (beside a planRole), but PROPOSED runs"
        + " may assume it through stack 'web'")), warnings.toString());
  }

  @Test
  void withoutPhasesTheApplyRoleTrustsEveryScopeOfRunsThatApplyAndThePlanRoleOnlyProposedRuns() throws IOException {
    GenerationPlan plan = plan(withPlanRole("1.9.8"));

    assertEquals(List.of(INFRA + "DESTROY:scope:*", INFRA + "TASK:scope:*", INFRA + "TRACKED:scope:*"),
        role(plan, "spacelift-infra").trustPolicy().subjects());
    assertEquals(List.of(INFRA + "PROPOSED:scope:read"), role(plan, "spacelift-plan").trustPolicy().subjects());
  }

  @Test
  void aBackendFrom16AssumesThePlanRoleWhichThenTrustsEveryRunOfTheStack() throws IOException {
    Yaml yaml = withPlanRole("1.11.4").stack("planRole: spacelift-plan\n"
        + "backend: {bucket: acme-state, key: infra.tfstate, region: eu-west-1}");
    GenerationPlan plan = plan(yaml);

    assertEquals(List.of(INFRA + "*:scope:*"), role(plan, "spacelift-plan").trustPolicy().subjects());
    assertEquals("arn:aws:iam::123456789012:role/spacelift-plan", plan.stacks().get(0).backend().roleArn());
    assertNull(role(plan, "spacelift-infra").statePolicy(), "the apply role never touches the state");
    assertTrue(role(plan, "spacelift-plan").statePolicy().json().contains("s3:PutObject"),
        "the backend writes the state with the plan role while applying");
  }

  @Test
  void theStackNarrowsBothRoles() throws IOException {
    GenerationPlan plan = plan(withPlanRole("1.11.4").stack("planRole: spacelift-plan\nrunTypes: [PROPOSED, TRACKED]"
        + "\nscopes: [read, write]"));

    assertEquals(List.of(INFRA + "TRACKED:scope:write"), role(plan, "spacelift-infra").trustPolicy().subjects());
    assertEquals(List.of(INFRA + "PROPOSED:scope:read", INFRA + "TRACKED:scope:read", INFRA + "TRACKED:scope:write"),
        role(plan, "spacelift-plan").trustPolicy().subjects());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "'planRole: spaceleft-plan', names unknown planRole 'spaceleft-plan' of account 'production' (known:"
          + " spacelift-infra, spacelift-plan). Did you mean 'spacelift-plan'?",
      "'planRole: spacelift-infra', planRole 'spacelift-infra' is the stack's role itself",
      "'planRole: spacelift-plan\\nrunTypes: [PROPOSED]', no run reaches its role 'spacelift-infra' (runTypes"
          + " [PROPOSED]): the role that applies takes every run but PROPOSED ones",
      "'planRole: spacelift-plan\\nscopes: [read]', no run reaches its role 'spacelift-infra' (scopes [read])",
      "'planRole: spacelift-plan\\nrunTypes: [TASK]', no run reaches its planRole 'spacelift-plan' (runTypes [TASK])"})
  void mistakesAreRefusedAtThePlanRole(String stack, String message) throws IOException {
    Yaml yaml = withPlanRole("1.11.4").stack(stack.replace("\\n", "\n"));
    List<Problem> problems = problems(yaml);
    Problem problem = problems.stream().filter(p -> p.message().contains(message)).findFirst()
        .orElseThrow(() -> new AssertionError(message + " not in " + problems));

    assertEquals(yaml.lineOf("    planRole: "), problem.mark().line(), problem.toString());
    // Only the stack's own mistake; a role left unused by it (planRole: <its role>) is a mistake of its own.
    assertEquals(stack.contains("spacelift-infra") ? 2 : 1, problems.size(), problems.toString());
  }

  @Test
  void aTrackedWriteOnlyStackWithoutBackendNeedsPhasesForItsPlanRole() throws IOException {
    String stack = "planRole: spacelift-plan\nrunTypes: [TRACKED]\nscopes: [write]";
    Problem problem = only(problems(withPlanRole("1.9.8").stack(stack)));
    assertTrue(problem.message().contains("no run reaches its planRole 'spacelift-plan' (runTypes [TRACKED], scopes"
        + " [write]): the plan role takes PROPOSED runs (scope read), tracked runs while they plan where the engine"
        + " tells the phases apart (Terraform 1.10 or OpenTofu 1.11 and later; this is Terraform 1.9.8)"),
        problem.message());

    GenerationPlan withPhases = plan(withPlanRole("1.11.4").stack(stack));
    assertEquals(List.of(INFRA + "TRACKED:scope:write"), role(withPhases, "spacelift-plan").trustPolicy().subjects(),
        "an autodeploy stack plans with a write token");
  }

  @Test
  void aPlanRoleOfAnotherAccountIsRefused() {
    String yaml = """
        spacelift: {hostname: demo.app.spacelift.io}
        accounts:
          - name: production
            id: "123456789012"
            region: eu-west-1
            roles: [{name: spacelift-infra}]
          - name: staging
            id: "210987654321"
            region: eu-west-1
            roles: [{name: spacelift-plan, trust: [{space: production, stack: other}]}]
        spaces: [{name: production, id: production-01HND497T9JKR76MR3KA2CDJHP}]
        stacks:
          - {id: infra, space: production, account: production, role: spacelift-infra, planRole: spacelift-plan}
        """;
    Plans.assertOneProblem(yaml, "stack 'infra': planRole 'spacelift-plan' belongs to account 'staging', but a"
        + " stack's provider and backend work in its own account 'production'; pick a role of production"
        + " (spacelift-infra).");
  }

  @ParameterizedTest(name = "{0} {1}: by phase {2}")
  @CsvSource({"terraform, 1.9.8, false", "terraform, 1.10.0-beta1, false", "terraform, 1.10.0, true",
      "terraform, 1.11.4, true", "opentofu, 1.10.5, false", "opentofu, 1.11.0, true"})
  void theEngineAndVersionDecideWhetherTheProviderChoosesByPhase(String engine, String version, boolean byPhase)
      throws IOException {
    Map<String, String> files = render(withPlanRole(version).terraform("terraform:\n  engine: " + engine
        + "\n  version: " + version));
    String provider = files.get("stacks/infra/spacelift-oidc-provider.tf");

    assertEquals(byPhase, provider.contains("(terraform.applying || contains([\"TASK\", \"DESTROY\", \"TESTING\"],"
        + " var.spacelift_run_type))"), provider);
    assertEquals(!byPhase, provider.contains("role_arn                = contains([\"TRACKED\", \"TASK\", \"DESTROY\","
        + " \"TESTING\"], var.spacelift_run_type) ? "), provider);
    assertTrue(provider.contains("variable \"spacelift_run_type\""), provider);
  }

  @Test
  void onlyAStackWithAPlanRoleDeclaresTheRunTypeAndBefore16NoneDoes() throws IOException {
    assertFalse(render(Yaml.base().terraform("terraform:\n  version: 1.11.4")).get(
        "stacks/infra/spacelift-oidc-provider.tf").contains("spacelift_run_type"));
    Map<String, String> legacy = render(withPlanRole("1.5.7"));
    assertFalse(legacy.get("stacks/infra/spacelift-oidc-provider.tf").contains("spacelift_run_type"),
        "the script reads TF_VAR_spacelift_run_type itself");
    assertTrue(legacy.get("stacks/infra/spacelift-oidc-before-init.sh").contains(
        "case ${TF_VAR_spacelift_run_type:-} in"));
  }

  @Test
  void openTofuBefore16IsRefused() throws IOException {
    Yaml yaml = Yaml.base().terraform("terraform:\n  engine: opentofu\n  version: 1.5.7");
    Problem problem = only(problems(yaml));
    assertTrue(problem.message().contains("is not an OpenTofu version: OpenTofu's first release is 1.6.0"),
        problem.message());
    assertEquals(yaml.lineOf("  version: 1.5.7"), problem.mark().line());
  }

  @Test
  void anUnknownEngineIsRefusedWithTheChoices() throws IOException {
    Problem problem = only(problems(Yaml.base().terraform("terraform:\n  engine: tofu")));
    assertTrue(problem.message().contains("'tofu' is not a valid value of 'engine'. Allowed: terraform, opentofu."),
        problem.message());
  }

  @ParameterizedTest(name = "apply {0} s, plan {1} s")
  @CsvSource({
      "3600, 3600, ''",
      "7200, 3600, 'duration                = (terraform.applying || contains([\"TASK\", \"DESTROY\", \"TESTING\"],"
          + " var.spacelift_run_type)) ? \"2h\" : \"1h\"'",
      "5400, 5400, 'duration                = \"1h30m\"'",
      "3600, 43200, 'duration                = (terraform.applying || contains([\"TASK\", \"DESTROY\", \"TESTING\"],"
          + " var.spacelift_run_type)) ? \"1h\" : \"12h\"'",
      "3601, 3600, '? \"1h1s\" : \"1h\"'"})
  void sessionsLastAsLongAsTheRoleAllows(int apply, int planned, String expected) throws IOException {
    Map<String, String> files = render(Yaml.base().terraform("terraform:\n  version: 1.11.4")
        .role("maxSessionDuration: " + apply)
        .roles("- name: spacelift-plan\n  maxSessionDuration: " + planned)
        .stack("planRole: spacelift-plan\nbackend: {bucket: acme-state, key: infra.tfstate, region: eu-west-1}"));
    String provider = files.get("stacks/infra/spacelift-oidc-provider.tf");
    String backend = provider.substring(provider.indexOf("backend \"s3\""));

    if (expected.isEmpty()) {
      assertFalse(provider.contains("duration"), provider);
    } else {
      assertTrue(provider.contains(expected), provider);
    }
    assertEquals(planned > 3600, backend.contains("duration"), "the backend's session is the plan role's: " + backend);
  }

  @Test
  void theScriptRequestsTheLongerSessionInSeconds() throws IOException {
    String script = render(withPlanRole("1.5.7").role("maxSessionDuration: 7200"))
        .get("stacks/infra/spacelift-oidc-before-init.sh");

    assertTrue(script.contains("_spacelift_oidc_duration='7200'") && script.contains(
        "_spacelift_oidc_duration='3600'") && script.contains("--duration-seconds \"$_spacelift_oidc_duration\""),
        script);
    assertFalse(render(Yaml.base().terraform("terraform:\n  version: 1.5.7"))
        .get("stacks/infra/spacelift-oidc-before-init.sh").contains("--duration-seconds"), "no flag for an hour");
  }

  @Test
  void aPlanRoleWithoutTheSessionTagsOfTheStacksRoleIsWarnedAbout() throws IOException {
    Yaml yaml = withPlanRole("1.11.4").role("sessionTagging: true");
    Problem warning = only(new io.github.spaceliftoidc.core.SpaceliftOidc().load(
        io.github.spaceliftoidc.core.GenerationRequest.of(write(yaml))).warnings());
    assertEquals(yaml.lineOf("    planRole: "), warning.mark().line());
    assertTrue(warning.message().endsWith("set sessionTagging: true on 'spacelift-plan' too."), warning.message());
    assertTrue(new io.github.spaceliftoidc.core.SpaceliftOidc().load(io.github.spaceliftoidc.core.GenerationRequest
        .of(write(yaml.roles("- name: spacelift-plan\n  sessionTagging: true")))).warnings().isEmpty());
  }

  @Test
  void aStackWithoutPlanRoleTrustsAsBefore() throws IOException {
    assertEquals(List.of(INFRA + "*:scope:*"),
        role(plan(Yaml.base().terraform("terraform:\n  version: 1.11.4")), "spacelift-infra").trustPolicy().subjects());
  }
}
