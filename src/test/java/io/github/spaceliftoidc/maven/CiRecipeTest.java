package io.github.spaceliftoidc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.GenerationResult;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's CI recipe works for the pull request it is meant for: one whose developer regenerated and committed
 * the files. In a real git repository (a base branch with the quickstart, a pull request that changes its YAML and
 * commits the regenerated output), the recipe's git lines run as written, {@code generate} runs as its Maven line
 * says, and the report holds the pull request's trust changes; the recipe's last line then passes. Skipped, with a
 * message, where git or bash is missing.
 */
class CiRecipeTest {

  private static final String MAVEN_LINE =
      "./mvnw -B spacelift-oidc:generate -Dspacelift-oidc.explainFile=target/spacelift-oidc-trust.md";

  @TempDir Path repository;

  private static String recipe() throws IOException {
    String readme = Files.readString(ProjectPaths.root().resolve("README.md"), StandardCharsets.UTF_8);
    Matcher recipe = Pattern.compile("<!-- recipe: trust-report -->\\n```bash\\n(.*?)```", Pattern.DOTALL)
        .matcher(readme);
    assertTrue(recipe.find(), "the README has the CI recipe");
    return recipe.group(1);
  }

  private static boolean available(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** Runs a command in the repository; returns its output, failing on a non-zero exit. */
  private String run(List<String> command, Map<String, String> environment) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true);
    builder.environment().putAll(Map.of("GIT_AUTHOR_NAME", "Dev", "GIT_AUTHOR_EMAIL", "dev@example.com",
        "GIT_COMMITTER_NAME", "Dev", "GIT_COMMITTER_EMAIL", "dev@example.com", "GIT_CONFIG_GLOBAL", "/dev/null",
        "GIT_CONFIG_NOSYSTEM", "1"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
    assertEquals(0, process.exitValue(), command + " failed:\n" + output);
    return output;
  }

  private String git(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(arguments));
    return run(command, Map.of());
  }

  private void generate(Path yaml) {
    new SpaceliftOidc().generate(GenerationRequest.of(yaml));
  }

  @Test
  void theRecipeReportsWhatThePullRequestChangesThoughItsFilesAreRegenerated() throws Exception {
    assumeTrue(available("git", "--version") && available("bash", "--version"),
        "git or bash is not installed: the CI recipe cannot be run here");
    String recipe = recipe();
    int maven = recipe.indexOf(MAVEN_LINE + "\n");
    assertTrue(maven > 0, "the recipe runs exactly: " + MAVEN_LINE);
    Path yaml = repository.resolve("spacelift-oidc.yaml");
    Path iam = repository.resolve("iam/production/spacelift-oidc-iam.tf");

    // The base branch: the quickstart and its output.
    Files.copy(ProjectPaths.root().resolve("examples/quickstart/spacelift-oidc.yaml"), yaml);
    generate(yaml);
    Files.writeString(repository.resolve(".gitignore"), "target/\n");
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-q", "-m", "base");
    String baseIam = Files.readString(iam);
    // The pull request: a YAML change, regenerated and committed, as a careful developer does.
    git("checkout", "-q", "-b", "pull-request");
    Files.copy(ProjectPaths.root().resolve("src/test/resources/readme/quickstart-pull-request.yaml"), yaml,
        StandardCopyOption.REPLACE_EXISTING);
    generate(yaml);
    git("add", "-A");
    git("commit", "-q", "-m", "pull request");
    String pullRequestIam = Files.readString(iam);
    assertFalse(pullRequestIam.equals(baseIam));
    assertTrue(new SpaceliftOidc().check(GenerationRequest.of(yaml)).isUpToDateOnDisk(),
        "on the pull request as committed, check finds nothing: the reason for the recipe");

    // CI: the recipe's git lines put the base branch's generated files on disk...
    run(List.of("bash", "-c", recipe.substring(0, maven)), Map.of("BASE_REF", "main"));
    assertEquals(baseIam, Files.readString(iam), "the base branch's IAM module is on disk");
    assertFalse(Files.exists(repository.resolve("stacks/web/spacelift-oidc-provider.tf")),
        "a file that only the pull request generates is gone");
    // ... then generate, as the recipe's Maven line, logs and reports what the pull request changes ...
    GenerationResult result = new SpaceliftOidc().generate(GenerationRequest.of(yaml),
        repository.resolve("target/spacelift-oidc-trust.md"));
    assertTrue(result.trustChanges().widens());
    String report = Files.readString(repository.resolve("target/spacelift-oidc-trust.md"));
    assertTrue(report.contains("- **wider** role `spacelift-app` (account production): + stack `web` in space"
        + " `production`: all runs, read and write; + any stack in space `production`: PROPOSED runs, read only"
        + " (trust rule 1)\n"), report);
    assertTrue(report.contains("- **narrower** role `spacelift-network` (account production): − stack `network` in"
        + " space `production`: PROPOSED runs, read and write\n"), report);
    // ... and writes the pull request's files back, which the recipe's last lines check against the commit.
    assertEquals(pullRequestIam, Files.readString(iam));
    run(List.of("bash", "-c", "set -euo pipefail\nout=.\n" + recipe.substring(maven + MAVEN_LINE.length() + 1)),
        Map.of());
  }

  @Test
  void theRecipeAlsoWorksForTheFirstPullRequestOfTheOutput() throws Exception {
    assumeTrue(available("git", "--version") && available("bash", "--version"),
        "git or bash is not installed: the CI recipe cannot be run here");
    String recipe = recipe();
    Path yaml = repository.resolve("spacelift-oidc.yaml");
    Files.writeString(repository.resolve("README.md"), "infrastructure\n");
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-q", "-m", "base, before the plugin");
    git("checkout", "-q", "-b", "pull-request");
    Files.copy(ProjectPaths.root().resolve("examples/quickstart/spacelift-oidc.yaml"), yaml);
    generate(yaml);
    git("add", "-A");
    git("commit", "-q", "-m", "the plugin's first output");

    run(List.of("bash", "-c", recipe.substring(0, recipe.indexOf(MAVEN_LINE))), Map.of("BASE_REF", "main"));

    assertFalse(Files.exists(repository.resolve("iam/production/spacelift-oidc-iam.tf")),
        "the base branch has no output: none is on disk");
    GenerationResult result = new SpaceliftOidc().generate(GenerationRequest.of(yaml));
    assertEquals(2, result.trustChanges().changes().size(), "both roles are new");
  }
}
