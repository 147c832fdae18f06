package io.github.spaceliftoidc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.spaceliftoidc.core.problem.InvalidConfigurationException;
import io.github.spaceliftoidc.core.problem.Problem;
import io.github.spaceliftoidc.core.yaml.TreeReader;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files a run reads: the YAML and the inline policy files. Only regular files are read (a FIFO would block the
 * build, a device fill the heap), never more than the limit, and a policy file only from inside the YAML file's
 * directory by its real path, so that a YAML from a pull request cannot pull other files into the output or the log.
 */
class InputFilesTest {

  private static final Duration NEVER_HANGS = Duration.ofSeconds(20);
  private static final String BASELINE = "bad-input/_valid-baseline.yaml";

  @TempDir
  Path project;

  @TempDir
  Path elsewhere;

  private String baseline;

  @BeforeEach
  void readTheBaseline() throws IOException {
    baseline = Files.readString(ProjectPaths.testResources().resolve(BASELINE));
  }

  private List<String> problems(Path config) {
    GenerationRequest request = GenerationRequest.of(config).withOutputDirectory(project.resolve("out"));
    InvalidConfigurationException failure = assertTimeoutPreemptively(NEVER_HANGS,
        () -> assertThrows(InvalidConfigurationException.class, () -> new SpaceliftOidc().generate(request)));
    return failure.problems().stream().map(Problem::toString).toList();
  }

  /** The baseline with an inline policy that reads {@code file}. */
  private Path withPolicyFile(String file) throws IOException {
    Path config = project.resolve("spacelift-oidc.yaml");
    Files.writeString(config, baseline.replace("        managedPolicies: [PowerUserAccess]\n",
        "        managedPolicies: [PowerUserAccess]\n        inlinePolicies:\n          - name: state\n"
            + "            file: " + file + "\n"));
    return config;
  }

  @Test
  void aFifoAsTheConfigurationFileIsRefusedWithoutWaitingOnIt() throws Exception {
    Path fifo = project.resolve("spacelift-oidc.yaml");
    assumeTrue(mkfifo(fifo), "Skipped: mkfifo is not available here");

    assertEquals(List.of("spacelift-oidc.yaml:1:1: this is a FIFO (named pipe), not a regular file; point the"
        + " configuration file setting at the YAML file itself"), problems(fifo));
  }

  @Test
  void aDeviceAsTheConfigurationFileIsRefusedWithoutReadingIt() {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero), "Skipped: no /dev/zero here");

    List<String> problems = problems(zero);

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).endsWith(":1:1: this is a character device, not a regular file; point the"
        + " configuration file setting at the YAML file itself"), problems.get(0));
  }

  @Test
  void aCommittedLinkToADeviceAsTheConfigurationFileIsRefusedToo() throws IOException {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero), "Skipped: no /dev/zero here");
    Path config = project.resolve("spacelift-oidc.yaml");
    Files.createSymbolicLink(config, zero);

    assertEquals(List.of("spacelift-oidc.yaml:1:1: this is a character device, not a regular file; point the"
        + " configuration file setting at the YAML file itself"), problems(config));
  }

  @Test
  void aFileThatClaimsASizeOfZeroIsStillReadOnlyUpToTheLimit() {
    Path status = Path.of("/proc/self/status"); // a regular file of size 0 that holds a kilobyte or two
    assumeTrue(Files.isReadable(status), "Skipped: no /proc here");
    io.github.spaceliftoidc.core.problem.Problems problems = new io.github.spaceliftoidc.core.problem.Problems();

    new TreeReader(new TreeReader.Limits(256, 64, 200, 4_000_000)).read(status, "status", TreeReader.Format.YAML,
        problems);

    assertEquals(List.of("status:1:1: the file holds more than the 256 bytes this plugin reads"),
        problems.sorted().stream().map(Problem::toString).toList());
  }

  @Test
  void aConfigurationFileOverTheLimitIsRefusedByItsSize() throws IOException {
    Path config = project.resolve("spacelift-oidc.yaml");
    Files.writeString(config, baseline + "#".repeat(2000) + "\n");
    io.github.spaceliftoidc.core.problem.Problems problems = new io.github.spaceliftoidc.core.problem.Problems();

    new TreeReader(new TreeReader.Limits(1024, 64, 200, 4_000_000)).read(config, "spacelift-oidc.yaml",
        TreeReader.Format.YAML, problems);

    assertEquals(List.of("spacelift-oidc.yaml:1:1: the file is 2,563 bytes, more than the 1,024 bytes this plugin"
        + " reads"), problems.sorted().stream().map(Problem::toString).toList());
  }

  @Test
  void aFifoThatReplacesTheConfigurationFileAfterARunDoesNotHangTheUpToDateCheck() throws Exception {
    Path config = project.resolve("spacelift-oidc.yaml");
    Files.writeString(config, baseline);
    GenerationRequest request = new GenerationRequest(config, project.resolve("out"), project,
        project.resolve("target"), null, io.github.spaceliftoidc.core.plan.Selection.ALL, 2048, "test",
        io.github.spaceliftoidc.core.problem.Hints.NEUTRAL);
    new SpaceliftOidc().generate(request);
    Files.delete(config);
    assumeTrue(mkfifo(config), "Skipped: mkfifo is not available here");

    InvalidConfigurationException failure = assertTimeoutPreemptively(NEVER_HANGS,
        () -> assertThrows(InvalidConfigurationException.class, () -> new SpaceliftOidc().generate(request)));

    assertTrue(failure.getMessage().contains("this is a FIFO (named pipe), not a regular file"), failure.getMessage());
  }

  @Test
  void aPolicyFileThatIsALinkOutOfTheYamlDirectoryIsRefusedAndNotEchoed() throws IOException {
    Path secret = elsewhere.resolve("shadow.json");
    Files.writeString(secret, "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\":"
        + " \"secret-value-42\"}]}");
    Files.createDirectories(project.resolve("policies"));
    Files.createSymbolicLink(project.resolve("policies/state.json"), secret);

    List<String> problems = problems(withPolicyFile("policies/state.json"));

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("spacelift-oidc.yaml:14:19: role 'spacelift-infra' of account"
        + " 'production': inline policy 'state' reads 'policies/state.json', a symbolic link that leads out of the"
        + " YAML file's directory, to " + secret.toRealPath() + "; policy files are read only from the YAML file's"
        + " directory"), problems.get(0));
    assertFalse(problems.get(0).contains("secret-value-42"));
    assertFalse(Files.exists(project.resolve("out")), "nothing was written");
  }

  @Test
  void aNonJsonFileOutsideIsNeverOpenedSoNothingOfItIsEchoed() throws IOException {
    Path passwd = elsewhere.resolve("passwd");
    Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\n");
    Files.createSymbolicLink(project.resolve("passwd.json"), passwd);

    List<String> problems = problems(withPolicyFile("passwd.json"));

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("a symbolic link that leads out of the YAML file's directory"));
    assertFalse(problems.get(0).contains("'root'") || problems.get(0).contains("/bin/bash"), problems.get(0));
  }

  @Test
  void aPolicyFileLinkedInsideTheYamlDirectoryIsRead() throws IOException {
    Files.createDirectories(project.resolve("shared"));
    Files.writeString(project.resolve("shared/state.json"), "{\"Version\": \"2012-10-17\", \"Statement\":"
        + " [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/k\"}]}");
    Files.createSymbolicLink(project.resolve("state.json"), Path.of("shared/state.json"));
    Path config = withPolicyFile("state.json");

    GenerationResult result = new SpaceliftOidc().generate(GenerationRequest.of(config)
        .withOutputDirectory(project.resolve("out")));

    assertTrue(result.written() > 0);
    assertTrue(Files.readString(project.resolve("out/iam/production/spacelift-oidc-iam.tf"))
        .contains("arn:aws:s3:::b/k"));
  }

  @Test
  void aFifoAsAPolicyFileIsCalledAFifoNotMissing() throws Exception {
    assumeTrue(mkfifo(project.resolve("state.json")), "Skipped: mkfifo is not available here");

    List<String> problems = problems(withPolicyFile("state.json"));

    assertEquals(List.of("spacelift-oidc.yaml:14:19: role 'spacelift-infra' of account 'production': inline policy"
        + " 'state' reads 'state.json', which is a FIFO (named pipe), not a regular file; point file: at a JSON"
        + " policy document."), problems);
  }

  @Test
  void aDeviceLinkedAsAPolicyFileLeadsOut() throws IOException {
    assumeTrue(Files.exists(Path.of("/dev/zero")), "Skipped: no /dev/zero here");
    Files.createSymbolicLink(project.resolve("zero.json"), Path.of("/dev/zero"));

    List<String> problems = problems(withPolicyFile("zero.json"));

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("a symbolic link that leads out of the YAML file's directory, to /dev/zero"),
        problems.get(0));
  }

  @Test
  void aMissingPolicyFileShowsWhereItWasLookedFor() throws IOException {
    List<String> problems = problems(withPolicyFile("policies/missing.json"));

    assertEquals(List.of("spacelift-oidc.yaml:14:19: role 'spacelift-infra' of account 'production': inline policy"
        + " 'state' reads 'policies/missing.json', which does not exist (looked for "
        + project.resolve("policies/missing.json") + "); paths are relative to the YAML file's directory."), problems);
  }

  @Test
  void controlCharactersOfAValueAreEscapedInTheMessage() throws IOException {
    Path config = project.resolve("spacelift-oidc.yaml");
    Files.writeString(config, baseline.replace("  - id: infra\n", "  - id: \"in\\0fra\\e[31m\\nFAKE\"\n"));

    List<String> problems = problems(config);

    assertTrue(problems.stream().anyMatch(p -> p.contains("id 'in\\0fra\\u001B[31m\\nFAKE': a stack id is")),
        problems.toString());
    assertTrue(String.join("", problems).chars().noneMatch(c -> c < 0x20), "no control character reaches the log");
  }

  private static boolean mkfifo(Path path) throws InterruptedException {
    try {
      return new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
