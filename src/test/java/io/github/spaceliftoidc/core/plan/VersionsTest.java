package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.plan.Versions.Version;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Terraform version constraints, read the way Terraform reads them. */
class VersionsTest {

  private static Version v(String text) {
    return Versions.parse(text).orElseThrow();
  }

  @ParameterizedTest(name = "''{0}'' admits a provider >= 5.81: {1}")
  @CsvSource(delimiter = '|', value = {
      ">= 5.81           | true",
      ">= 5.0            | true",
      ">= 6.0            | true",
      "> 5.81            | true",
      "> 5.81.0          | true",
      ">= 5.0, < 5.81    | false",
      ">= 5.0, <= 5.81   | true",
      "< 5.81            | false",
      "<= 5.81.0         | true",
      "< 5.81.1          | true",
      "< 5.80.9          | false",
      "~> 5.0            | true",
      "~> 5.81           | true",
      "~> 5.80.0         | false",
      "~> 5.81.0         | true",
      "~> 4.0            | false",
      "~> 4              | true",
      "~> 6.0            | true",
      "= 5.81.0          | true",
      "5.81.0            | true",
      "5.80.0            | false",
      "= 5.80.0          | false",
      "= 5.100.0         | true",
      "= 5.81.0, != 5.81.0 | false",
      ">= 5.81, < 5.81.1, != 5.81.0 | false",
      ">= 5.81, != 5.81.0 | true",
      ">= 4.0, < 6.0     | true",
      ">= 4.0, < 5.0     | false",
      ">= 6.0, < 5.0     | false",
      ">= 5              | true",
      "< 5.81.0-beta1    | false",
      " >=5.81 ,  <6     | true",
  })
  void admitsAtLeastFollowsTerraformsOperators(String constraint, boolean expected) {
    assertEquals(Optional.of(expected), Versions.admitsAtLeast(constraint, Versions.OPTIONAL_THUMBPRINTS));
  }

  @ParameterizedTest(name = "''{0}'' cannot be read")
  @ValueSource(strings = {"", " ", "latest", ">= five", ">= 5.81,", "=> 5.81", ">= 5.81 6.0", "~>", ">= 5.x",
      ">= 5.81; < 6", "!= 99999999999", ">= 5.99999999999"})
  void garbageIsNotAConstraint(String constraint) {
    assertEquals(Optional.empty(), Versions.admitsAtLeast(constraint, Versions.OPTIONAL_THUMBPRINTS));
    assertEquals(Optional.empty(), Versions.admits(constraint, v("1.5.7")));
  }

  @ParameterizedTest(name = "''{0}'' admits {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      ">= 1.0     | 1.5.7  | true",
      ">= 1.0     | 1.0.0  | true",
      ">= 1.0     | 0.15.5 | false",
      ">= 1.0     | 1.6.0  | true",
      "~> 1.5     | 1.9.2  | true",
      "~> 1.5.0   | 1.6.0  | false",
      "~> 1.5.0   | 1.5.7  | true",
      "< 1.6      | 1.6.0  | false",
      "< 1.6      | 1.5.7  | true",
      "!= 1.5.7   | 1.5.7  | false",
      "= 1.5.7    | 1.5.7  | true",
  })
  void admitsChecksOneVersion(String constraint, String version, boolean expected) {
    assertEquals(Optional.of(expected), Versions.admits(constraint, v(version)));
  }

  @Test
  void theIamModulesRequiredVersionAdmitsEverySupportedTerraform() {
    for (String version : new String[] {"1.0.0", "1.5.7", "1.6.0", "1.9.0", "1.11.4", "2.0.0"}) {
      assertEquals(Optional.of(true), Versions.admits(Versions.REQUIRED_VERSION, v(version)), version);
    }
    assertEquals(Optional.of(true), Versions.admits(Versions.REQUIRED_VERSION, Versions.OLDEST_SUPPORTED));
  }

  @Test
  void versionsOrderLikeTerraformsWithPreReleasesBeforeTheirRelease() {
    assertTrue(v("1.5.7").compareTo(Versions.OIDC_BACKEND) < 0);
    assertEquals(0, v("1.6.0").compareTo(Versions.OIDC_BACKEND));
    assertEquals(0, v("1.6").compareTo(Versions.OIDC_BACKEND));
    assertTrue(v("1.6.0-beta1").compareTo(Versions.OIDC_BACKEND) < 0, "1.6.0-beta1 predates 1.6.0");
    assertTrue(v("1.10.0").compareTo(v("1.9.9")) > 0, "segments compare as numbers, not text");
    assertTrue(v("v1.6.1").compareTo(Versions.OIDC_BACKEND) > 0);
  }

  @ParameterizedTest(name = "''{0}'' is not a version")
  @ValueSource(strings = {"", "1", "latest", "1.x", "1.6.0.1", ">= 1.6", "1.6 .0", "1.99999999999.0",
      "99999999999.0"})
  void parseRejectsWhatIsNotOneVersion(String text) {
    assertEquals(Optional.empty(), Versions.parse(text));
  }
}
