package io.github.spaceliftoidc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.Starter;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code init} and {@code explain} goals as Maven wires them: parameters in, files and log lines out. */
@MojoTest
class InitAndExplainMojoTest {

  private static final String POM = "classpath:/unit/generate/pom.xml";
  private static final String PRODUCTION = "production-01HND497T9JKR76MR3KA2CDJHP";

  /** Collects the info lines a mojo logs. */
  static final class RecordingLog extends SystemStreamLog {
    final List<String> info = new ArrayList<>();

    @Override
    public void info(CharSequence content) {
      info.add(content.toString());
    }
  }

  @Test
  @InjectMojo(goal = "init", pom = POM)
  void initWritesTheStarterWhereNoneExists(InitMojo mojo, @TempDir Path directory) throws Exception {
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);
    mojo.configFile = directory.resolve("spacelift-oidc.yaml").toFile();

    mojo.execute();

    assertEquals(new String(Starter.content(), StandardCharsets.UTF_8),
        Files.readString(mojo.configFile.toPath(), StandardCharsets.UTF_8));
    assertTrue(log.info.get(0).startsWith("Wrote a starter " + mojo.configFile), log.info.toString());
  }

  @Test
  @InjectMojo(goal = "init", pom = POM)
  void initLeavesAnExistingFileAsItIs(InitMojo mojo, @TempDir Path directory) throws Exception {
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);
    Path existing = Files.writeString(directory.resolve("spacelift-oidc.yaml"), "# mine\n");
    Files.setLastModifiedTime(existing, FileTime.fromMillis(1_000_000_000_000L));
    mojo.configFile = existing.toFile();

    mojo.execute();

    assertEquals("# mine\n", Files.readString(existing));
    assertEquals(1_000_000_000_000L, Files.getLastModifiedTime(existing).toMillis());
    assertEquals(List.of(existing + " already exists; left it as it is"), log.info);
  }

  @Test
  @InjectMojo(goal = "explain", pom = POM)
  void explainLogsTheReportAndWritesTheMarkdownFile(ExplainMojo mojo, @TempDir Path directory) throws Exception {
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);
    mojo.explainFile = directory.resolve("review/trust.md").toFile();

    mojo.execute();

    assertTrue(log.info.contains("    - stack `network-prod` in space `production`: TRACKED and PROPOSED runs, read"
        + " and write"), String.join("\n", log.info));
    assertEquals("Wrote " + mojo.explainFile, log.info.get(log.info.size() - 1));
    String markdown = Files.readString(mojo.explainFile.toPath(), StandardCharsets.UTF_8);
    assertTrue(markdown.startsWith("# Who can assume what\n"), markdown);
    assertFalse(Files.exists(ProjectPaths.root().resolve("target/harness/generate")), "explain generates nothing");
  }

  @Test
  @InjectMojo(goal = "explain", pom = POM)
  void explainWithASubjectAndAudienceNamesTheRolesItMayAssume(ExplainMojo mojo) throws Exception {
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);
    mojo.subject = " space:" + PRODUCTION + ":stack:network-prod:run_type:TRACKED:scope:write ";
    mojo.audience = "acme.app.spacelift.io";

    mojo.execute();

    assertEquals(List.of(
        "sub 'space:" + PRODUCTION + ":stack:network-prod:run_type:TRACKED:scope:write': a TRACKED run (scope write)"
            + " of stack `network-prod` in space `production`",
        "A run with aud 'acme.app.spacelift.io' with this sub may assume 1 role:",
        "  - arn:aws:iam::123456789012:role/spacelift/spacelift-network (account production), allowed by space:"
            + PRODUCTION + ":stack:network-prod:run_type:TRACKED:scope:write"), log.info);
  }

  @Test
  @InjectMojo(goal = "explain", pom = POM)
  void explainSkipsLikeEveryGoal(ExplainMojo mojo, @TempDir Path directory) throws Exception {
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);
    mojo.skip = true;
    mojo.explainFile = new File(directory.toFile(), "trust.md");

    mojo.execute();

    assertEquals(List.of("Skipping spacelift-oidc:explain (spacelift-oidc.skip is true)"), log.info);
    assertFalse(mojo.explainFile.exists());
  }
}
