package io.github.spaceliftoidc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.problem.InvalidConfigurationException;
import io.github.spaceliftoidc.core.problem.Problem;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mistakes found at different stages (a duplicate key while reading, an unknown key and wrong types while binding,
 * formats, limits, references and least privilege while planning) are reported together, in line order, so that
 * one build shows the user everything to fix.
 */
class AllProblemsAtOnceTest {

  @Test
  void oneRunReportsEveryUnrelatedMistakeInLineOrder() {
    GenerationRequest request =
        GenerationRequest.of(ProjectPaths.testResources().resolve("many-mistakes/spacelift-oidc.yaml"));

    InvalidConfigurationException failure =
        assertThrows(InvalidConfigurationException.class, () -> new SpaceliftOidc().load(request));

    List<String> expected = List.of(
        "3:13 hostname 'https://demo.app.spacelift.io'",
        "6:9 id '12345678901'",
        "8:5 duplicate key 'region'",
        "11:29 maxSessionDuration 60",
        "12:9 unknown key 'managedPolicys'",
        "14:20 trusts every stack and module in every space",
        "16:25 'sessionTagging'",
        "19:19 'policies/state.json', which does not exist",
        "25:12 unknown space 'prodution'");
    List<Problem> problems = failure.problems();
    assertEquals(expected.size(), problems.size(), failure.getMessage());
    for (int i = 0; i < expected.size(); i++) {
      String[] parts = expected.get(i).split(" ", 2);
      Problem problem = problems.get(i);
      assertEquals("spacelift-oidc.yaml:" + parts[0], problem.mark().toString(), problem.toString());
      assertTrue(problem.message().contains(parts[1]), problem.toString());
    }
    assertTrue(failure.getMessage().startsWith("The Spacelift OIDC configuration has 9 problems; nothing was"
        + " written:\nspacelift-oidc.yaml:3:13: "), failure.getMessage());
  }
}
