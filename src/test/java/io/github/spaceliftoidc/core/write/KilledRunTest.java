package io.github.spaceliftoidc.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.problem.Hints;
import io.github.spaceliftoidc.core.write.FileChange.Kind;
import io.github.spaceliftoidc.testing.GoldenFiles;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed at any point ({@code kill -9}: no roll-back, no clean-up) leaves a tree that the next run repairs,
 * with no generated file that the manifest does not list. The kill is simulated at every file operation of a write
 * that needs every kind of change ({@code nothing-lost/v1.yaml} to {@code v2.yaml}: update, create in a new
 * directory, delete, manifest), and of a failing write's roll-back; after each, a recovery run with either YAML must
 * leave exactly that YAML's output, and {@code check} must pass.
 */
class KilledRunTest {

  private static final Path CASES = ProjectPaths.testResources().resolve("nothing-lost");

  private static List<GeneratedFile> v1;
  private static List<GeneratedFile> v2;
  private static Map<String, String> v1Tree;
  private static Map<String, String> v2Tree;

  @TempDir
  static Path references;

  @TempDir
  Path output;

  @BeforeAll
  static void renderBothVersionsAndTheirTrees() {
    v1 = render("v1.yaml");
    v2 = render("v2.yaml");
    v1Tree = referenceTree(v1, references.resolve("v1"));
    v2Tree = referenceTree(v2, references.resolve("v2"));
  }

  @Test
  void aKillAtAnyFileOperationOfAWriteIsRepairedByTheNextRun() {
    int operations = operationsOfTheSecondWrite();
    assertTrue(operations >= 14, "journal, 5 temporary files, a new directory, 5 moves, a delete, pruning, journal: "
        + operations);
    for (int killAt = 1; killAt <= operations; killAt++) {
      for (boolean recoverWithV2 : new boolean[] {true, false}) {
        reset();
        writer(v1, InjectedFiles.recording());
        InjectedFiles killing = new InjectedFiles("any", killAt, InjectedFiles.Outcome.KILL);
        assertThrows(InjectedFiles.Killed.class, () -> writer(v2, killing));
        String state = "killed before operation " + killAt + " (after " + killing.log + ")";

        assertEverythingGeneratedIsListed(state);
        recoverAndCheck(recoverWithV2 ? v2 : v1, recoverWithV2 ? v2Tree : v1Tree, state);
      }
    }
  }

  @Test
  void aKillWhileAFailedWritePutsFilesBackIsRepairedToo() {
    // The third move fails (the manifest that lists both versions and the account file are in place); the
    // roll-back then puts them back, and is itself killed at each of its operations.
    for (int killAt = 1; killAt <= 8; killAt++) {
      reset();
      writer(v1, InjectedFiles.recording());
      InjectedFiles failing = new InjectedFiles("move", 3, InjectedFiles.Outcome.FAIL, killAt);
      Throwable thrown = assertThrows(Throwable.class, () -> writer(v2, failing));
      String state = "move 3 failed, roll-back killed at its operation " + killAt + " (" + thrown + ")";

      assertEverythingGeneratedIsListed(state);
      recoverAndCheck(v2, v2Tree, state);
    }
  }

  @Test
  void aKillDuringTheRecoveryRunIsRepairedByTheRunAfterIt() {
    int operations = operationsOfTheSecondWrite();
    for (int killAt = 2; killAt <= operations; killAt += 3) {
      for (int recoveryKillAt = 1; recoveryKillAt <= 6; recoveryKillAt++) {
        reset();
        writer(v1, InjectedFiles.recording());
        InjectedFiles killing = new InjectedFiles("any", killAt, InjectedFiles.Outcome.KILL);
        assertThrows(InjectedFiles.Killed.class, () -> writer(v2, killing));
        InjectedFiles killingTheRecovery = new InjectedFiles("any", recoveryKillAt, InjectedFiles.Outcome.KILL);
        try {
          writer(v1, killingTheRecovery);
        } catch (InjectedFiles.Killed expected) {
          // killed again, or the recovery needed fewer operations
        }
        String state = "killed at " + killAt + ", then the recovery killed at " + recoveryKillAt;
        assertEverythingGeneratedIsListed(state);
        recoverAndCheck(v2, v2Tree, state);
      }
    }
  }

  @Test
  void checkReportsTheTemporaryFilesOfAKilledRunAndGenerateRemovesThem() throws IOException {
    writer(v1, InjectedFiles.recording());
    // Killed once all five temporary files are written, before the first move.
    assertThrows(InjectedFiles.Killed.class,
        () -> writer(v2, new InjectedFiles("move", 1, InjectedFiles.Outcome.KILL)));
    List<Path> temporary = temporaryFiles();
    assertEquals(5, temporary.size(), temporary.toString());
    assertFalse(Files.readString(output.resolve(OutputLock.FILE_NAME)).isEmpty(), "the journal is left");

    OutputWriter.SyncResult check = new OutputWriter(output).check(v1, Selection.ALL::owns);

    List<String> deletes = check.drift().stream().filter(change -> change.kind() == Kind.DELETE)
        .map(FileChange::path).toList();
    assertEquals(5, deletes.size(), deletes.toString());
    assertTrue(deletes.stream().allMatch(path -> path.endsWith(AtomicFiles.TEMPORARY_SUFFIX)), deletes.toString());
    assertEquals(5, temporaryFiles().size(), "check writes nothing");

    OutputWriter.SyncResult repaired = new OutputWriter(output).write(v1, Selection.ALL::owns);

    assertEquals(5, repaired.count(Kind.DELETE), "the summary counts the removed temporary files");
    assertEquals(List.of(), temporaryFiles());
    assertEquals("", Files.readString(output.resolve(OutputLock.FILE_NAME)), "the journal is emptied");
    assertEquals(v1Tree, GoldenFiles.read(output));
  }

  @Test
  void aJournalFromAPullRequestDeletesNothingButTemporaryFilesInsideTheTree(@TempDir Path elsewhere)
      throws IOException {
    writer(v1, InjectedFiles.recording());
    Path outside = elsewhere.resolve(".x.tf.0123456789abcdef" + AtomicFiles.TEMPORARY_SUFFIX);
    Files.writeString(outside, "outside");
    Files.createSymbolicLink(output.resolve("link"), elsewhere);
    Files.writeString(output.resolve(OutputLock.FILE_NAME), OutputLock.Journal.render(1,
        List.of("iam/production/spacelift-oidc-iam.tf", "../" + elsewhere.getFileName() + "/"
            + outside.getFileName(), outside.toString(), "link/" + outside.getFileName()), List.of("stacks")));

    new OutputWriter(output).write(v1, Selection.ALL::owns);

    assertTrue(Files.exists(output.resolve("iam/production/spacelift-oidc-iam.tf")), "not a temporary file's name");
    assertTrue(Files.exists(outside), "outside the output directory, by any path");
    assertEquals(v1Tree, GoldenFiles.read(output).entrySet().stream().filter(e -> !e.getKey().startsWith("link/"))
        .collect(TreeMap::new, (map, e) -> map.put(e.getKey(), e.getValue()), Map::putAll));
  }

  /** Every file with the header line in the tree is the manifest or in it, or a temporary file the journal names. */
  private void assertEverythingGeneratedIsListed(String state) {
    Manifest manifest = new OutputWriter(output).readManifest();
    String journal = read(output.resolve(OutputLock.FILE_NAME));
    for (Path file : files()) {
      String relative = output.relativize(file).toString().replace('\\', '/');
      byte[] content = readBytes(file);
      if (relative.equals(Manifest.FILE_NAME) || !OutputWriter.hasHeader(content)) {
        continue;
      }
      boolean listed = manifest.entries().containsKey(relative)
          || AtomicFiles.isTemporary(file.getFileName().toString()) && journal.contains(relative + "\n");
      assertTrue(listed, state + ": " + relative + " is generated but neither the manifest nor the journal lists"
          + " it\nmanifest: " + manifest.entries().keySet() + "\njournal:\n" + journal);
    }
  }

  private void recoverAndCheck(List<GeneratedFile> files, Map<String, String> expected, String state) {
    writer(files, InjectedFiles.recording());
    assertEquals(expected, GoldenFiles.read(output), state + ": the recovery run leaves exactly its YAML's output");
    assertEquals(List.of(), temporaryFiles(), state + ": no temporary file is left");
    assertEquals("", read(output.resolve(OutputLock.FILE_NAME)), state + ": the journal is empty");
    OutputWriter.SyncResult check = new OutputWriter(output).check(files, Selection.ALL::owns);
    assertEquals(List.of(), check.drift(), state + ": check passes");
    assertFalse(check.manifestChanged(), state + ": the manifest is final");
    assertFalse(Files.exists(output.resolve("stacks/app")) && files == v2, state + ": the stale directory is pruned");
  }

  private int operationsOfTheSecondWrite() {
    reset();
    writer(v1, InjectedFiles.recording());
    InjectedFiles recording = InjectedFiles.recording();
    writer(v2, recording);
    return recording.operations();
  }

  private OutputWriter.SyncResult writer(List<GeneratedFile> files, InjectedFiles operations) {
    return new OutputWriter(output, Hints.NEUTRAL.generator(), operations).write(files, Selection.ALL::owns);
  }

  private void reset() {
    try (Stream<Path> walk = Files.walk(output)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!path.equals(output)) {
          Files.delete(path);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Path> files() {
    try (Stream<Path> walk = Files.walk(output)) {
      return walk.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Path> temporaryFiles() {
    return files().stream().filter(path -> path.getFileName().toString().endsWith(".tmp")).toList();
  }

  private static List<GeneratedFile> render(String config) {
    GenerationRequest request = GenerationRequest.of(CASES.resolve(config));
    SpaceliftOidc core = new SpaceliftOidc();
    return core.render(request, core.load(request));
  }

  private static Map<String, String> referenceTree(List<GeneratedFile> files, Path directory) {
    new OutputWriter(directory).write(files, Selection.ALL::owns);
    return GoldenFiles.read(directory);
  }

  private static String read(Path path) {
    return new String(readBytes(path), StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
