package io.github.spaceliftoidc.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.testing.ProjectPaths;
import io.github.spaceliftoidc.testing.TerraformCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed golden and example output directory passes the real {@code terraform fmt -check} unchanged and
 * {@code terraform validate -json}, with no error and no warning, against the real hashicorp/aws provider schema
 * (from the offline mirror). Skipped, with
 * the reason, where Terraform or the mirror is missing.
 */
@Execution(ExecutionMode.CONCURRENT)
class TerraformValidationTest {

  static Stream<Path> terraformDirectories() throws IOException {
    Path root = ProjectPaths.root();
    try (Stream<Path> walk = Stream.concat(
        Files.walk(root.resolve("src/test/resources/golden")),
        Files.isDirectory(root.resolve("examples")) ? Files.walk(root.resolve("examples")) : Stream.empty())) {
      return walk.filter(path -> path.toString().endsWith(".tf"))
          .filter(path -> !path.toString().contains("/.terraform/"))
          .map(Path::getParent).distinct().sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("terraformDirectories")
  void terraformFmtAcceptsTheOutputUnchanged(Path directory) {
    TerraformCli.Result result = TerraformCli.require().fmtCheck(directory);
    assertTrue(result.ok(), () -> "terraform fmt would change " + directory + ":\n" + result.output());
  }

  /**
   * The directories whose .tf files differ from every other's: validate loads the whole provider schema each time
   * (seconds), and golden cases that differ only in, say, the Terraform version share byte-identical IAM modules.
   * Whole-line comments do not count (validate reads none), so stack files that differ only in their header comment
   * are validated once; {@code terraform fmt} still checks every directory.
   */
  static Stream<Path> distinctTerraformDirectories() throws IOException {
    java.util.Map<String, Path> byContent = new java.util.TreeMap<>();
    for (Path directory : terraformDirectories().toList()) {
      StringBuilder content = new StringBuilder();
      try (Stream<Path> files = Files.list(directory)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".tf")).sorted().toList()) {
          String code = Files.readString(file).replaceAll("(?m)^\\s*#.*\\n", "");
          content.append(file.getFileName()).append('\0').append(code).append('\0');
        }
      }
      byContent.putIfAbsent(content.toString(), directory);
    }
    return byContent.values().stream().sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("distinctTerraformDirectories")
  void terraformValidatePassesAgainstTheRealProviderSchema(Path directory) throws IOException {
    TerraformCli.Result result = TerraformCli.require().validate(directory);
    assertTrue(result.noWarnings(), () -> "terraform validate -json found errors or warnings in " + directory + ":\n"
        + result.output());
  }
}
