package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.problem.InvalidConfigurationException;
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
 * The S3 backend's keys {@code useLockfile}, {@code encrypt}, {@code kmsKeyId}, {@code workspaceKeyPrefix} and
 * {@code bucketAccountId}: their version-aware defaults, what they write, the warnings about {@code dynamodbTable},
 * and the values that are refused; and the generated state policy's opt-out, name and size.
 */
class BackendSettingsPlannerTest extends SettingsFixture {

  private static Yaml backend(String engineAndVersion, String extra) {
    return Yaml.base().terraform("terraform:\n" + engineAndVersion)
        .stack("backend:\n  bucket: acme-state\n  key: infra/terraform.tfstate\n  region: eu-west-1"
            + (extra.isEmpty() ? "" : "\n  " + extra.replace("\n", "\n  ")));
  }

  private List<Problem> warnings(Yaml yaml) throws IOException {
    return new SpaceliftOidc().load(GenerationRequest.of(write(yaml))).warnings();
  }

  private String backendBlock(Yaml yaml) throws IOException {
    String provider = render(yaml).get("stacks/infra/spacelift-oidc-provider.tf");
    return provider.substring(provider.indexOf("backend \"s3\""));
  }

  @ParameterizedTest(name = "{0} {1}: use_lockfile {2}")
  @CsvSource({"terraform, 1.9.8, false", "terraform, 1.10.0, false", "terraform, 1.11.0, true",
      "terraform, 1.11.4, true", "opentofu, 1.9.0, false", "opentofu, 1.10.0, true", "opentofu, 1.11.0, true"})
  void s3NativeLockingIsTheDefaultWhereTheEngineRecommendsIt(String engine, String version, boolean lockfile)
      throws IOException {
    Yaml yaml = backend("  engine: " + engine + "\n  version: " + version, "");
    assertEquals(lockfile, plan(yaml).stacks().get(0).backend().useLockfile());
    assertEquals(lockfile, backendBlock(yaml).contains("use_lockfile = true"));
  }

  @Test
  void anExplicitSettingWinsOverTheDefault() throws IOException {
    assertFalse(plan(backend("  version: 1.11.4", "useLockfile: false")).stacks().get(0).backend().useLockfile());
    assertTrue(plan(backend("  version: 1.10.0", "useLockfile: true")).stacks().get(0).backend().useLockfile());
  }

  @Test
  void aLockFileBefore110IsRefused() throws IOException {
    Yaml yaml = backend("  version: 1.9.8", "useLockfile: true");
    Problem problem = only(problems(yaml));
    assertEquals("stack 'infra': useLockfile (S3-native locking) needs Terraform or OpenTofu 1.10 or later, and the"
        + " stacks run Terraform 1.9.8; lock with dynamodbTable instead, or raise terraform.version.",
        problem.message());
    assertEquals(yaml.lineOf("  useLockfile: true"), problem.mark().line());
  }

  @Test
  void aLockFileOnTerraform110IsExperimentalAndSaysSo() throws IOException {
    Problem warning = only(warnings(backend("  version: 1.10.3", "useLockfile: true")));
    assertTrue(warning.message().contains("S3-native locking (useLockfile) is experimental in Terraform 1.10.3"),
        warning.message());
    assertTrue(warnings(backend("  engine: opentofu\n  version: 1.10.0", "useLockfile: true")).isEmpty());
  }

  @Test
  void aDynamodbTableOnTerraform111IsDeprecatedAndTheWarningNamesTheReplacement() throws IOException {
    Yaml yaml = backend("  version: 1.11.4", "dynamodbTable: terraform-locks");
    Problem warning = only(warnings(yaml));
    assertEquals(yaml.lineOf("  dynamodbTable: terraform-locks"), warning.mark().line());
    assertTrue(warning.message().startsWith("stack 'infra': dynamodbTable is deprecated from Terraform 1.11 on (its S3"
        + " backend says: the parameter \"dynamodb_table\" is deprecated, use parameter \"use_lockfile\" instead)."
        + " The backend already locks with the lock file too (useLockfile)"), warning.message());
    String block = backendBlock(yaml);
    assertTrue(block.contains("use_lockfile   = true") && block.contains("dynamodb_table = \"terraform-locks\""),
        "both locks while migrating: " + block);

    Problem off = only(warnings(backend("  version: 1.11.4", "dynamodbTable: terraform-locks\nuseLockfile: false")));
    assertTrue(off.message().endsWith("Replace it with useLockfile: true (both may stay while you migrate)."),
        off.message());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"'  version: 1.10.3'", "'  version: 1.9.8'", "'  engine: opentofu\\n  version: 1.11.0'"})
  void aDynamodbTableIsNotDeprecatedElsewhere(String engineAndVersion) throws IOException {
    assertTrue(warnings(backend(engineAndVersion.replace("\\n", "\n"), "dynamodbTable: terraform-locks")).isEmpty());
  }

  @Test
  void aKmsKeyTurnsEncryptionOnAndEncryptAloneUsesTheBucketsKey() throws IOException {
    String kms = backendBlock(backend("  version: 1.11.4",
        "kmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"));
    assertTrue(kms.contains("encrypt      = true") && kms.contains("kms_key_id   = \"arn:aws:kms:eu-west-1:"),
        kms);
    String aes = backendBlock(backend("  version: 1.11.4", "encrypt: true"));
    assertTrue(aes.contains("encrypt      = true") && !aes.contains("kms_key_id"), aes);
    assertFalse(backendBlock(backend("  version: 1.11.4", "")).contains("encrypt"),
        "not written by default: the bucket's default encryption applies");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "kmsKeyId: alias/terraform | kmsKeyId 'alias/terraform': write the key's ARN",
      "kmsKeyId: 1234abcd-12ab-34cd-56ef-1234567890ab | write the key's ARN, arn:aws:kms:<region>:<account id>:key/<key id>",
      "kmsKeyId: arn:aws:kms:eu-west-1:123456789012:alias/terraform | an alias ARN matches nothing",
      "kmsKeyId: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab | is in region us-east-1,"
          + " but the bucket is in eu-west-1; S3 encrypts with a key of the bucket's own region",
      "kmsKeyId: arn:aws-cn:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab | is in partition"
          + " 'aws-cn', but account 'production' is in 'aws'",
      "workspaceKeyPrefix: /env | refuses a workspace key prefix that starts or ends with '/'",
      "workspaceKeyPrefix: env/ | refuses a workspace key prefix that starts or ends with '/'",
      "workspaceKeyPrefix: ws/* | it contains '*', '?' or '$', which IAM reads as a wildcard or a policy variable",
      "bucketAccountId: \"12345\" | bucketAccountId '12345': an AWS account id is exactly 12 digits",
      "dynamodbTable: ab | DynamoDB table names have 3 to 255 letters"})
  void badValuesAreRefusedWhereTheyAreWritten(String setting, String message) throws IOException {
    Yaml yaml = backend("  version: 1.11.4", setting);
    Problem problem = only(problems(yaml));
    assertTrue(problem.message().contains(message), problem.message());
    assertEquals(yaml.lineOf("  " + setting.substring(0, setting.indexOf(':'))), problem.mark().line());
  }

  @Test
  void encryptFalseWithAKmsKeyIsRefused() throws IOException {
    Problem problem = only(problems(backend("  version: 1.11.4",
        "encrypt: false\nkmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")));
    assertTrue(problem.message().contains("encrypt: false turns encryption off, so the backend would ignore"
        + " kmsKeyId"), problem.message());
  }

  @Test
  void aKeyWithAWildcardIsRefusedOnlyWhereAStatePolicyIsGenerated() throws IOException {
    Yaml yaml = Yaml.base().stack("backend: {bucket: acme-state, key: 'infra/*.tfstate', region: eu-west-1}");
    assertTrue(only(problems(yaml)).message().contains("backend key 'infra/*.tfstate': it contains '*', '?' or '$'"));
    GenerationPlan optedOut = plan(yaml.role("statePolicy: false"));
    assertNull(role(optedOut, "spacelift-infra").statePolicy());
  }

  @Test
  void aRoleThatOptsOutGetsNoStatePolicy() throws IOException {
    Yaml yaml = backend("  version: 1.11.4", "").role("statePolicy: false");
    assertFalse(render(yaml).get("iam/production/spacelift-oidc-iam.tf").contains("spacelift-oidc-state"));
    assertTrue(render(yaml.role("statePolicy: true")).get("iam/production/spacelift-oidc-iam.tf")
        .contains("name = \"spacelift-oidc-state\""));
  }

  /** A configuration of one role and these stacks, each given as its id and its backend's key. */
  private static String stacksWithKeys(List<String> keys) {
    StringBuilder yaml = new StringBuilder("""
        spacelift: {hostname: demo.app.spacelift.io}
        accounts:
          - {name: production, id: "123456789012", region: eu-west-1, roles: [{name: spacelift-infra}]}
        spaces: [{name: production, id: production-01HND497T9JKR76MR3KA2CDJHP}]
        stacks:
        """);
    for (int i = 0; i < keys.size(); i++) {
      yaml.append("  - {id: s").append(i).append(", space: production, account: production, role: spacelift-infra,"
          + " backend: {bucket: acme-state, key: ").append(keys.get(i)).append(", region: eu-west-1}}\n");
    }
    return yaml.toString();
  }

  @Test
  void twoStacksInOneStateObjectAreRefused() {
    Plans.assertOneProblem(stacksWithKeys(List.of("shared.tfstate", "shared.tfstate")), "stack 's1' keeps its state"
        + " in s3://acme-state/shared.tfstate, as stack 's0' does: two stacks would overwrite each other's state."
        + " Give each stack its own key.");
  }

  @Test
  void anInlinePolicyMayNotTakeTheGeneratedPolicysName() throws IOException {
    Yaml yaml = backend("  version: 1.11.4", "").role("inlinePolicies:\n  - name: spacelift-oidc-state\n"
        + "    document: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: s3:GetObject, Resource: \"*\"}]}");
    assertTrue(only(problems(yaml)).message().contains("has an inline policy named 'spacelift-oidc-state', the name"
        + " of the state policy the plugin generates for it"));
  }

  @Test
  void aStatePolicyOverIamsLimitIsRefusedWithTheFix() {
    List<String> keys = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      keys.add("k".repeat(300) + "/" + i + ".tfstate");
    }
    Plans.assertOneProblem(stacksWithKeys(keys), "the state policy for the backends of 20 stacks");
    Plans.assertOneProblem(stacksWithKeys(keys), "Give some of those stacks their own role, or set statePolicy:"
        + " false and grant the state access in a customer-managed policy.");
    assertTrue(Plans.problems(stacksWithKeys(keys.subList(0, 5))).isEmpty(), "five of them fit");
  }

  @Test
  void theBucketsAccountDecidesWhetherTheModuleOutputsItsBucketPolicy() throws IOException {
    String same = render(backend("  version: 1.11.4", "bucketAccountId: \"123456789012\""))
        .get("iam/production/spacelift-oidc-iam.tf");
    assertFalse(same.contains("state_bucket_policy_statements"), same);
    Map<String, String> other = render(backend("  version: 1.11.4", "bucketAccountId: \"210987654321\""));
    String module = other.get("iam/production/spacelift-oidc-iam.tf");
    assertTrue(module.contains("#   - bucket acme-state (account 210987654321)")
        && module.contains("output \"state_bucket_policy_statements\"")
        && module.contains("AWS = aws_iam_role.spacelift_infra.arn"), module);
  }

  /** Two stacks in one bucket, with these backend lines each (indented under backend:). */
  private List<Problem> twoStacks(String first, String second) throws IOException {
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
              - name: spacelift-a
              - name: spacelift-b
        spaces:
          - name: production
            id: production-01HND497T9JKR76MR3KA2CDJHP
        stacks:
          - id: a
            space: production
            account: production
            role: spacelift-a
            backend: {bucket: acme-state, region: eu-west-1, %s}
          - id: b
            space: production
            account: production
            role: spacelift-b
            backend: {bucket: acme-state, region: eu-west-1, %s}
        """.formatted(first, second));
    try {
      new SpaceliftOidc().load(GenerationRequest.of(yaml));
      return List.of();
    } catch (InvalidConfigurationException e) {
      return e.problems();
    }
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', value = {
      // IAM's * matches '/': env/*/terraform.tfstate is also env/<ws>/app/terraform.tfstate
      "key: terraform.tfstate, workspaceKeyPrefix: env | key: app/terraform.tfstate, workspaceKeyPrefix: env",
      "key: app/terraform.tfstate, workspaceKeyPrefix: env | key: terraform.tfstate, workspaceKeyPrefix: env",
      // a nested prefix: env/x/<ws>/terraform.tfstate
      "key: terraform.tfstate, workspaceKeyPrefix: env | key: app/terraform.tfstate, workspaceKeyPrefix: env/x",
      // another stack's plain key that the pattern matches
      "key: a.tfstate, workspaceKeyPrefix: ws | key: ws/prod/a.tfstate"})
  void aWorkspacePatternThatReachesAnotherStacksStateIsRefused(String first, String second) throws IOException {
    Problem problem = only(twoStacks(first, second));
    assertTrue(problem.message().contains("(IAM's * matches '/' too), so the runs of one could change the other's"
        + " state. Give each stack a workspaceKeyPrefix of its own"), problem.message());
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', value = {
      "key: terraform.tfstate, workspaceKeyPrefix: workspaces/a | key: terraform.tfstate.b, workspaceKeyPrefix: workspaces/b",
      "key: a/terraform.tfstate, workspaceKeyPrefix: env | key: b/terraform.tfstate, workspaceKeyPrefix: env",
      "key: terraform.tfstate, workspaceKeyPrefix: envx | key: app/terraform.tfstate, workspaceKeyPrefix: env",
      "key: terraform.tfstate, workspaceKeyPrefix: env | key: terraform.tfstate.b, workspaceKeyPrefix: env/x"})
  void workspacePatternsThatStayWithTheirStackAreFine(String first, String second) throws IOException {
    assertEquals(List.of(), twoStacks(first, second));
  }

}
