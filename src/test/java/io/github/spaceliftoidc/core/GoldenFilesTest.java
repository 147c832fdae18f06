package io.github.spaceliftoidc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.maven.MavenHints;
import io.github.spaceliftoidc.testing.GoldenFiles;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated HCL of each case under {@code src/test/resources/golden/<case>/} equals the committed
 * {@code expected/} tree byte for byte, and a second run writes nothing. {@code TerraformValidationTest} runs the
 * real Terraform on the same committed trees.
 */
class GoldenFilesTest {

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(ProjectPaths.testResources().resolve("golden"))) {
      return dirs.filter(dir -> Files.exists(dir.resolve("spacelift-oidc.yaml")))
          .map(dir -> dir.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void generatedOutputMatchesTheGoldenFiles(String name, @TempDir Path output) {
    Path caseDir = ProjectPaths.testResources().resolve("golden").resolve(name);
    // The manifest names the goal that wrote it: the output as the Maven goal writes it.
    GenerationRequest request = GenerationRequest.of(caseDir.resolve("spacelift-oidc.yaml"))
        .withOutputDirectory(output).withHints(MavenHints.HINTS);

    GenerationResult first = new SpaceliftOidc().generate(request);
    GoldenFiles.assertSameTree(caseDir.resolve("expected"), output);

    GenerationResult second = new SpaceliftOidc().generate(request);
    assertTrue(first.written() > 0, "the first run writes the files");
    assertEquals(0, second.written(), "a second run on the same input writes nothing");
    assertEquals(first.changes().size(), second.count(io.github.spaceliftoidc.core.write.FileChange.Kind.UNCHANGED));
  }
}
