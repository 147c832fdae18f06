package io.github.spaceliftoidc.core.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way the plugin writes a file: new content goes to a temporary file next to the target, which then replaces
 * the target in one move, so that a reader (or a crash) sees the old content or the new, never half of it.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /** Replaces {@code target} (creating its directory if need be) with {@code content} in UTF-8. */
  public static void replace(Path target, String content) throws IOException {
    replace(target, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Replaces {@code target} (creating its directory if need be) with {@code content}. */
  public static void replace(Path target, byte[] content) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path temporary = writeTemporary(target, content);
    try {
      move(temporary, target);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Writes {@code content} to a new hidden file in {@code target}'s directory, named after the target, and returns
   * it. Nothing is left behind when the write fails.
   */
  static Path writeTemporary(Path target, byte[] content) throws IOException {
    Path temporary = target.resolveSibling("." + target.getFileName() + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    try {
      Files.write(temporary, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // the failure that matters is the write's
      }
      throw e;
    }
    return temporary;
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
