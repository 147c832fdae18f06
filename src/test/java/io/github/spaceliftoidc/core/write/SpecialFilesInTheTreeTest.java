package io.github.spaceliftoidc.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.problem.Hints;
import io.github.spaceliftoidc.core.problem.UserInputException;
import io.github.spaceliftoidc.core.write.FileChange.Kind;
import io.github.spaceliftoidc.core.write.OutputWriter.SyncResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What else the writer meets in a tree: FIFOs and devices at generated paths (refused by their attributes, never
 * opened: a FIFO would block the build forever and {@code /dev/zero} would fill the heap), a directory that another
 * build creates first, and manifest entries that name the writer's own files.
 */
class SpecialFilesInTheTreeTest {

  private static final Duration NEVER_HANGS = Duration.ofSeconds(20);

  @TempDir
  Path out;

  private static GeneratedFile stack(String id, String body) {
    return new GeneratedFile("stacks/" + id + "/spacelift-oidc-provider.tf", GeneratedFile.HEADER + "\n" + body + "\n",
        "stack:" + id);
  }

  private SyncResult write(GeneratedFile... files) {
    return new OutputWriter(out).write(List.of(files), Selection.ALL::owns);
  }

  @Test
  void aFifoAtAGeneratedPathIsRefusedWithoutWaitingOnIt() throws Exception {
    Path fifo = out.resolve("stacks/app/spacelift-oidc-provider.tf");
    Files.createDirectories(fifo.getParent());
    assumeTrue(mkfifo(fifo), "Skipped: mkfifo is not available here");

    UserInputException failure = assertTimeoutPreemptively(NEVER_HANGS,
        () -> assertThrows(UserInputException.class, () -> write(stack("app", "a"))));
    assertTrue(failure.getMessage().contains("stacks/app/spacelift-oidc-provider.tf (a FIFO (named pipe), where the"
        + " plugin writes a file)"), failure.getMessage());
    UserInputException checked = assertTimeoutPreemptively(NEVER_HANGS, () -> assertThrows(UserInputException.class,
        () -> new OutputWriter(out).check(List.of(stack("app", "a")), Selection.ALL::owns)));
    assertTrue(checked.getMessage().contains("a FIFO (named pipe)"), checked.getMessage());
  }

  @Test
  void aLinkToADeviceAtAGeneratedPathIsRefusedWithoutReadingIt() throws IOException {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero), "Skipped: no /dev/zero here");
    Path file = out.resolve("stacks/app/spacelift-oidc-provider.tf");
    Files.createDirectories(file.getParent());
    Files.createSymbolicLink(file, zero);

    UserInputException failure = assertTimeoutPreemptively(NEVER_HANGS,
        () -> assertThrows(UserInputException.class, () -> write(stack("app", "a"))));

    assertTrue(failure.getMessage().contains("stacks/app/spacelift-oidc-provider.tf (a symbolic link"),
        failure.getMessage());
  }

  @Test
  void aHugeFileAtAGeneratedPathIsNotReadWhole() throws IOException {
    Path file = out.resolve("stacks/app/spacelift-oidc-provider.tf");
    Files.createDirectories(file.getParent());
    try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {1}), OutputTree.MAX_FILE_SIZE); // sparse: costs no disk
    }

    UserInputException failure = assertThrows(UserInputException.class, () -> write(stack("app", "a")));

    assertTrue(failure.getMessage().contains("stacks/app/spacelift-oidc-provider.tf (16,777,217 bytes, far more"
        + " than any file the plugin generates)"), failure.getMessage());
  }

  @Test
  void aDirectoryThatAnotherBuildCreatesFirstIsFine() {
    // Between the comparison (the directory is missing) and the write, someone else creates it.
    FileOperations competing = new ForwardingFiles() {
      @Override
      public boolean createDirectory(Path directory) throws IOException {
        Files.createDirectory(directory);
        return super.createDirectory(directory);
      }
    };

    SyncResult result = new OutputWriter(out, Hints.NEUTRAL.generator(), competing)
        .write(List.of(stack("app", "a"), stack("web", "w")), Selection.ALL::owns);

    assertEquals(2, result.count(Kind.CREATE));
    assertTrue(Files.isRegularFile(out.resolve("stacks/web/spacelift-oidc-provider.tf")));
  }

  @Test
  void aFileThatAnotherBuildPutsWhereADirectoryGoesStillFailsCleanly() {
    FileOperations competing = new ForwardingFiles() {
      @Override
      public boolean createDirectory(Path directory) throws IOException {
        Files.writeString(directory, "not a directory");
        return super.createDirectory(directory);
      }
    };

    assertThrows(io.github.spaceliftoidc.core.problem.GenerationException.class,
        () -> new OutputWriter(out, Hints.NEUTRAL.generator(), competing)
            .write(List.of(stack("app", "a")), Selection.ALL::owns));

    assertFalse(Files.exists(out.resolve(Manifest.FILE_NAME)), "nothing was changed");
  }

  @Test
  void aReadOnlyTreeThatIsUpToDateNeedsNoLockFile() throws IOException {
    write(stack("app", "a"));
    Files.delete(out.resolve(OutputLock.FILE_NAME));
    assumeTrue(Files.getFileStore(out).supportsFileAttributeView("posix"), "Skipped: no POSIX permissions here");
    Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeTrue(!Files.isWritable(out), "Skipped: this user (root?) may write to read-only directories");

      SyncResult result = write(stack("app", "a"));

      assertEquals(1, result.count(Kind.UNCHANGED), "nothing to write, so nothing to lock");
      assertFalse(Files.exists(out.resolve(OutputLock.FILE_NAME)));
      assertThrows(io.github.spaceliftoidc.core.problem.GenerationException.class, () -> write(stack("app", "b")),
          "a change fails at its first write");
    } finally {
      Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void manifestEntriesThatNameTheWritersOwnFilesAreDropped() throws IOException {
    write(stack("app", "a"));
    Path manifest = out.resolve(Manifest.FILE_NAME);
    Files.writeString(manifest, Files.readString(manifest) + "stack:app .spacelift-oidc.manifest\n"
        + "stack:app .spacelift-oidc.lock\nstack:app ./stacks/app/../../x\n");

    SyncResult result = write(stack("app", "a"));

    assertEquals(List.of("stacks/app/spacelift-oidc-provider.tf UNCHANGED"),
        result.changes().stream().map(change -> change.path() + " " + change.kind()).toList(),
        "the manifest's own entry is not a file to delete");
    assertTrue(result.manifestChanged(), "the odd entries are dropped");
    assertTrue(Files.exists(manifest));
    assertEquals(List.of("stacks/app/spacelift-oidc-provider.tf"),
        List.copyOf(new OutputWriter(out).readManifest().entries().keySet()));
  }

  private static boolean mkfifo(Path path) throws InterruptedException {
    try {
      return new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** The real operations, for a test to override one. */
  private static class ForwardingFiles implements FileOperations {
    @Override
    public void writeTemporary(Path temporary, byte[] content) throws IOException {
      REAL.writeTemporary(temporary, content);
    }

    @Override
    public void move(Path temporary, Path target) throws IOException {
      REAL.move(temporary, target);
    }

    @Override
    public void delete(Path path) throws IOException {
      REAL.delete(path);
    }

    @Override
    public boolean createDirectory(Path directory) throws IOException {
      return REAL.createDirectory(directory);
    }

    @Override
    public boolean deleteEmptyDirectory(Path directory) throws IOException {
      return REAL.deleteEmptyDirectory(directory);
    }

    @Override
    public void writeJournal(OutputLock lock, String text) throws IOException {
      REAL.writeJournal(lock, text);
    }

    @Override
    public void appendJournal(OutputLock lock, String text) throws IOException {
      REAL.appendJournal(lock, text);
    }
  }
}
