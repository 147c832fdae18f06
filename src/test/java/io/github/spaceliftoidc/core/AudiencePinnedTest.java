package io.github.spaceliftoidc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.plan.AccountPlan;
import io.github.spaceliftoidc.core.problem.InvalidConfigurationException;
import io.github.spaceliftoidc.core.plan.RolePlan;
import io.github.spaceliftoidc.core.trust.TrustPolicy;
import io.github.spaceliftoidc.core.write.GeneratedFile;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every trust policy pins the audience: a policy without one cannot be built, and every role in every generated
 * account file of the test configurations carries a {@code StringEquals} on {@code <host>:aud} with at least one
 * value, next to its subjects.
 */
class AudiencePinnedTest {

  private static final Pattern ROLE = Pattern.compile("resource \"aws_iam_role\" \"[^\"]+\" \\{");
  private static final Pattern PINNED = Pattern.compile(
      "StringEquals = \\{\\n\\s+\"[a-z0-9.-]+:aud\" = \\[\"[^\"]+\"[^\\n]*\\]\\n\\s+}\\n\\s+StringLike = \\{");

  static Stream<Path> configurations() throws IOException {
    Path resources = ProjectPaths.testResources();
    try (Stream<Path> golden = Files.list(resources.resolve("golden"))) {
      return Stream.concat(golden.map(dir -> dir.resolve("spacelift-oidc.yaml")).filter(Files::exists).toList().stream(),
          Stream.of(resources.resolve("escaping/spacelift-oidc.yaml"), resources.resolve("escaping/legacy.yaml"),
              resources.resolve("nothing-lost/v1.yaml"), resources.resolve("bad-input/_valid-baseline.yaml")));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void everyGeneratedRoleTrustsOnlyTokensForTheAudience(Path config) {
    GenerationRequest request = GenerationRequest.of(config);
    SpaceliftOidc core = new SpaceliftOidc();
    SpaceliftOidc.Loaded loaded = core.load(request);

    int roles = 0;
    for (GeneratedFile file : core.render(request, loaded)) {
      if (file.path().endsWith("spacelift-oidc-iam.tf")) {
        int declared = count(ROLE, file.content());
        assertEquals(declared, count(PINNED, file.content()), file.path() + ": every role pins the audience");
        roles += declared;
      }
    }
    for (AccountPlan account : loaded.plan().accounts()) {
      for (RolePlan role : account.roles()) {
        assertTrue(role.trustPolicy().json().contains("\"StringEquals\":{\"" + role.trustPolicy().audienceKey()
            + "\":[\""), role.trustPolicy().json());
      }
    }
    assertTrue(roles > 0, "the configuration generates roles");
  }

  @Test
  void aTrustPolicyWithoutAudienceCannotBeBuilt() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new TrustPolicy(
        "arn:aws:iam::123456789012:oidc-provider/demo.app.spacelift.io", "demo.app.spacelift.io",
        List.of(TrustPolicy.ASSUME_ACTION), List.of(), List.of("space:root:stack:x:run_type:*:scope:*")));

    assertEquals("a trust policy must pin the audience", error.getMessage());
  }

  @Test
  void anEmptyAudienceListIsAnErrorNotASilentDefault(@TempDir Path directory) throws IOException {
    String baseline = Files.readString(ProjectPaths.testResources().resolve("bad-input/_valid-baseline.yaml"));
    Path config = directory.resolve("spacelift-oidc.yaml");
    Files.writeString(config, baseline.replace("  hostname: demo.app.spacelift.io\n",
        "  hostname: demo.app.spacelift.io\n  audiences: []\n"));

    InvalidConfigurationException failure = assertThrows(InvalidConfigurationException.class,
        () -> new SpaceliftOidc().load(GenerationRequest.of(config)));

    assertEquals(List.of("spacelift-oidc.yaml:5:14: 'audiences' of spacelift is an empty list; remove the key to use"
        + " its default, or list at least one value."),
        failure.problems().stream().map(Object::toString).toList());
  }

  private static int count(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
