package io.github.spaceliftoidc.core.plan;

import static io.github.spaceliftoidc.core.plan.Plans.plan;
import static io.github.spaceliftoidc.core.plan.Plans.role;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Terraform resource names derived from free-form IAM names are valid identifiers and never collide within a
 * generated module.
 */
class PlannerNamesTest {

  private static String config(String productionRoles, String stagingRoles) {
    return """
        spacelift:
          hostname: acme.app.spacelift.io
        accounts:
          - name: production
            id: "123456789012"
            region: eu-west-1
            roles:
        %s
          - name: staging
            id: "210987654321"
            region: eu-west-1
            roles:
        %s
        spaces:
          - name: production
            id: production-01HND497T9JKR76MR3KA2CDJHP
        stacks: []
        """.formatted(productionRoles.indent(6).stripTrailing(), stagingRoles.indent(6).stripTrailing());
  }

  private static String roleYaml(String name, String... inlinePolicies) {
    StringBuilder role = new StringBuilder("- name: \"" + name + "\"\n  trust:\n    - space: production\n");
    if (inlinePolicies.length > 0) {
      role.append("  inlinePolicies:\n");
      for (String policy : inlinePolicies) {
        role.append("    - name: \"").append(policy).append("\"\n      document: {Version: \"2012-10-17\", Statement:"
            + " [{Effect: Allow, Action: \"s3:GetObject\", Resource: \"*\"}]}\n");
      }
    }
    return role.toString();
  }

  @ParameterizedTest(name = "identifier({0}) = {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      spacelift-infra      | spacelift_infra
      spacelift.infra      | spacelift_infra
      role@team+x=y,z      | role_team_x_y_z
      Already_Fine9        | Already_Fine9
      _leading             | _leading
      9lives               | r_9lives
      -dash                | _dash
      ключ                 | ____
      ``                   | r_
      """)
  void identifiersReplaceWhatTerraformDoesNotAllow(String name, String expected) {
    assertEquals(expected, ResourceNames.identifier(name));
  }


  @Test
  void rolesWhoseNamesSanitiseAlikeGetDistinctResourceNames() {
    GenerationPlan plan = plan(config(roleYaml("a-b") + roleYaml("a.b") + roleYaml("a_b_2") + roleYaml("a@b"),
        roleYaml("a.b")));
    assertEquals("a_b", role(plan, "production", "a-b").resourceName());
    assertEquals("a_b_2", role(plan, "production", "a.b").resourceName());
    assertEquals("a_b_2_2", role(plan, "production", "a_b_2").resourceName());
    assertEquals("a_b_3", role(plan, "production", "a@b").resourceName());
    assertEquals("a_b", role(plan, "staging", "a.b").resourceName(), "another account is another module");
  }

  @Test
  void aRoleNameThatStartsWithADigitGetsAPrefix() {
    GenerationPlan plan = plan(config(roleYaml("1deploy"), roleYaml("x")));
    assertEquals("r_1deploy", role(plan, "production", "1deploy").resourceName());
  }

  @Test
  void inlinePolicyResourceNamesAreUniqueAcrossTheRolesOfAnAccount() {
    // role "a" + policy "b-c" and role "a-b" + policy "c" both sanitise to a_b_c.
    GenerationPlan plan = plan(config(roleYaml("a", "b-c", "b.c") + roleYaml("a-b", "c"), roleYaml("x")));
    List<String> names = new ArrayList<>();
    for (RolePlan role : plan.accounts().get(0).roles()) {
      role.inlinePolicies().forEach(policy -> names.add(policy.resourceName()));
    }
    Set<String> unique = new HashSet<>(names);
    assertEquals(names.size(), unique.size(), "aws_iam_role_policy names collide: " + names);
    assertEquals(List.of("a_b_c", "a_b_c_2", "a_b_c_3"), names);
  }
}
