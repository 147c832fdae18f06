package io.github.spaceliftoidc.core.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Replacing a file so that a reader (or a crash) sees the old content or the new, never half of it. */
public final class AtomicFiles {

  private AtomicFiles() {}

  /** Writes {@code content} to a temporary file next to {@code target}, then moves it over {@code target}. */
  public static void replace(Path target, String content) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      move(temporary, target);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** An atomic move where the file system offers one (it does for a move within one directory on Linux and NTFS). */
  static void move(Path temporary, Path target) throws IOException {
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
