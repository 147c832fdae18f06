package io.github.spaceliftoidc.core.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The file operations a {@link Transaction} consists of; tests replace them to fail at a chosen step. */
interface FileOperations {

  /** Writes {@code content} to a new temporary file in {@code target}'s directory and returns it. */
  Path writeTemporary(Path target, byte[] content) throws IOException;

  /** Replaces {@code target} with {@code temporary}, atomically where the file system can. */
  void move(Path temporary, Path target) throws IOException;

  void delete(Path path) throws IOException;

  /** The real file system, written to as {@link AtomicFiles} does. */
  FileOperations REAL = new FileOperations() {
    @Override
    public Path writeTemporary(Path target, byte[] content) throws IOException {
      return AtomicFiles.writeTemporary(target, content);
    }

    @Override
    public void move(Path temporary, Path target) throws IOException {
      AtomicFiles.move(temporary, target);
    }

    @Override
    public void delete(Path path) throws IOException {
      Files.deleteIfExists(path);
    }
  };
}
