package io.github.spaceliftoidc.core.write;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Every file operation that a write consists of, from the journal to the last pruned directory. Tests replace them
 * to fail at a chosen step, or to stop dead there as a killed JVM would.
 */
interface FileOperations {

  /** Writes {@code content} to the new file {@code temporary} (see {@link AtomicFiles#write}). */
  void writeTemporary(Path temporary, byte[] content) throws IOException;

  /** Replaces {@code target} with {@code temporary}, atomically where the file system can. */
  void move(Path temporary, Path target) throws IOException;

  /** Deletes a file (never a directory); a file that is gone already is fine. */
  void delete(Path path) throws IOException;

  /**
   * Creates a directory; one that someone else created meanwhile is fine, as long as it is a directory.
   *
   * @return whether this call created it
   */
  boolean createDirectory(Path directory) throws IOException;

  /** Deletes an empty directory; returns false when it is not empty (then it stays). */
  boolean deleteEmptyDirectory(Path directory) throws IOException;

  /** Replaces the journal in the lock file ({@code ""} to empty it). */
  void writeJournal(OutputLock lock, String text) throws IOException;

  /** Adds lines to the journal. */
  void appendJournal(OutputLock lock, String text) throws IOException;

  /** The real file system. */
  FileOperations REAL = new FileOperations() {
    @Override
    public void writeTemporary(Path temporary, byte[] content) throws IOException {
      AtomicFiles.write(temporary, content);
    }

    @Override
    public void move(Path temporary, Path target) throws IOException {
      AtomicFiles.move(temporary, target);
    }

    @Override
    public void delete(Path path) throws IOException {
      Files.deleteIfExists(path);
    }

    @Override
    public boolean createDirectory(Path directory) throws IOException {
      try {
        Files.createDirectory(directory);
        return true;
      } catch (FileAlreadyExistsException e) {
        // Another process (or a parallel module) created it first: fine if it is a directory, not a link to one.
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
          throw e;
        }
        return false;
      }
    }

    @Override
    public boolean deleteEmptyDirectory(Path directory) throws IOException {
      try {
        Files.deleteIfExists(directory);
        return true;
      } catch (DirectoryNotEmptyException e) {
        return false;
      }
    }

    @Override
    public void writeJournal(OutputLock lock, String text) throws IOException {
      lock.writeJournal(text);
    }

    @Override
    public void appendJournal(OutputLock lock, String text) throws IOException {
      lock.appendJournal(text);
    }
  };
}
