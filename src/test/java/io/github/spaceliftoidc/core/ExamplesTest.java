package io.github.spaceliftoidc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.write.GeneratedFile;
import io.github.spaceliftoidc.maven.MavenHints;
import io.github.spaceliftoidc.testing.GoldenFiles;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples under {@code examples/} carry their generated output, committed as a user would commit it. Each is
 * regenerated into a temporary directory and must equal the committed generated files byte for byte, manifest
 * included, so the examples can never rot. {@code -Dgolden.update=true} rewrites them instead (review the diff).
 * {@code TerraformValidationTest} runs the real Terraform on the same committed files, and the invoker execution
 * {@code examples} builds every example pom with the plugin of this build.
 */
class ExamplesTest {

  private static final String PLUGIN = "<artifactId>spacelift-oidc-maven-plugin</artifactId>";

  static Path examples() {
    return ProjectPaths.root().resolve("examples");
  }

  /** Every directory of an example that holds a {@code spacelift-oidc.yaml} (one per module of a multi-module one). */
  static Stream<String> exampleModules() throws IOException {
    try (Stream<Path> walk = Files.walk(examples())) {
      return walk.filter(path -> path.getFileName().toString().equals("spacelift-oidc.yaml"))
          .filter(path -> !examples().relativize(path).toString().contains("target"))
          .map(path -> examples().relativize(path.getParent()).toString().replace('\\', '/'))
          .sorted().toList().stream();
    }
  }

  @Test
  void theThreeExamplesTheReadmePromisesExist() throws IOException {
    assertEquals(List.of("multi-module/network", "multi-module/workloads", "organisation", "quickstart"),
        exampleModules().toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleModules")
  void committedOutputIsExactlyWhatTheGoalGenerates(String module, @TempDir Path output) {
    Path directory = examples().resolve(module);
    GenerationRequest request = GenerationRequest.of(directory.resolve("spacelift-oidc.yaml"))
        .withOutputDirectory(output).withHints(MavenHints.HINTS);

    new SpaceliftOidc().generate(request);

    Map<String, String> generated = GoldenFiles.read(output);
    assertTrue(generated.containsKey(".spacelift-oidc.manifest"), "the manifest is generated too");
    if (ProjectPaths.updateGoldenFiles()) {
      rewrite(directory, generated);
      return;
    }
    Map<String, String> committed = committedGeneratedFiles(directory);
    assertEquals(generated.keySet(), committed.keySet(), "generated files of examples/" + module
        + " differ from the committed ones (run with -Dgolden.update=true to accept)");
    for (Map.Entry<String, String> file : generated.entrySet()) {
      assertEquals(file.getValue(), committed.get(file.getKey()), "examples/" + module + "/" + file.getKey()
          + " differs from what generate writes (run with -Dgolden.update=true to accept)");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleModules")
  void examplePomUsesThisBuildsPluginVersionAndTheDefaults(String module) throws IOException {
    Path pom = examples().resolve(module).resolve("pom.xml");
    assertTrue(Files.isRegularFile(pom), "examples/" + module + " needs a pom.xml to run the goal in");
    String text = Files.readString(pom, StandardCharsets.UTF_8);
    assertTrue(text.contains(PLUGIN), "examples/" + module + "/pom.xml must name the plugin");
    // The regeneration above uses the defaults (YAML and output next to the pom); a pom that configures the
    // plugin would make this test compare something other than what Maven runs.
    assertFalse(text.contains("<configuration>"), "examples/" + module + "/pom.xml must keep the defaults");
  }

  @Test
  void everyExamplePomNamesThePluginAtTheProjectVersion() throws IOException {
    String version = System.getProperty("spacelift-oidc.projectVersion");
    assertTrue(version != null && !version.isBlank(), "Surefire passes spacelift-oidc.projectVersion");
    List<Path> poms;
    try (Stream<Path> walk = Files.walk(examples())) {
      poms = walk.filter(path -> path.getFileName().toString().equals("pom.xml"))
          .filter(path -> !examples().relativize(path).toString().contains("target")).sorted().toList();
    }
    int versioned = 0;
    Pattern declaration = Pattern.compile(Pattern.quote(PLUGIN) + "\\s*(<version>([^<]*)</version>)?");
    for (Path pom : poms) {
      Matcher matcher = declaration.matcher(Files.readString(pom, StandardCharsets.UTF_8));
      while (matcher.find()) {
        if (matcher.group(2) != null) {
          versioned++;
          assertEquals(version, matcher.group(2), pom + " must use the plugin version of this build");
        }
      }
    }
    assertEquals(3, versioned, "quickstart, organisation and the multi-module parent each pin the version once");
  }

  /** The files below {@code directory} that start with the generated-file header: what generate owns there. */
  private static Map<String, String> committedGeneratedFiles(Path directory) {
    Map<String, String> files = new TreeMap<>();
    for (Map.Entry<String, String> file : GoldenFiles.read(directory).entrySet()) {
      if (!file.getKey().startsWith("target/") && file.getValue().startsWith(GeneratedFile.HEADER + "\n")) {
        files.put(file.getKey(), file.getValue());
      }
    }
    return files;
  }

  /** Replaces the committed generated files with {@code generated}; hand-written files stay. */
  private static void rewrite(Path directory, Map<String, String> generated) {
    try {
      List<String> stale = new ArrayList<>(committedGeneratedFiles(directory).keySet());
      stale.removeAll(generated.keySet());
      for (String path : stale) {
        Files.delete(directory.resolve(path));
      }
      for (Map.Entry<String, String> file : generated.entrySet()) {
        Path target = directory.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
