package io.github.spaceliftoidc.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.problem.Mark;
import io.github.spaceliftoidc.core.problem.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stamp keeps the last run's warnings, so that a run it skips still shows them. */
class StampFileTest {

  @TempDir
  Path directory;

  @Test
  void warningsSurviveTheStampWithEveryCharacterTheyMayHold() throws IOException {
    Path config = Files.writeString(directory.resolve("spacelift-oidc.yaml"), "version: 1\n");
    Files.writeString(directory.resolve("out.tf"), "# generated\n");
    List<Problem> warnings = List.of(
        new Problem(new Mark("spacelift-oidc.yaml", 12, 7), "dynamodb_table is deprecated; use useLockfile"),
        new Problem(new Mark("dir\twith tab/spacelift-oidc.yaml", 3, 1),
            "two\nlines, a tab\there, a backslash \\n that is not a line break, and a \r return"));
    Fingerprint stamp = Fingerprint.in(directory.resolve("work"), "key", directory);
    Files.createDirectories(directory.resolve("work"));

    stamp.record("parameters", List.of(config), null, List.of("out.tf"), warnings);
    Optional<Fingerprint.LastRun> last = stamp.unchangedOutputs("parameters", config, null);

    assertTrue(last.isPresent(), "same inputs and outputs: up to date");
    assertEquals(List.of("out.tf"), last.get().outputs());
    assertEquals(warnings, last.get().warnings());
  }

  @Test
  void aRunWithoutWarningsReplaysNone() throws IOException {
    Path config = Files.writeString(directory.resolve("spacelift-oidc.yaml"), "version: 1\n");
    Fingerprint stamp = Fingerprint.in(directory, "key", directory);

    stamp.record("parameters", List.of(config), null, List.of(), List.of());

    assertEquals(List.of(), stamp.unchangedOutputs("parameters", config, null).orElseThrow().warnings());
  }
}
