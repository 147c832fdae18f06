package io.github.spaceliftoidc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.plan.RolePlan;
import io.github.spaceliftoidc.testing.ConsoleStrings;
import io.github.spaceliftoidc.testing.ProjectPaths;
import io.github.spaceliftoidc.testing.TerraformCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Terraform reads the generated plan-role files as the plugin means them: the provider's role choice (its
 * conditional, with {@code terraform.applying} and the run type given as literals, since the console cannot show an
 * ephemeral value), the state policy's {@code jsonencode} (the very JSON the IAM evaluation tests check), and the
 * backend's role as {@code terraform init} tries to assume it. Skipped where Terraform is missing.
 */
class PhasesInTerraformTest {

  private static final Path GOLDEN = ProjectPaths.testResources().resolve("golden");
  private static final String APPLY = "arn:aws:iam::123456789012:role/spacelift/spacelift-infra";
  private static final String PLAN = "arn:aws:iam::123456789012:role/spacelift/spacelift-infra-plan";
  private static final Pattern ROLE_ARN = Pattern.compile("(?m)^\\s*role_arn\\s*= (.*\\? \".*\" : \".*\")$");

  private static final String SEPARATOR = " ;; ";

  @TempDir Path scratch;

  private static String roleExpression(String goldenCase) throws IOException {
    Matcher m = ROLE_ARN.matcher(Files.readString(GOLDEN.resolve(goldenCase
        + "/expected/stacks/infra/spacelift-oidc-provider.tf")));
    assertTrue(m.find(), goldenCase);
    return m.group(1);
  }

  /** Evaluates each expression in one console session of a module with these locals; returns the values in order. */
  private List<String> evaluate(List<String> locals, List<String> expressions) throws IOException {
    Path module = Files.createDirectories(scratch.resolve("module"));
    StringBuilder main = new StringBuilder("locals {\n");
    for (int i = 0; i < locals.size(); i++) {
      main.append("  l").append(i).append(" = ").append(locals.get(i)).append('\n');
    }
    Files.writeString(module.resolve("main.tf"), main.append("}\n").toString());
    // The console answers one expression when its input is not a terminal: join the values into one string.
    TerraformCli.Result result = TerraformCli.require().console(module, "join(\"" + SEPARATOR + "\", ["
        + String.join(", ", expressions) + "])");
    assertTrue(result.ok(), result::output);
    return List.of(ConsoleStrings.decode(result.output()).split(Pattern.quote(SEPARATOR), -1));
  }

  @Test
  void theProviderPicksTheApplyRoleWhileApplyingAndForTasksAndDestroyRuns() throws IOException {
    String byPhase = roleExpression("plan-role-terraform-1.11");
    String byRunType = roleExpression("plan-role-terraform-1.6.0");
    List<String> runTypes = List.of("PROPOSED", "TRACKED", "TASK", "DESTROY", "TESTING", "PARSE");
    List<String> expressions = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (String runType : runTypes) {
      for (boolean applying : List.of(false, true)) {
        expressions.add(byPhase.replace("terraform.applying", String.valueOf(applying))
            .replace("var.spacelift_run_type", "\"" + runType + "\""));
        boolean apply = applying || List.of("TASK", "DESTROY", "TESTING").contains(runType);
        expected.add(apply ? APPLY : PLAN);
      }
      expressions.add(byRunType.replace("var.spacelift_run_type", "\"" + runType + "\""));
      expected.add(runType.equals("PROPOSED") || runType.equals("PARSE") ? PLAN : APPLY);
    }
    assertFalse(byRunType.contains("terraform.applying"), byRunType);

    assertEquals(expected, evaluate(List.of(), expressions));
  }

  @Test
  void theStatePolicyInTheIamModuleIsTheJsonThatTheEvaluationTestsCheck() throws IOException {
    for (String goldenCase : List.of("plan-role-terraform-1.11", "backend-locks-and-encryption",
        "backend-dynamodb-terraform-1.9", "state-shared-role", "plan-role-terraform-1.5.7")) {
      String module = Files.readString(GOLDEN.resolve(goldenCase + "/expected/iam/production/spacelift-oidc-iam.tf"));
      GenerationPlan plan = new SpaceliftOidc().load(GenerationRequest.of(GOLDEN.resolve(goldenCase
          + "/spacelift-oidc.yaml"))).plan();
      List<String> locals = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      for (RolePlan role : plan.accounts().get(0).roles()) {
        if (role.statePolicy() == null) {
          continue;
        }
        String resource = "resource \"aws_iam_role_policy\" \"" + role.statePolicy().resourceName() + "\" {";
        int start = module.indexOf("jsonencode(", module.indexOf(resource));
        int end = module.indexOf("\n  })\n", start) + "\n  })".length();
        locals.add(module.substring(start, end));
        expected.add(role.statePolicy().json());
      }
      assertFalse(locals.isEmpty(), goldenCase);
      List<String> expressions = new ArrayList<>();
      for (int i = 0; i < locals.size(); i++) {
        expressions.add("local.l" + i);
      }
      assertEquals(expected, evaluate(locals, expressions), goldenCase);
    }
  }

  @Test
  void fromTerraform16TheBackendOfAStackWithAPlanRoleAssumesThePlanRole() throws IOException {
    assumeFalse(Files.exists(Path.of("/mnt/workspace/spacelift.oidc")), "Skipped: a real token file exists here");
    TerraformCli.Result init = TerraformCli.require().initWithBackend(GOLDEN.resolve(
        "plan-role-terraform-1.11/expected/stacks/infra"), Map.of("AWS_ACCESS_KEY_ID", "", "AWS_SECRET_ACCESS_KEY",
        "", "AWS_SESSION_TOKEN", "", "AWS_PROFILE", "", "AWS_ROLE_ARN", "", "AWS_WEB_IDENTITY_TOKEN_FILE", "",
        "AWS_CONFIG_FILE", "/nonexistent/spacelift-oidc-test/config", "AWS_SHARED_CREDENTIALS_FILE",
        "/nonexistent/spacelift-oidc-test/credentials", "AWS_EC2_METADATA_DISABLED", "true"));

    String output = init.output().replaceAll("\\s+", " ");
    assertFalse(init.ok(), init.output());
    assertTrue(output.contains(PLAN) && !output.contains(APPLY + " "), "the backend assumes the plan role:\n"
        + init.output());
    // Terraform 1.11 itself deprecates dynamodb_table, which it shows only when init fails (as here): the plugin's
    // warning says so on every run instead.
    assertTrue(output.contains("Deprecated Parameter") && output.contains("dynamodb_table"), init.output());
  }
}
