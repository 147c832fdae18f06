package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's phase table (which run, in which phase, with which token scope, reaches which role) is what the
 * generated files do: for every row, and for Terraform 1.11 (by phase), 1.9 (by run type) and 1.5.7 (the before_init
 * script), the role that the generated provider (or script) picks is the row's, its trust policy lets in the row's
 * token, and so does the trust policy of the role the backend assumes. The table is read from the README, so it
 * cannot drift from the code without this test failing.
 */
class PhaseTableTest {

  private static final String SPACE_ID = "production-01HND497T9JKR76MR3KA2CDJHP";
  private static final String APPLY_ARN = "arn:aws:iam::123456789012:role/spacelift-infra";
  private static final String PLAN_ARN = "arn:aws:iam::123456789012:role/spacelift-infra-plan";

  @TempDir Path dir;

  /** One row of the table. */
  record Row(String run, String phase, String scope, String applying, String phaseAware, String byRunType,
      String legacy, String backend) {

    String runType() {
      return run.split("[ ,]")[0];
    }

    /** The values {@code terraform.applying} can take in this row, on Terraform. */
    List<Boolean> applyingOnTerraform() {
      if (applying.startsWith("true only")) {
        return List.of(true, false);
      }
      return List.of(applying.startsWith("true"));
    }
  }

  static List<Row> table() throws IOException {
    String readme = Files.readString(ProjectPaths.root().resolve("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("<!-- phase table -->");
    assertTrue(start >= 0, "the README marks its phase table");
    List<Row> rows = new ArrayList<>();
    for (String line : readme.substring(start).lines().skip(1).toList()) {
      if (!line.startsWith("|")) {
        break;
      }
      if (line.startsWith("| run ") || line.startsWith("| ---")) {
        continue;
      }
      String[] cells = line.substring(1, line.length() - 1).split("\\|");
      assertEquals(8, cells.length, line);
      rows.add(new Row(cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip(), cells[4].strip(),
          cells[5].strip(), cells[6].strip(), cells[7].strip()));
    }
    return rows;
  }

  @Test
  void theTableCoversEveryRunTypeOfAStackAndEveryPhase() throws IOException {
    List<Row> rows = table();
    assertEquals(List.of("PROPOSED", "TRACKED", "TASK", "DESTROY"), rows.stream().map(Row::runType).distinct().toList());
    assertEquals(7, rows.size(), "proposed, tracked with and without autodeploy in both phases, task, destroy");
    // The scopes are Spacelift's: read for proposed runs and for a tracked run without autodeploy while it plans.
    for (Row row : rows) {
      boolean read = row.runType().equals("PROPOSED") || row.run().contains("autodeploy off")
          && row.phase().contains("planning");
      assertEquals(read ? "read" : "write", row.scope(), row.toString());
    }
  }

  @ParameterizedTest(name = "Terraform {0}")
  @ValueSource(strings = {"1.11.4", "1.9.8", "1.5.7"})
  void eachRowReachesItsRoleAndThatRoleTrustsTheRowsToken(String version) throws IOException {
    Path yaml = dir.resolve("spacelift-oidc.yaml");
    Files.writeString(yaml, """
        spacelift:
          hostname: acme.app.spacelift.io
        terraform:
          version: %s
        accounts:
          - name: production
            id: "123456789012"
            region: eu-west-1
            roles:
              - name: spacelift-infra
              - name: spacelift-infra-plan
        spaces:
          - name: production
            id: %s
        stacks:
          - id: infra
            space: production
            account: production
            role: spacelift-infra
            planRole: spacelift-infra-plan
            backend: {bucket: acme-state, key: infra.tfstate, region: eu-west-1}
        """.formatted(version, SPACE_ID));
    GenerationRequest request = GenerationRequest.of(yaml).withOutputDirectory(dir.resolve("out"));
    SpaceliftOidc oidc = new SpaceliftOidc();
    SpaceliftOidc.Loaded loaded = oidc.load(request);
    oidc.generate(request);
    boolean legacy = version.equals("1.5.7");
    boolean phaseAware = version.equals("1.11.4");
    Chooser chooser = legacy ? Chooser.ofScript(Files.readString(dir.resolve(
        "out/stacks/infra/spacelift-oidc-before-init.sh"))) : Chooser.ofProvider(Files.readString(dir.resolve(
        "out/stacks/infra/spacelift-oidc-provider.tf")));
    GenerationPlan plan = loaded.plan();
    RolePlan apply = Plans.role(plan, "production", "spacelift-infra");
    RolePlan planRole = Plans.role(plan, "production", "spacelift-infra-plan");
    String backendArn = plan.stacks().get(0).backend().roleArn();

    for (Row row : table()) {
      String expected = phaseAware ? row.phaseAware() : legacy ? row.legacy() : row.byRunType();
      String expectedArn = expected.equals("apply role") ? APPLY_ARN : PLAN_ARN;
      String sub = "space:" + SPACE_ID + ":stack:infra:run_type:" + row.runType() + ":scope:" + row.scope();
      for (boolean applying : row.applyingOnTerraform()) {
        assertEquals(expectedArn, chooser.roleArn(applying, row.runType()), () -> row + ", applying " + applying);
      }
      RolePlan chosen = expectedArn.equals(APPLY_ARN) ? apply : planRole;
      assertTrue(chosen.trustPolicy().allows(sub, "acme.app.spacelift.io"), () -> chosen.name() + " lets in "
          + sub + ": " + row);
      // The backend: the plan role from 1.6.0, before that the credentials the script picked.
      RolePlan backend = legacy ? chosen : row.backend().equals("plan role") ? planRole : apply;
      if (!legacy) {
        assertEquals(PLAN_ARN, backendArn);
      }
      assertTrue(backend.trustPolicy().allows(sub, "acme.app.spacelift.io"), () -> "the backend's role "
          + backend.name() + " lets in " + sub + ": " + row);
    }
    // And the apply role never lets in a PROPOSED run; with phases, no read token either.
    for (String scope : List.of("read", "write")) {
      assertTrue(!apply.trustPolicy().allows("space:" + SPACE_ID + ":stack:infra:run_type:PROPOSED:scope:" + scope,
          "acme.app.spacelift.io"));
    }
    for (String runType : List.of("TRACKED", "TASK", "DESTROY")) {
      assertEquals(!phaseAware, apply.trustPolicy().allows("space:" + SPACE_ID + ":stack:infra:run_type:" + runType
          + ":scope:read", "acme.app.spacelift.io"), runType);
    }
  }

  /**
   * The role choice as the generated file states it, read back and evaluated: the provider's {@code role_arn}
   * conditional, or the script's {@code case} on the run type.
   */
  interface Chooser {
    String roleArn(boolean applying, String runType);

    Pattern PROVIDER = Pattern.compile("role_arn\\s*= (\\(terraform\\.applying \\|\\| )?contains\\(\\[([^\\]]*)],"
        + " var\\.spacelift_run_type\\)\\)? \\? \"([^\"]+)\" : \"([^\"]+)\"");
    Pattern SCRIPT = Pattern.compile("case \\$\\{TF_VAR_spacelift_run_type:-} in\\n\\s*([^)]*)\\)\\n\\s*"
        + "_spacelift_oidc_role_arn='([^']+)'[\\s\\S]*?\\*\\)\\n\\s*_spacelift_oidc_role_arn='([^']+)'");

    static Chooser ofProvider(String hcl) {
      Matcher m = PROVIDER.matcher(hcl);
      assertTrue(m.find(), hcl);
      boolean usesPhase = m.group(1) != null;
      List<String> types = List.of(m.group(2).replace("\"", "").split(",\\s*"));
      String whenTrue = m.group(3);
      String whenFalse = m.group(4);
      return (applying, runType) -> (usesPhase && applying) || types.contains(runType) ? whenTrue : whenFalse;
    }

    static Chooser ofScript(String script) {
      Matcher m = SCRIPT.matcher(script);
      assertTrue(m.find(), script);
      List<String> types = List.of(m.group(1).replace("'", "").split("\\s*\\|\\s*"));
      return (applying, runType) -> types.contains(runType) ? m.group(2) : m.group(3);
    }
  }
}
