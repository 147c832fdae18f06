package io.github.spaceliftoidc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.problem.GenerationException;
import io.github.spaceliftoidc.testing.GoldenFiles;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The goals as Maven wires them (descriptor, parameter injection, components), without forking a Maven build: the
 * mojo turns its parameters into a core request, and core failures into the right Maven exception.
 */
@MojoTest
class MojoHarnessTest {

  private static final String POM = "classpath:/unit/generate/pom.xml";
  private final Path output = ProjectPaths.root().resolve("target/harness/generate");

  @BeforeEach
  void cleanOutput() throws IOException {
    for (Path dir : new Path[] {output, ProjectPaths.root().resolve("target/harness/work")}) {
      if (Files.exists(dir)) {
        try (Stream<Path> walk = Files.walk(dir)) {
          for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
    }
  }

  @Test
  @InjectMojo(goal = "generate", pom = POM)
  void generateWritesTheGoldenOutput(GenerateMojo mojo) throws Exception {
    mojo.execute();

    GoldenFiles.assertSameTree(ProjectPaths.testResources().resolve("golden/organisation/expected"), output);
  }

  @Test
  @InjectMojo(goal = "generate", pom = POM)
  void generateSkipsOnASecondRunWithTheSameInputs(GenerateMojo mojo) throws Exception {
    mojo.execute();
    Path file = output.resolve("iam/production/spacelift-oidc-iam.tf");
    long before = Files.getLastModifiedTime(file).toMillis();
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(before - 10_000));
    long backdated = Files.getLastModifiedTime(file).toMillis();

    mojo.execute(); // the fingerprint no longer matches (mtime changed), so it compares and finds nothing to write

    assertEquals(backdated, Files.getLastModifiedTime(file).toMillis(), "identical files are not rewritten");
  }

  @Test
  @InjectMojo(goal = "generate", pom = POM)
  @MojoParameter(name = "skip", value = "true")
  void skipWritesNothing(GenerateMojo mojo) throws Exception {
    mojo.execute();

    assertFalse(Files.exists(output), "skip must not create the output directory");
  }

  @Test
  @InjectMojo(goal = "generate", pom = POM)
  void badYamlIsAMojoFailureWithTheLocationAndNothingWritten(GenerateMojo mojo) throws Exception {
    Path bad = Files.createTempFile("spacelift-oidc-bad", ".yaml");
    Files.writeString(bad, "spacelift:\n  hostname: https://demo.app.spacelift.io\naccounts: []\nspaces: []\n",
        StandardCharsets.UTF_8);
    mojo.configFile = bad.toFile();

    MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(failure.getMessage().contains(":2:13: hostname 'https://demo.app.spacelift.io'"),
        failure.getMessage());
    assertNull(failure.getCause(), "a user's mistake carries no stack trace");
    assertFalse(Files.exists(output), "nothing is written when the input is invalid");
  }

  @Test
  @InjectMojo(goal = "generate", pom = POM)
  void aTemplateDirectoryThatCannotBeReadIsAnExecutionError(GenerateMojo mojo) {
    mojo.templateDirectory = new File(ProjectPaths.root().toFile(), "target/harness/no-such-templates");

    MojoExecutionException error = assertThrows(MojoExecutionException.class, mojo::execute);

    assertTrue(error.getMessage().contains("no-such-templates"), error.getMessage());
  }

  @Test
  @InjectMojo(goal = "check", pom = POM)
  void checkFailsOnMissingOutputAndNamesEveryFile(CheckMojo mojo) {
    MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(failure.getMessage().contains("create  iam/production/spacelift-oidc-iam.tf"), failure.getMessage());
    assertTrue(failure.getMessage().contains("create  stacks/app/spacelift-oidc-provider.tf"), failure.getMessage());
    assertTrue(failure.getMessage().endsWith("Run `mvn spacelift-oidc:generate` to update them."));
    assertFalse(Files.exists(output), "check writes nothing");
  }

  @Test
  @InjectMojo(goal = "generate", pom = POM)
  void aForeignFileInTheWayIsAFailureThatNamesItAndLeavesItAlone(GenerateMojo mojo) throws Exception {
    Path handWritten = output.resolve("stacks/app/spacelift-oidc-provider.tf");
    Files.createDirectories(handWritten.getParent());
    Files.writeString(handWritten, "provider \"aws\" {}\n", StandardCharsets.UTF_8);

    MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(failure.getMessage().contains("\n  stacks/app/spacelift-oidc-provider.tf\n"), failure.getMessage());
    assertNull(failure.getCause(), "a user's mistake carries no stack trace");
    assertEquals("provider \"aws\" {}\n", Files.readString(handWritten), "the foreign file is untouched");
    assertFalse(Files.exists(output.resolve("iam")), "nothing else is written either");
  }

  @Test
  @InjectMojo(goal = "generate", pom = POM)
  void aBrokenTemplateIsAnExecutionErrorThatNamesTheTemplate(GenerateMojo mojo) throws Exception {
    Path templates = Files.createTempDirectory("spacelift-oidc-templates");
    Files.writeString(templates.resolve("account.tf.ftl"), "[=header]\n[=account.noSuchProperty]\n");
    mojo.templateDirectory = templates.toFile();

    MojoExecutionException error = assertThrows(MojoExecutionException.class, mojo::execute);

    assertTrue(error.getMessage().startsWith("The template account.tf.ftl failed:"), error.getMessage());
    assertTrue(error.getMessage().contains("noSuchProperty"), error.getMessage());
    assertTrue(error.getCause() instanceof GenerationException, String.valueOf(error.getCause()));
    assertFalse(Files.exists(output), "nothing is written when rendering fails");
  }

  @Test
  @InjectMojo(goal = "generate", pom = POM)
  void anOutputDirectoryThatCannotBeReadIsAnExecutionErrorWithAnActionableMessage(GenerateMojo mojo)
      throws Exception {
    Path file = Files.createTempFile("spacelift-oidc-not-a-directory", ".txt");
    mojo.outputDirectory = file.resolve("output").toFile();

    MojoExecutionException error = assertThrows(MojoExecutionException.class, mojo::execute);

    assertTrue(error.getMessage().startsWith("Cannot create the output directory " + file.resolve("output")),
        error.getMessage());
    assertTrue(error.getMessage().contains("check that the output directory is a directory this build may read"
        + " and write"), error.getMessage());
    assertTrue(error.getCause() instanceof GenerationException, String.valueOf(error.getCause()));
  }

  @Test
  @InjectMojo(goal = "generate", pom = POM)
  void aConfigFileThatIsADirectoryIsAFailureThatSaysSo(GenerateMojo mojo) throws Exception {
    mojo.configFile = Files.createTempDirectory("spacelift-oidc-config-dir").toFile();

    MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(failure.getMessage().contains(":1:1: this is a directory, not a file; point configFile at the YAML"),
        failure.getMessage());
    assertNull(failure.getCause());
  }
}
