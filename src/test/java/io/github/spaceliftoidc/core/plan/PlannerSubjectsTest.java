package io.github.spaceliftoidc.core.plan;

import static io.github.spaceliftoidc.core.plan.Plans.assertOneProblem;
import static io.github.spaceliftoidc.core.plan.Plans.plan;
import static io.github.spaceliftoidc.core.plan.Plans.role;
import static io.github.spaceliftoidc.core.plan.Plans.subjects;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.spaceliftoidc.core.trust.Grant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the planner derives each role's subject patterns from the stacks, modules and trust rules of the YAML (the
 * spec's "Meaning" section), example by example. {@code PlannerTrustPropertyTest} checks the same on random YAML.
 */
class PlannerSubjectsTest {

  static final String PROD = "space:production-01HND497T9JKR76MR3KA2CDJHP";
  static final String SHARED = "space:shared-01HND4A0B2C3D4E5F6G7H8J9KM";

  /** A configuration with one account ("production"), three spaces (root, production, shared), and the given parts. */
  static String config(String roles, String callers) {
    return """
        spacelift:
          hostname: acme.app.spacelift.io
        accounts:
          - name: production
            id: "123456789012"
            region: eu-west-1
            roles:
        %s
        spaces:
          - name: root
            id: root
          - name: production
            id: production-01HND497T9JKR76MR3KA2CDJHP
          - name: shared
            id: shared-01HND4A0B2C3D4E5F6G7H8J9KM
        %s
        """.formatted(roles.indent(6).stripTrailing(), callers);
  }

  private static String stack(String id, String space, String role, String extra) {
    return """
          - id: %s
            space: %s
            account: production
            role: %s
        %s""".formatted(id, space, role, extra.indent(4));
  }

  @Test
  void aStackWithoutRunTypesOrScopesTrustsEveryRunOfThatStack() {
    String yaml = config("- name: deploy", "stacks:\n" + stack("infra", "production", "deploy", ""));
    assertEquals(List.of(PROD + ":stack:infra:run_type:*:scope:*"), subjects(yaml, "deploy"));
  }

  @Test
  void runTypesAndScopesOfAStackMultiplyOutIntoSortedPatterns() {
    String yaml = config("- name: deploy", "stacks:\n" + stack("infra", "production", "deploy",
        "runTypes: [TRACKED, PROPOSED]\nscopes: [write, read]"));
    assertEquals(List.of(
        PROD + ":stack:infra:run_type:PROPOSED:scope:read",
        PROD + ":stack:infra:run_type:PROPOSED:scope:write",
        PROD + ":stack:infra:run_type:TRACKED:scope:read",
        PROD + ":stack:infra:run_type:TRACKED:scope:write"), subjects(yaml, "deploy"));
  }

  @Test
  void onlyRunTypesOrOnlyScopesLeaveTheOtherOpen() {
    String yaml = config("- name: deploy", "stacks:\n"
        + stack("a", "production", "deploy", "runTypes: [TRACKED]")
        + stack("b", "production", "deploy", "scopes: [read]"));
    assertEquals(List.of(PROD + ":stack:a:run_type:TRACKED:scope:*", PROD + ":stack:b:run_type:*:scope:read"),
        subjects(yaml, "deploy"));
  }

  @Test
  void stacksSharingARoleAllLandInItsOnePolicy() {
    String yaml = config("- name: deploy\n- name: other", "stacks:\n"
        + stack("web", "production", "deploy", "runTypes: [TRACKED]")
        + stack("api", "shared", "deploy", "")
        + stack("batch", "production", "other", ""));
    assertEquals(List.of(PROD + ":stack:web:run_type:TRACKED:scope:*", SHARED + ":stack:api:run_type:*:scope:*"),
        subjects(yaml, "deploy"));
    assertEquals(List.of(PROD + ":stack:batch:run_type:*:scope:*"), subjects(yaml, "other"));
  }

  @Test
  void aModuleTrustsItsRunsAsAModule() {
    String yaml = config("- name: tests", """
        stacks: []
        modules:
          - id: terraform-aws-vpc
            space: shared
            account: production
            role: tests
            runTypes: [TESTING]
        """);
    assertEquals(List.of(SHARED + ":module:terraform-aws-vpc:run_type:TESTING:scope:*"), subjects(yaml, "tests"));
  }

  @Test
  void aSpaceWideRuleTrustsEveryStackAndModuleOfTheSpace() {
    String yaml = config("""
        - name: readonly
          trust:
            - space: shared
              runTypes: [PROPOSED]
        """, "stacks: []");
    assertEquals(List.of(SHARED + ":*:*:run_type:PROPOSED:scope:*"), subjects(yaml, "readonly"));
  }

  @Test
  void aRuleForAnyStackOfASpaceNamesTheCallerType() {
    String yaml = config("""
        - name: readonly
          trust:
            - space: production
              stack: "*"
              scopes: [read]
            - space: root
              module: "*"
        """, "stacks: []");
    assertEquals(List.of(PROD + ":stack:*:run_type:*:scope:read", "space:root:module:*:run_type:*:scope:*"),
        subjects(yaml, "readonly"));
  }

  @Test
  void anySpaceWithASpecificStackIsAllowedBecauseStackIdsAreUnique() {
    String yaml = config("""
        - name: awesome
          trust:
            - space: "*"
              stack: oidc-is-awesome
            - space: "*"
              module: vpc
              runTypes: [TESTING]
        """, "stacks: []");
    assertEquals(List.of("space:*:module:vpc:run_type:TESTING:scope:*", "space:*:stack:oidc-is-awesome:run_type:*:scope:*"),
        subjects(yaml, "awesome"));
  }

  @Test
  void aRuleForEveryRunOfTheAccountNeedsAllowAnySubject() {
    String rule = """
        - name: everything
          trust:
            - space: "*"
        """;
    assertOneProblem(config(rule, "stacks: []"), "trusts every stack and module in every space");
    assertOneProblem(config("""
        - name: everything
          trust:
            - space: "*"
              stack: "*"
              runTypes: [PROPOSED]
        """, "stacks: []"), "trusts every stack in every space");
    assertEquals(List.of("space:*:*:*:run_type:*:scope:*"),
        subjects(config(rule + "  allowAnySubject: true\n", "stacks: []"), "everything"));
  }

  @Test
  void rulesAndCallersCombineWithoutDuplicatesOrCoveredPatterns() {
    String yaml = config("""
        - name: deploy
          trust:
            - space: production
              stack: infra
              runTypes: [TRACKED]
            - space: shared
              stack: "*"
        """, "stacks:\n"
        + stack("infra", "production", "deploy", "runTypes: [TRACKED]")
        + stack("api", "shared", "deploy", "scopes: [write]"));
    assertEquals(List.of(PROD + ":stack:infra:run_type:TRACKED:scope:*", SHARED + ":stack:*:run_type:*:scope:*"),
        subjects(yaml, "deploy"), "the rule repeats infra's pattern, and the shared rule covers api's");
  }

  @Test
  void everyGrantIsKeptForTheExplanationInYamlOrder() {
    String yaml = config("""
        - name: deploy
          trust:
            - space: shared
              stack: "*"
        """, "stacks:\n"
        + stack("infra", "production", "deploy", "runTypes: [TRACKED]")
        + stack("api", "shared", "deploy", ""));
    List<Grant> grants = role(plan(yaml), "production", "deploy").grants();
    assertEquals(List.of("stack `infra` in space `production`: TRACKED runs, read and write",
        "stack `api` in space `shared`: all runs, read and write",
        "any stack in space `shared`: all runs, read and write"), grants.stream().map(Grant::describe).toList());
  }

  @Test
  void aRoleThatNothingTrustsIsAnError() {
    assertOneProblem(config("- name: lonely", "stacks: []"), "is trusted by no stack, module or trust rule");
  }

  @Test
  void aRuleThatNamesAStackAndAModuleIsAnError() {
    assertOneProblem(config("""
        - name: both
          trust:
            - space: production
              stack: a
              module: b
        """, "stacks: []"), "names both a stack and a module");
  }

  @Test
  void everyPolicyPinsTheAudiences() {
    String yaml = config("- name: deploy", "stacks:\n" + stack("infra", "production", "deploy", ""))
        .replace("hostname: acme.app.spacelift.io", "hostname: acme.app.spacelift.io\n  audiences: [a.example, b.example]");
    RolePlan role = role(plan(yaml), "production", "deploy");
    assertEquals(List.of("a.example", "b.example"), role.trustPolicy().audiences());
    assertEquals("acme.app.spacelift.io:aud", role.trustPolicy().audienceKey());
    assertEquals("acme.app.spacelift.io:sub", role.trustPolicy().subjectKey());
  }

  @Test
  void severalSubjectTemplatesEachGetThePatterns() {
    String yaml = config("- name: deploy", "stacks:\n" + stack("infra", "production", "deploy", "runTypes: [TRACKED]"))
        .replace("hostname: acme.app.spacelift.io", """
            hostname: acme.app.spacelift.io
              subjectTemplate:
                - "space:{spaceId}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}"
                - "{callerType}:{callerId}:{runType}"
            """.stripTrailing());
    assertEquals(List.of(PROD + ":stack:infra:run_type:TRACKED:scope:*", "stack:infra:TRACKED"),
        subjects(yaml, "deploy"));
  }
}
