package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.explain.Explainer;
import io.github.spaceliftoidc.core.problem.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "Say when a pull request could write": a warning in the build log, and in {@code explain}, when a role that runs
 * which should only read may assume (PROPOSED runs; where the provider tells the phases apart, tracked runs while
 * they plan) carries a write-capable AWS-managed policy of the curated list. It names the role, the policy, the runs
 * and the fix, at the policy in the YAML.
 */
class WriteCapablePolicyWarningTest extends SettingsFixture {

  private List<Problem> warnings(Yaml yaml) throws IOException {
    return new SpaceliftOidc().load(GenerationRequest.of(write(yaml))).warnings();
  }

  @Test
  void aPullRequestThatMayAssumeAPowerUserIsWarnedAboutAtThePolicyWithTheFix() throws IOException {
    Yaml yaml = Yaml.base().role("managedPolicies: [ReadOnlyAccess, PowerUserAccess]");
    Problem warning = only(warnings(yaml));

    assertEquals(yaml.lineOf("        managedPolicies:"), warning.mark().line());
    assertEquals(yaml.text().lines().toList().get(warning.mark().line() - 1).indexOf("PowerUserAccess") + 1,
        warning.mark().column(), "at the policy itself");
    assertEquals("role 'spacelift-infra' of account 'production' carries arn:aws:iam::aws:policy/PowerUserAccess,"
        + " which can change AWS resources, and runs that should only read may assume it: stack 'infra': PROPOSED"
        + " runs (pull requests). Code that nobody has reviewed could then write. Give stack 'infra' a planRole with"
        + " read-only policies (such as ReadOnlyAccess) and keep this role for applying: pull requests then plan with"
        + " the read-only role.", warning.message());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"AdministratorAccess", "PowerUserAccess", "AmazonS3FullAccess", "IAMFullAccess",
      "AmazonECS_FullAccess", "arn:aws:iam::aws:policy/job-function/NetworkAdministrator",
      "arn:aws:iam::aws:policy/AWSLambda_FullAccess", "AWSCodeCommitPowerUser"})
  void writeCapablePoliciesWarn(String policy) throws IOException {
    assertEquals(1, warnings(Yaml.base().role("managedPolicies: [" + policy + "]")).size(), policy);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ReadOnlyAccess", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", "SecurityAudit",
      "AmazonS3ReadOnlyAccess", "AWSPriceListServiceFullAccess", "arn:aws:iam::123456789012:policy/AdministratorAccess"})
  void readOnlyAndCustomerPoliciesDoNot(String policy) throws IOException {
    assertTrue(warnings(Yaml.base().role("managedPolicies: [" + policy + "]")).isEmpty(), policy);
  }

  @Test
  void aStackWithAReadOnlyPlanRoleIsFine() throws IOException {
    Yaml yaml = Yaml.base().terraform("terraform:\n  version: 1.11.4").role("managedPolicies: [PowerUserAccess]")
        .roles("- name: spacelift-plan\n  managedPolicies: [ReadOnlyAccess]").stack("planRole: spacelift-plan");
    assertTrue(warnings(yaml).isEmpty());
  }

  @Test
  void aWriteCapablePlanRoleIsWarnedAboutAsSuch() throws IOException {
    Yaml yaml = Yaml.base().roles("- name: spacelift-plan\n  managedPolicies: [AdministratorAccess]")
        .stack("planRole: spacelift-plan");
    Problem warning = only(warnings(yaml));
    assertTrue(warning.message().startsWith("role 'spacelift-plan' of account 'production' carries"
        + " arn:aws:iam::aws:policy/AdministratorAccess"), warning.message());
    assertTrue(warning.message().endsWith("It is the planRole of stack 'infra': give it read-only policies (such as"
        + " ReadOnlyAccess) and keep the write policies on the stack's role."), warning.message());
  }

  @Test
  void withPhasesATrackedRunThatPlansWithTheRoleCountsAsWell() throws IOException {
    Yaml tracked = Yaml.base().role("managedPolicies: [PowerUserAccess]").stack("runTypes: [TRACKED]");
    Problem warning = only(warnings(tracked.terraform("terraform:\n  version: 1.11.4")));
    assertTrue(warning.message().contains("stack 'infra': tracked runs while they plan (scope read)"),
        warning.message());
    assertTrue(warnings(tracked.terraform("terraform:\n  version: 1.9.8")).isEmpty(),
        "without phases the role must trust the tracked run's plan");
    assertTrue(warnings(tracked.stack("runTypes: [TRACKED]\nscopes: [write]").terraform("terraform:\n  version:"
        + " 1.11.4")).isEmpty(), "an autodeploy stack plans with a write token");
  }

  @Test
  void aTrustRuleThatLetsInPullRequestsIsToldToNarrow() throws IOException {
    Yaml yaml = Yaml.base().role("managedPolicies: [AdministratorAccess]\ntrust:\n  - space: production\n"
        + "    stack: \"*\"\n    runTypes: [PROPOSED]").stack("runTypes: [TRACKED]\nscopes: [write]");
    Problem warning = only(warnings(yaml));
    assertTrue(warning.message().contains("trust rule 1 of role 'spacelift-infra' of account 'production': PROPOSED"
        + " runs (pull requests)") && warning.message().endsWith("Narrow the runTypes and scopes to runs that apply"
        + " (for example runTypes: [TRACKED], scopes: [write]), or move the write policies to a role that only those"
        + " runs assume."), warning.message());
  }

  @Test
  void anApplyRoleThatAnotherStacksPullRequestsMayAssumeIsWarnedAbout() throws IOException {
    Yaml yaml = Yaml.base().terraform("terraform:\n  version: 1.11.4").roles("- name: spacelift-plan")
        .stack("planRole: spacelift-plan");
    // Another stack's PROPOSED runs share the apply role of "infra", here through a trust rule.
    Yaml shared = yaml.role("trust: [{space: production, stack: other, runTypes: [PROPOSED]}]");
    Problem warning = only(warnings(shared));
    assertEquals("role 'spacelift-infra' of account 'production' is the role that stack 'infra' assumes only to"
        + " apply (beside a planRole), but PROPOSED runs may assume it through trust rule 1 of role 'spacelift-infra'"
        + " of account 'production': their pull requests get the apply credentials. Give those stacks a planRole"
        + " too, or their own role.", warning.message());
    assertTrue(warnings(yaml).isEmpty());
  }

  @Test
  void aRoleThatWritesAStacksStateWhileOtherPullRequestsMayAssumeItIsWarnedAbout() throws IOException {
    Yaml yaml = Yaml.base().terraform("terraform:\n  version: 1.11.4")
        .roles("- name: spacelift-plan\n  trust: [{space: production, stack: \"*\", runTypes: [PROPOSED],"
            + " scopes: [read]}]")
        .stack("planRole: spacelift-plan\nbackend: {bucket: acme-state, key: infra.tfstate, region: eu-west-1}");
    Problem warning = only(warnings(yaml));
    assertEquals("role 'spacelift-plan' of account 'production' writes the state of stack 'infra' (the backend uses"
        + " it), and PROPOSED runs of others may assume it: trust rule 1 of role 'spacelift-plan' of account"
        + " 'production'. A pull request there could change that stack's state. Give each stack with a backend a"
        + " planRole (or role) of its own.", warning.message());
    assertTrue(warnings(yaml.roles("- name: spacelift-plan")).isEmpty(), "the stack's own pull requests reaching its"
        + " backend's role is the remaining risk the README states, not a warning");
    assertTrue(warnings(yaml.role("statePolicy: false").roles("- name: spacelift-plan\n  statePolicy: false\n"
        + "  trust: [{space: production, stack: \"*\", runTypes: [PROPOSED], scopes: [read]}]")).isEmpty(),
        "without a generated state policy the plugin grants no state");
  }

  @Test
  void explainShowsTheWarningUnderTheRole() throws IOException {
    GenerationPlan plan = plan(Yaml.base().role("managedPolicies: [PowerUserAccess]"));
    List<String> report = Explainer.report(plan);
    assertTrue(report.stream().anyMatch(line -> line.startsWith("    warning: role 'spacelift-infra' of account"
        + " 'production' carries arn:aws:iam::aws:policy/PowerUserAccess")), report.toString());
    assertTrue(Explainer.markdown(plan).contains("- **Warning:** role 'spacelift-infra'"));
    assertEquals(1, role(plan, "spacelift-infra").warnings().size());
  }

  @Test
  void aLargeOrganisationGetsTheFirstTenInTheLogAndACountButExplainListsEveryOne() {
    StringBuilder roles = new StringBuilder();
    StringBuilder stacks = new StringBuilder();
    for (int i = 0; i < 13; i++) {
      roles.append("      - {name: r").append(i).append(", managedPolicies: [PowerUserAccess]}\n");
      stacks.append("  - {id: s").append(i).append(", space: production, account: production, role: r").append(i)
          .append("}\n");
    }
    String yaml = "spacelift: {hostname: demo.app.spacelift.io}\naccounts:\n  - name: production\n"
        + "    id: \"123456789012\"\n    region: eu-west-1\n    roles:\n" + roles
        + "spaces: [{name: production, id: production-01HND497T9JKR76MR3KA2CDJHP}]\nstacks:\n" + stacks;
    io.github.spaceliftoidc.core.problem.Problems problems = new io.github.spaceliftoidc.core.problem.Problems();
    var root = new io.github.spaceliftoidc.core.yaml.TreeReader().readString(yaml, Plans.FILE,
        io.github.spaceliftoidc.core.yaml.TreeReader.Format.YAML, problems).orElseThrow();
    var config = new io.github.spaceliftoidc.core.config.ConfigBinder(problems).bind(root, java.nio.file.Path.of(
        Plans.FILE), Plans.FILE);
    GenerationPlan plan = new Planner(problems).plan(config).plan();

    List<Problem> warnings = problems.warnings();
    assertEquals(11, warnings.size(), warnings.toString());
    assertEquals("and 3 more roles carry a write-capable AWS-managed policy that runs which should only read may"
        + " assume, as above (the explain report lists each one).", warnings.get(10).message());
    assertEquals(17, warnings.get(10).mark().line(), "at the first one left out: role r10's policy");
    assertEquals(13, plan.accounts().get(0).roles().stream().filter(r -> !r.warnings().isEmpty()).count());
  }

  @Test
  void theCuratedListHoldsTheBroadPoliciesAndNoReadOnlyOne() throws IOException {
    List<String> entries;
    try (InputStream in = getClass().getResourceAsStream("/policies/write-capable-managed-policies.txt")) {
      entries = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }
    assertTrue(entries.containsAll(List.of("/AdministratorAccess", "/PowerUserAccess", "/IAMFullAccess",
        "/AmazonS3FullAccess", "/job-function/SystemAdministrator", "/job-function/NetworkAdministrator")));
    for (String readOnly : List.of("/ReadOnlyAccess", "/job-function/ViewOnlyAccess", "/SecurityAudit",
        "/IAMReadOnlyAccess", "/AWSPriceListServiceFullAccess")) {
      assertFalse(entries.contains(readOnly), readOnly);
    }
    assertTrue(entries.stream().allMatch(e -> e.matches("/(job-function/)?[\\w+=,.@-]+")), "paths and names only");
    assertEquals(entries.size(), entries.stream().distinct().count());
    assertTrue(entries.stream().filter(e -> e.endsWith("FullAccess")).count() > 250, "the *FullAccess family");
  }
}
