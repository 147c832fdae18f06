package io.github.spaceliftoidc.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.GenerationResult;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.problem.GenerationException;
import io.github.spaceliftoidc.core.problem.Hints;
import io.github.spaceliftoidc.core.problem.UserInputException;
import io.github.spaceliftoidc.testing.DirectorySnapshot;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that fails leaves every earlier generated file as it was. {@code nothing-lost/v1.yaml} is generated first;
 * {@code v2.yaml} then needs every kind of change (update, create in a new directory, delete, manifest), and each
 * test makes that second run fail in a different way: a foreign file or a directory in the way, an unwritable
 * directory, or an I/O failure injected at each step of the write.
 */
class NothingLostTest {

  private static final Path CASES = ProjectPaths.testResources().resolve("nothing-lost");

  @TempDir
  Path output;

  private DirectorySnapshot before;

  @BeforeEach
  void generateTheFirstVersion() {
    GenerationResult first = new SpaceliftOidc().generate(request("v1.yaml"));
    assertEquals(3, first.written(), "the account file and two stack files");
    before = DirectorySnapshot.of(output);
  }

  @Test
  void theSecondVersionReallyChangesEveryKindOfFile() {
    GenerationResult second = new SpaceliftOidc().generate(request("v2.yaml"));

    assertEquals(List.of("iam/production/spacelift-oidc-iam.tf UPDATE", "stacks/app/spacelift-oidc-provider.tf DELETE",
        "stacks/infra/spacelift-oidc-provider.tf UPDATE", "stacks/web/spacelift-oidc-provider.tf CREATE"),
        second.changes().stream().map(c -> c.path() + " " + c.kind()).toList());
    assertTrue(second.manifestChanged());
    assertNoTemporaryFiles();
  }

  @Test
  void aForeignFileInTheWayFailsNamingItAndNothingIsWritten() throws IOException {
    Path handWritten = output.resolve("stacks/web/spacelift-oidc-provider.tf");
    Files.createDirectories(handWritten.getParent());
    Files.writeString(handWritten, "# my own provider\nprovider \"aws\" {}\n", StandardCharsets.UTF_8);
    DirectorySnapshot withForeignFile = DirectorySnapshot.of(output);

    UserInputException failure = assertThrows(UserInputException.class,
        () -> new SpaceliftOidc().generate(request("v2.yaml")));

    assertTrue(failure.getMessage().contains("\n  stacks/web/spacelift-oidc-provider.tf\n"), failure.getMessage());
    assertTrue(failure.getMessage().contains("never overwrites or deletes"), failure.getMessage());
    assertTrue(failure.getMessage().contains("nothing was written"), failure.getMessage());
    withForeignFile.assertUnchanged("the foreign file and every generated file are as they were");
  }

  @Test
  void aGeneratedFileThatLostItsHeaderIsNeitherUpdatedNorDeleted() throws IOException {
    Path edited = output.resolve("stacks/infra/spacelift-oidc-provider.tf");
    Files.writeString(edited, Files.readString(edited).replaceFirst("^# Code generated[^\n]*\n", "# mine now\n"));
    DirectorySnapshot withEdit = DirectorySnapshot.of(output);

    UserInputException failure = assertThrows(UserInputException.class,
        () -> new SpaceliftOidc().generate(request("v2.yaml")));

    assertTrue(failure.getMessage().contains("  stacks/infra/spacelift-oidc-provider.tf"), failure.getMessage());
    withEdit.assertUnchanged("nothing is written, not even the files that could be");
  }

  @Test
  void aDirectoryWhereAFileMustGoFailsNamingItAndNothingIsWritten() throws IOException {
    Files.createDirectories(output.resolve("stacks/web/spacelift-oidc-provider.tf"));
    DirectorySnapshot withDirectory = DirectorySnapshot.of(output);

    UserInputException failure = assertThrows(UserInputException.class,
        () -> new SpaceliftOidc().generate(request("v2.yaml")));

    assertTrue(failure.getMessage().contains("stacks/web/spacelift-oidc-provider.tf (a directory, where the plugin"
        + " writes a file)"), failure.getMessage());
    withDirectory.assertUnchanged("nothing is written");
  }

  @Test
  void aFileWhereADirectoryMustGoFailsNamingItAndNothingIsWritten() throws IOException {
    Files.createDirectories(output.resolve("stacks"));
    Files.writeString(output.resolve("stacks/web"), "not a directory\n");
    DirectorySnapshot withFile = DirectorySnapshot.of(output);

    UserInputException failure = assertThrows(UserInputException.class,
        () -> new SpaceliftOidc().generate(request("v2.yaml")));

    assertTrue(failure.getMessage().contains("stacks/web (a file where the directory of"
        + " stacks/web/spacelift-oidc-provider.tf must be)"), failure.getMessage());
    withFile.assertUnchanged("nothing is written");
  }

  @Test
  void anUnwritableDirectoryFailsWithAnActionableMessageAndNothingChanges() throws IOException {
    Path stack = output.resolve("stacks/infra");
    assumeTrue(Files.getFileStore(stack).supportsFileAttributeView("posix"), "Skipped: no POSIX permissions here");
    Files.setPosixFilePermissions(stack, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeTrue(!Files.isWritable(stack), "Skipped: this user (root?) may write to read-only directories;"
          + " the injected failures below cover the same path");
      before = DirectorySnapshot.of(output);

      GenerationException failure = assertThrows(GenerationException.class,
          () -> new SpaceliftOidc().generate(request("v2.yaml")));

      assertTrue(failure.getMessage().contains("stacks/infra/spacelift-oidc-provider.tf (permission denied)"),
          failure.getMessage());
      assertTrue(failure.getMessage().contains("nothing was changed"), failure.getMessage());
      assertTrue(failure.getMessage().contains("Check that the directory is writable"), failure.getMessage());
      before.assertUnchanged("staging failed, so nothing was touched");
    } finally {
      Files.setPosixFilePermissions(stack, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void aFailureWhileStagingAnyFileTouchesNothing() {
    // the manifest that lists old and new files, account, infra, web (new directory), the final manifest
    for (int failAt = 1; failAt <= 5; failAt++) {
      InjectedFiles files = new InjectedFiles("writeTemporary", failAt, InjectedFiles.Outcome.FAIL);

      GenerationException failure = assertThrows(GenerationException.class, () -> writeSecondVersion(files));

      assertTrue(failure.getMessage().contains("nothing was changed"), failure.getMessage());
      before.assertUnchanged("failing to stage file " + failAt + " must leave every file and mtime as it was,"
          + " and leave no temporary file or new directory behind");
    }
  }

  @Test
  void aFailureWhileMovingFilesIntoPlacePutsBackWhatWasChanged() {
    // the manifest that lists old and new files, account, infra, web, then the final manifest
    for (int failAt = 1; failAt <= 5; failAt++) {
      InjectedFiles files = new InjectedFiles("move", failAt, InjectedFiles.Outcome.FAIL);

      GenerationException failure = assertThrows(GenerationException.class, () -> writeSecondVersion(files));

      assertTrue(failure.getMessage().contains("Every file changed so far was put back as it was"),
          failure.getMessage());
      before.assertSameContent("after a failed move " + failAt + ", every earlier file has its old bytes again");
      assertEquals(failAt - 1, files.completed, "moves done before the failure, all undone");
    }
  }

  @Test
  void aFailureWhileDeletingAStaleFilePutsBackWhatWasChanged() {
    InjectedFiles files = new InjectedFiles("delete", 1, InjectedFiles.Outcome.FAIL);

    assertThrows(GenerationException.class, () -> writeSecondVersion(files));

    before.assertSameContent("the updated files are put back and the stale one is still there");
  }

  @Test
  void everyFileIsWrittenToATemporaryFileInItsOwnDirectoryThenMoved() {
    InjectedFiles recording = InjectedFiles.recording();

    writeSecondVersion(recording);

    assertEquals(5, recording.moves.size(), "three generated files and the manifest, twice: first one that lists"
        + " the old files and the new, then the final one");
    for (Path[] move : recording.moves) {
      assertEquals(move[1].getParent(), move[0].getParent(), "temporary file next to " + move[1]);
      assertTrue(move[0].getFileName().toString().startsWith("." + move[1].getFileName() + "."), move[0].toString());
      assertTrue(move[0].getFileName().toString().endsWith(".spacelift-oidc.tmp"), move[0].toString());
      assertFalse(Files.exists(move[0]), "the temporary file was moved, not copied");
    }
    assertNoTemporaryFiles();
  }

  private void writeSecondVersion(FileOperations files) {
    GenerationRequest request = request("v2.yaml");
    SpaceliftOidc core = new SpaceliftOidc();
    List<GeneratedFile> generated = core.render(request, core.load(request));
    new OutputWriter(output, Hints.NEUTRAL.generator(), files).write(generated, Selection.ALL::owns);
  }

  private GenerationRequest request(String config) {
    return GenerationRequest.of(CASES.resolve(config)).withOutputDirectory(output);
  }

  private void assertNoTemporaryFiles() {
    try (Stream<Path> walk = Files.walk(output)) {
      List<Path> temporary = walk.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
      assertEquals(List.of(), temporary, "no temporary file is left behind");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
