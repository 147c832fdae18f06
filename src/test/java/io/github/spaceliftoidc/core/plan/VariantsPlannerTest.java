package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.model.TerraformSettings;
import io.github.spaceliftoidc.core.problem.InvalidConfigurationException;
import io.github.spaceliftoidc.core.problem.Problem;
import io.github.spaceliftoidc.core.trust.TrustPolicy;
import io.github.spaceliftoidc.testing.GoldenFiles;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The variants of issue 5 from the YAML to the plan and the rendered files: Terraform versions on both sides of 1.6,
 * hostnames and audiences, partitions, thumbprints, session tagging, subject templates and regions.
 */
class VariantsPlannerTest {

  @TempDir Path dir;

  /**
   * A small organisation: one account, role, space and stack. Each slot adds lines at its place, indented to fit;
   * tests fill the slots they exercise.
   */
  private record Yaml(String hostname, String region, Map<String, String> slots) {

    private static final List<String> SLOTS =
        List.of("spacelift", "terraform", "account", "role", "roles", "space", "stack");

    static Yaml base() {
      return new Yaml("demo.app.spacelift.io", "eu-west-1", Map.of());
    }

    Yaml hostname(String value) {
      return new Yaml(value, region, slots);
    }

    Yaml region(String value) {
      return new Yaml(hostname, value, slots);
    }

    Yaml spacelift(String value) {
      return with("spacelift", value, 2);
    }

    Yaml terraform(String value) {
      return with("terraform", value, 0);
    }

    Yaml account(String value) {
      return with("account", value, 4);
    }

    Yaml role(String value) {
      return with("role", value, 8);
    }

    /** More roles, each starting with "- name:". */
    Yaml roles(String value) {
      return with("roles", value, 6);
    }

    Yaml space(String value) {
      return with("space", value, 4);
    }

    Yaml stack(String value) {
      return with("stack", value, 4);
    }

    private Yaml with(String slot, String value, int indent) {
      Map<String, String> more = new java.util.HashMap<>(slots);
      more.put(slot, value.stripIndent().strip().lines().map(line -> " ".repeat(indent) + line)
          .collect(Collectors.joining("\n")));
      return new Yaml(hostname, region, Map.copyOf(more));
    }

    String text() {
      String[] parts = SLOTS.stream().map(slot -> slots.getOrDefault(slot, "")).map(p -> p.isEmpty() ? "" : p + "\n")
          .toArray(String[]::new);
      return "spacelift:\n  hostname: " + hostname + "\n" + parts[0]
          + parts[1]
          + "accounts:\n  - name: production\n    id: \"123456789012\"\n    region: " + region + "\n" + parts[2]
          + "    roles:\n      - name: spacelift-infra\n" + parts[3] + parts[4]
          + "spaces:\n  - name: production\n    id: production-01HND497T9JKR76MR3KA2CDJHP\n" + parts[5]
          + "stacks:\n  - id: infra\n    space: production\n    account: production\n    role: spacelift-infra\n"
          + parts[6];
    }

    /** The 1-based line on which {@code text} starts. */
    int lineOf(String text) {
      String all = text();
      return (int) all.substring(0, all.indexOf(text)).chars().filter(c -> c == '\n').count() + 1;
    }
  }

  private Path write(Yaml yaml) throws IOException {
    Path file = dir.resolve("spacelift-oidc.yaml");
    Files.writeString(file, yaml.text(), StandardCharsets.UTF_8);
    return file;
  }

  private GenerationPlan plan(Yaml yaml) throws IOException {
    Path file = write(yaml);
    try {
      return new SpaceliftOidc().load(GenerationRequest.of(file)).plan();
    } catch (InvalidConfigurationException e) {
      return fail("unexpected problems in\n" + yaml.text() + "\n" + e.getMessage());
    }
  }

  private List<Problem> problems(Yaml yaml) throws IOException {
    Path file = write(yaml);
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
        () -> new SpaceliftOidc().load(GenerationRequest.of(file)), yaml.text());
    return e.problems();
  }

  private static Problem only(List<Problem> problems) {
    assertEquals(1, problems.size(), problems.toString());
    return problems.get(0);
  }

  /** Generates into a scratch directory and returns every file by relative path. */
  private Map<String, String> render(Yaml yaml) throws IOException {
    Path file = write(yaml);
    Path out = dir.resolve("out");
    new SpaceliftOidc().generate(GenerationRequest.of(file).withOutputDirectory(out));
    return GoldenFiles.read(out);
  }

  private static RolePlan role(GenerationPlan plan, String name) {
    return plan.accounts().stream().flatMap(a -> a.roles().stream()).filter(r -> r.name().equals(name)).findFirst()
        .orElseThrow();
  }

  // --- Terraform versions -------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}: legacy {1}")
  @CsvSource({"1.0.0, true", "1.5.7, true", "'1.5', true", "1.6.0, false", "'1.6', false", "1.9.8, false",
      "1.11.4, false"})
  void belowTerraform16TheOutputIsLegacyAndRequiredVersionAdmitsTheVersion(String version, boolean legacy)
      throws IOException {
    GenerationPlan plan = plan(Yaml.base().terraform("terraform:\n  version: \"" + version + "\""));

    assertEquals(legacy, plan.terraform().legacy());
    assertTrue(plan.stacks().stream().allMatch(s -> s.legacy() == legacy));
    assertEquals(Optional.of(true), Versions.admits(plan.terraform().requiredVersion(),
        Versions.parse(version).orElseThrow()), "required_version admits " + version);
  }

  @Test
  void aPreReleaseOf16IsStillLegacy() throws IOException {
    assertTrue(plan(Yaml.base().terraform("terraform:\n  version: 1.6.0-beta1")).terraform().legacy());
  }

  @Test
  void withoutATerraformVersionTheOutputUsesOidcInTheBackend() throws IOException {
    GenerationPlan plan = plan(Yaml.base());

    assertEquals(TerraformSettings.DEFAULT_VERSION, plan.terraform().version());
    assertFalse(plan.terraform().legacy());
  }

  @Test
  void terraformBefore10IsRefused() throws IOException {
    Yaml yaml = Yaml.base().terraform("terraform:\n  version: 0.15.5");
    Problem problem = only(problems(yaml));

    assertEquals(yaml.lineOf("  version: 0.15.5"), problem.mark().line());
    assertTrue(problem.message().startsWith("terraform version '0.15.5' is older than 1.0, which the generated code"
        + " needs"), problem.message());
  }

  @Test
  void legacyStacksGetTheScriptWithOrWithoutBackendAndNoRoleInTheProvider() throws IOException {
    Map<String, String> files = render(Yaml.base().terraform("terraform:\n  version: 1.5.7")
        .stack("aliases: [{name: use1, region: us-east-1}]"));

    assertTrue(files.containsKey("stacks/infra/spacelift-oidc-before-init.sh"), files.keySet().toString());
    String provider = files.get("stacks/infra/spacelift-oidc-provider.tf");
    assertFalse(provider.contains("assume_role_with_web_identity"), provider);
    assertTrue(provider.contains("variable \"spacelift_run_id\""), "declared whatever the version: " + provider);
    assertTrue(files.get("stacks/infra/spacelift-oidc-before-init.sh")
        .startsWith("# Code generated by spacelift-oidc-maven-plugin. DO NOT EDIT.\n"));
  }

  // --- Hostnames, issuer and audiences ------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"demo.app.spacelift.io", "demo.app.us.spacelift.io", "spacelift.internal.example.com"})
  void everyHostnameGivesItsIssuerProviderArnAndConditionKeys(String hostname) throws IOException {
    GenerationPlan plan = plan(Yaml.base().hostname(hostname));

    assertEquals("https://" + hostname, plan.spacelift().issuerUrl());
    assertEquals(List.of(hostname), plan.spacelift().audiences(), "the audience defaults to the hostname");
    assertEquals("arn:aws:iam::123456789012:oidc-provider/" + hostname, plan.accounts().get(0).providerArn());
    TrustPolicy policy = role(plan, "spacelift-infra").trustPolicy();
    assertEquals(hostname + ":aud", policy.audienceKey());
    assertEquals(hostname + ":sub", policy.subjectKey());
    assertEquals(List.of(hostname), policy.audiences());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "https://demo.app.spacelift.io  | write the hostname without a scheme",
      "http://demo.app.spacelift.io   | write the hostname without a scheme",
      "demo.app.spacelift.io:443      | IAM OIDC issuers must be https:// on the default port; remove the port",
      "demo.app.spacelift.io?a=b      | IAM OIDC issuers cannot carry a query string or fragment",
      "demo.app.spacelift.io#x        | IAM OIDC issuers cannot carry a query string or fragment",
      "demo.app.spacelift.io/x        | write the hostname alone, without a path",
      "Demo.App.Spacelift.io          | it is not a valid lower-case hostname",
      "demo                           | it is not a valid lower-case hostname",
      "demo..spacelift.io             | it is not a valid lower-case hostname",
      "-demo.app.spacelift.io         | it is not a valid lower-case hostname",
      "demo.app.spacelift.io.         | it is not a valid lower-case hostname"})
  void theIssuerMustBeAPlainHttpsHost(String hostname, String expected) throws IOException {
    assertEquals(Optional.of(true), Rules.hostname(hostname).map(m -> m.startsWith(expected)), hostname);

    Problem problem = only(problems(Yaml.base().hostname(hostname)));
    assertEquals(2, problem.mark().line());
    assertEquals(13, problem.mark().column());
    assertTrue(problem.message().startsWith("hostname '" + hostname + "': " + expected), problem.message());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"demo.app.spacelift.io", "demo.app.us.spacelift.io", "spacelift.internal.example.com",
      "a.b", "xn--bcher-kva.example.com", "s-1.example.io"})
  void plainHostnamesAreAccepted(String hostname) {
    assertEquals(Optional.empty(), Rules.hostname(hostname));
  }

  @Test
  void extraAudiencesGoIntoTheProviderAndTheAudienceCondition() throws IOException {
    Yaml yaml = Yaml.base().spacelift("audiences: [demo.app.spacelift.io, aws-federation]");
    GenerationPlan plan = plan(yaml);

    assertEquals(List.of("demo.app.spacelift.io", "aws-federation"), role(plan, "spacelift-infra").trustPolicy()
        .audiences());
    String iam = render(yaml).get("iam/production/spacelift-oidc-iam.tf");
    assertTrue(iam.contains("client_id_list = [\"demo.app.spacelift.io\", \"aws-federation\"]"), iam);
    assertTrue(iam.contains("\"demo.app.spacelift.io:aud\" = [\"demo.app.spacelift.io\", \"aws-federation\"]"), iam);
  }

  @Test
  void anAudienceListedTwiceIsAnError() throws IOException {
    Problem problem = only(problems(Yaml.base().spacelift("audiences: [a.example.com, a.example.com]")));

    assertEquals("audience 'a.example.com' is listed twice; list each audience once.", problem.message());
  }

  // --- Partitions ---------------------------------------------------------------------------------------------------

  private static final Pattern ARN = Pattern.compile("arn:([a-z-]+):");

  @ParameterizedTest(name = "{0}")
  @CsvSource({"aws, eu-west-1, eu-central-1", "aws-us-gov, us-gov-west-1, us-gov-east-1",
      "aws-cn, cn-north-1, cn-northwest-1"})
  void everyArnUsesTheAccountsPartition(String partition, String region, String otherRegion) throws IOException {
    Yaml yaml = Yaml.base().region(region).account("partition: " + partition)
        .role("""
            path: /spacelift/
            permissionsBoundary: PowerUserAccess
            managedPolicies: [ReadOnlyAccess, job-function/ViewOnlyAccess, "arn:%s:iam::123456789012:policy/own"]
            """.formatted(partition))
        .stack("aliases: [{name: other, region: " + otherRegion + "}]");
    GenerationPlan plan = plan(yaml);

    String prefix = "arn:" + partition + ":iam::";
    assertEquals(prefix + "123456789012:oidc-provider/demo.app.spacelift.io", plan.accounts().get(0).providerArn());
    assertTrue(role(plan, "spacelift-infra").trustPolicy().json()
        .contains("\"Federated\":\"" + prefix + "123456789012:oidc-provider/demo.app.spacelift.io\""));
    assertEquals(prefix + "123456789012:role/spacelift/spacelift-infra", role(plan, "spacelift-infra").arn());
    assertEquals(prefix + "123456789012:role/spacelift/spacelift-infra", plan.stacks().get(0).roleArn());
    assertEquals(prefix + "aws:policy/PowerUserAccess", role(plan, "spacelift-infra").permissionsBoundary());
    assertEquals(List.of(prefix + "123456789012:policy/own", prefix + "aws:policy/ReadOnlyAccess",
        prefix + "aws:policy/job-function/ViewOnlyAccess"), role(plan, "spacelift-infra").managedPolicies());

    Map<String, String> files = render(yaml);
    int arns = 0;
    for (Map.Entry<String, String> file : files.entrySet()) {
      Matcher m = ARN.matcher(file.getValue());
      while (m.find()) {
        assertEquals(partition, m.group(1), file.getKey() + " has an ARN in another partition");
        arns++;
      }
    }
    assertTrue(arns >= 7, "the files hold the role ARNs (comment, 2 providers), the boundary and 3 policies: " + arns);
  }

  @Test
  void aFullArnInAnotherPartitionIsAnError() throws IOException {
    Problem problem = only(problems(Yaml.base().region("us-gov-west-1").account("partition: aws-us-gov")
        .role("managedPolicies: [\"arn:aws:iam::aws:policy/ReadOnlyAccess\"]")));

    assertTrue(problem.message().contains("'arn:aws:iam::aws:policy/ReadOnlyAccess' is in partition 'aws', but"
        + " account 'production' is in 'aws-us-gov'"), problem.message());
  }

  @Test
  void aRegionOutsideThePartitionIsAnError() throws IOException {
    Problem problem = only(problems(Yaml.base().region("cn-north-1").account("partition: aws-cn")
        .stack("region: eu-west-1")));

    assertTrue(problem.message().contains("region 'eu-west-1' is not in partition 'aws-cn'"), problem.message());
  }

  // --- Thumbprints --------------------------------------------------------------------------------------------------

  @Test
  void noThumbprintsByDefault() throws IOException {
    Yaml yaml = Yaml.base();
    assertEquals(List.of(), plan(yaml).accounts().get(0).thumbprints());
    assertFalse(render(yaml).get("iam/production/spacelift-oidc-iam.tf").contains("thumbprint_list"));
    assertEquals(Optional.of(true), Versions.admitsAtLeast(TerraformSettings.DEFAULT_AWS_PROVIDER_VERSION,
        Versions.OPTIONAL_THUMBPRINTS), "the default provider constraint admits optional thumbprints");
  }

  @Test
  void aStaticListIsWrittenInLowerCase() throws IOException {
    Yaml yaml = Yaml.base().account("thumbprints: [9E99A48A9960B14926BB7F3B02E22DA2B0AB7280]");

    assertEquals(List.of("9e99a48a9960b14926bb7f3b02e22da2b0ab7280"), plan(yaml).accounts().get(0).thumbprints());
    assertTrue(render(yaml).get("iam/production/spacelift-oidc-iam.tf")
        .contains("thumbprint_list = [\"9e99a48a9960b14926bb7f3b02e22da2b0ab7280\"]"));
  }

  @Test
  void atMostFiveThumbprintsOfFortyHexDigits() throws IOException {
    // Quoted: unquoted, 40 digits are a number to YAML (and the plugin asks for the quotes).
    String six = Stream.of("1", "2", "3", "4", "5", "6").map(d -> "\"" + d.repeat(40) + "\"")
        .collect(Collectors.joining(", "));
    assertTrue(only(problems(Yaml.base().account("thumbprints: [" + six + "]"))).message()
        .endsWith("lists 6 thumbprints; IAM accepts at most 5."));

    List<Problem> bad = problems(Yaml.base().account("thumbprints: [" + "a".repeat(39) + ", " + "g".repeat(40) + "]"));
    assertEquals(2, bad.size(), bad.toString());
    assertTrue(bad.stream().allMatch(p -> p.message().contains("a thumbprint is the 40 hexadecimal characters")));
  }

  @Test
  void thumbprintsCannotBeSetOnAnExistingProvider() throws IOException {
    Problem problem = only(problems(Yaml.base().account("oidcProvider: existing\nthumbprints: [" + "a".repeat(40)
        + "]")));

    assertTrue(problem.message().contains("looks up an existing OIDC provider"), problem.message());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"< 5.81", "~> 5.80.0", ">= 4.0, < 5.81", "= 5.80.1"})
  void aProviderConstraintBelow581NeedsThumbprints(String constraint) throws IOException {
    Yaml without = Yaml.base().terraform("terraform:\n  awsProviderVersion: \"" + constraint + "\"");
    assertTrue(only(problems(without)).message().contains("excludes every AWS provider from 5.81 on"));

    plan(without.account("thumbprints: [" + "a".repeat(40) + "]")); // with a static list, any provider works
  }

  @Test
  void anUnreadableProviderConstraintIsAnError() throws IOException {
    Problem problem = only(problems(Yaml.base().terraform("terraform:\n  awsProviderVersion: latest")));

    assertTrue(problem.message().startsWith("awsProviderVersion 'latest' is not a Terraform version constraint"));
  }

  // --- Session tagging ----------------------------------------------------------------------------------------------

  @Test
  void tagSessionOnlyForTheRolesThatAskForIt() throws IOException {
    Yaml yaml = Yaml.base().role("sessionTagging: true").roles("""
        - name: spacelift-plain
          trust: [{space: production, stack: other}]
        - name: spacelift-off
          sessionTagging: false
          trust: [{space: production, stack: other}]
        """);
    GenerationPlan plan = plan(yaml);

    assertEquals(List.of(TrustPolicy.ASSUME_ACTION, TrustPolicy.TAG_SESSION_ACTION),
        role(plan, "spacelift-infra").trustPolicy().actions());
    assertEquals(List.of(TrustPolicy.ASSUME_ACTION), role(plan, "spacelift-plain").trustPolicy().actions());
    assertEquals(List.of(TrustPolicy.ASSUME_ACTION), role(plan, "spacelift-off").trustPolicy().actions());
    String iam = render(yaml).get("iam/production/spacelift-oidc-iam.tf");
    assertEquals(1, iam.split("sts:TagSession", -1).length - 1, iam);
    assertTrue(iam.contains("Action = [\"sts:AssumeRoleWithWebIdentity\", \"sts:TagSession\"]"), iam);
  }

  // --- Subject templates --------------------------------------------------------------------------------------------

  private static final String WITH_PATH =
      "space:{spaceId}:space_path:{spacePath}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}";

  @Test
  void aSingleTemplateRendersEveryPattern() throws IOException {
    GenerationPlan plan = plan(Yaml.base().spacelift("subjectTemplate: \"{spacePath}|{callerType}:{callerId}|"
            + "{runType}|{scope}\"").space("path: /root/production")
        .stack("runTypes: [TRACKED]"));

    assertEquals(List.of("/root/production|stack:infra|TRACKED|*"), role(plan, "spacelift-infra").trustPolicy()
        .subjects());
  }

  @Test
  void aListOfTemplatesAllowsThePatternsOfAll() throws IOException {
    GenerationPlan plan = plan(Yaml.base()
        .spacelift("subjectTemplate:\n  - \"space:{spaceId}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}\""
            + "\n  - \"" + WITH_PATH + "\"")
        .space("path: /root/production").stack("scopes: [write]"));

    assertEquals(List.of(
        "space:production-01HND497T9JKR76MR3KA2CDJHP:space_path:/root/production:stack:infra:run_type:*:scope:write",
        "space:production-01HND497T9JKR76MR3KA2CDJHP:stack:infra:run_type:*:scope:write"),
        role(plan, "spacelift-infra").trustPolicy().subjects());
  }

  @Test
  void spacePathNeedsThePathOfTheSpace() throws IOException {
    Yaml yaml = Yaml.base().spacelift("subjectTemplate: \"" + WITH_PATH + "\"");
    Problem problem = only(problems(yaml));

    assertEquals(yaml.lineOf("  - name: production\n    id: production-"), problem.mark().line(), "at the space");
    assertEquals("space 'production' has no path, but the subject template uses {spacePath}; add path: with the"
        + " space's path as Spacelift writes it into the token.", problem.message());
  }

  @Test
  void aRestrictionTheTemplateCannotExpressIsAnError() throws IOException {
    Problem problem = only(problems(Yaml.base().spacelift("subjectTemplate: \"{spaceId}:{callerType}:{callerId}\"")
        .stack("runTypes: [TRACKED]")));

    assertTrue(problem.message().contains("pins down the run types ({runType}), but subject template"
        + " '{spaceId}:{callerType}:{callerId}' does not carry it, so the trust policy would allow more than"
        + " asked"), problem.message());
  }

  @Test
  void anInvalidTemplateInTheListIsLocated() throws IOException {
    List<Problem> problems = problems(Yaml.base().spacelift(
        "subjectTemplate:\n  - \"space:{spaceId}:{callerType}:{callerId}\"\n  - \"space:{spaceID}:*:{callerId}\""));

    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.stream().allMatch(p -> p.mark().line() == 5), "at the second template: " + problems);
    assertTrue(problems.get(0).message().contains("unknown placeholder {spaceID} (did you mean {spaceId}?)")
        || problems.get(1).message().contains("unknown placeholder {spaceID} (did you mean {spaceId}?)"));
  }

  @Test
  void aTemplateListedTwiceIsAnError() throws IOException {
    Problem problem = only(problems(Yaml.base().spacelift(
        "subjectTemplate: [\"{callerType}:{callerId}\", \"{callerType}:{callerId}\"]")));

    assertTrue(problem.message().endsWith("is listed twice; list each format once."), problem.message());
  }

  // --- Regions and aliases ------------------------------------------------------------------------------------------

  @Test
  void theStackRegionDefaultsToTheAccountsAndAliasesAssumeTheSameRole() throws IOException {
    Yaml yaml = Yaml.base().stack("aliases:\n  - {name: use1, region: us-east-1}\n  - {name: euc1, region: "
        + "eu-central-1}");
    GenerationPlan plan = plan(yaml);

    assertEquals("eu-west-1", plan.stacks().get(0).region());
    String provider = render(yaml).get("stacks/infra/spacelift-oidc-provider.tf");
    assertEquals(3, provider.split("role_arn                = \"arn:aws:iam::123456789012:role/spacelift-infra\"",
        -1).length - 1, provider);
    assertTrue(provider.contains("alias               = \"use1\"\n  region              = \"us-east-1\""), provider);
    assertTrue(provider.contains("alias               = \"euc1\"\n  region              = \"eu-central-1\""),
        provider);
  }

  @Test
  void anExplicitStackRegionWins() throws IOException {
    assertEquals("eu-central-1", plan(Yaml.base().stack("region: eu-central-1")).stacks().get(0).region());
  }

  @Test
  void aliasNamesAreUniquePerStack() throws IOException {
    Problem problem = only(problems(Yaml.base().stack("aliases: [{name: a, region: us-east-1}, {name: a, region:"
        + " us-west-2}]")));

    assertTrue(problem.message().contains("defines provider alias 'a' twice"), problem.message());
  }

  // --- Every generated trust policy pins the audience ---------------------------------------------------------------

  private static final Pattern ROLE_POLICY = Pattern.compile(
      "assume_role_policy = jsonencode\\(\\{(.*?)\\n  }\\)", Pattern.DOTALL);
  private static final Pattern AUDIENCE = Pattern.compile(
      "StringEquals = \\{\\s*\"([^\"]+):aud\" = \\[\"[^\"]+\"(, \"[^\"]+\")*]\\s*}");

  @Test
  void everyCommittedTrustPolicyHasTheAudienceCondition() throws IOException {
    int roles = 0;
    try (Stream<Path> files = Files.walk(ProjectPaths.testResources().resolve("golden"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().equals("spacelift-oidc-iam.tf")).toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int resources = text.split("resource \"aws_iam_role\" ", -1).length - 1;
        Matcher policy = ROLE_POLICY.matcher(text);
        int policies = 0;
        while (policy.find()) {
          policies++;
          Matcher audience = AUDIENCE.matcher(policy.group(1));
          assertTrue(audience.find(), file + ": a trust policy without the audience condition:\n" + policy.group(1));
          assertTrue(policy.group(1).contains("\"" + audience.group(1) + ":sub\""), "same issuer for aud and sub");
        }
        assertEquals(resources, policies, file + ": every role has a trust policy");
        roles += policies;
      }
    }
    assertTrue(roles >= 10, "the golden cases hold many roles: " + roles);
  }
}
