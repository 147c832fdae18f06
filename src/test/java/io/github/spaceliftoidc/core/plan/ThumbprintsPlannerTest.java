package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.model.TerraformSettings;
import io.github.spaceliftoidc.core.problem.Problem;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OIDC provider's thumbprints: none by default, a checked static list, and the provider versions they need. */
class ThumbprintsPlannerTest extends SettingsFixture {

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
}
