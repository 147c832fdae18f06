package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.problem.Problem;
import io.github.spaceliftoidc.core.trust.TrustPolicy;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Spacelift hostname (the issuer, the provider ARN, the condition keys) and the accepted audiences. */
class HostnamesAndAudiencesPlannerTest extends SettingsFixture {

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

  // Every generated trust policy pins the audience.

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
