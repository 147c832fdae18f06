package io.github.spaceliftoidc.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.spaceliftoidc.testing.ProjectPaths;
import io.github.spaceliftoidc.testing.TerraformCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code terraform init} with the S3 backend of the committed golden stacks on both sides of Terraform 1.6.0, offline
 * and without AWS credentials. Init reads the backend configuration for real, so it shows which credentials the
 * backend would use: from 1.6.0 the role through the web identity token file (the object attribute is accepted and
 * used), before 1.6.0 only the environment's credentials, which the before_init script exports.
 */
class S3BackendInitTest {

  private static final String TOKEN_FILE = "/mnt/workspace/spacelift.oidc";
  private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/spacelift/spacelift-infra";

  /** No credentials from the machine running the tests, and no metadata service: init must fail fast, offline. */
  private static final Map<String, String> NO_CREDENTIALS = Map.of(
      "AWS_ACCESS_KEY_ID", "",
      "AWS_SECRET_ACCESS_KEY", "",
      "AWS_SESSION_TOKEN", "",
      "AWS_PROFILE", "",
      "AWS_ROLE_ARN", "",
      "AWS_WEB_IDENTITY_TOKEN_FILE", "",
      "AWS_CONFIG_FILE", "/nonexistent/spacelift-oidc-test/config",
      "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/spacelift-oidc-test/credentials",
      "AWS_EC2_METADATA_DISABLED", "true");

  private TerraformCli terraform;

  @BeforeEach
  void requireTerraformAndNoRealToken() {
    terraform = TerraformCli.require();
    assumeFalse(Files.exists(Path.of(TOKEN_FILE)), "Skipped: " + TOKEN_FILE + " exists here (a Spacelift runner?),"
        + " so init would call AWS STS with a real token");
  }

  private static Path goldenStack(String goldenCase) {
    return ProjectPaths.testResources().resolve("golden/" + goldenCase + "/expected/stacks/infra");
  }

  @Test
  void fromTerraform16TheBackendAssumesTheRoleWithTheWebIdentityTokenFile() throws IOException {
    TerraformCli.Result init = terraform.initWithBackend(goldenStack("oidc-backend-terraform-1.6.0"), NO_CREDENTIALS);

    assertFalse(init.ok(), init.output());
    String output = init.output().replaceAll("\\s+", " ");
    assertFalse(output.contains("Unsupported argument") || output.contains("Unsupported block type"),
        "the backend accepts assume_role_with_web_identity as an object attribute:\n" + init.output());
    assertTrue(output.contains("unable to read file at " + TOKEN_FILE), "the backend reads the token file:\n"
        + init.output());
    assertTrue(output.contains(ROLE_ARN) && output.contains("cannot be assumed with web identity"),
        "the backend assumes the stack's role with the token:\n" + init.output());
  }

  @Test
  void beforeTerraform16TheBackendHasNoRoleAndNeedsTheExportedCredentials() throws IOException {
    TerraformCli.Result init = terraform.initWithBackend(goldenStack("legacy-terraform-1.5.7"), NO_CREDENTIALS);

    assertFalse(init.ok(), init.output());
    String output = init.output().replaceAll("\\s+", " ");
    assertTrue(output.contains("No valid credential sources found"), "without the exported credentials the backend"
        + " has none:\n" + init.output());
    assertFalse(output.contains("web identity") || output.contains(TOKEN_FILE) || output.contains(ROLE_ARN),
        "the legacy backend neither assumes a role nor reads the token:\n" + init.output());
  }
}
