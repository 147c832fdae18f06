package io.github.spaceliftoidc.core.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The one way the plugin writes a file: new content goes to a temporary file next to the target, which then replaces
 * the target in one move, so that a reader (or a crash) sees the old content or the new, never half of it. Temporary
 * files have one recognisable name, {@code .<target>.<16 hex digits>.spacelift-oidc.tmp}, so that what a killed run
 * leaves can be told from anything else.
 */
public final class AtomicFiles {

  /** What every temporary file's name ends with. */
  public static final String TEMPORARY_SUFFIX = ".spacelift-oidc.tmp";

  private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.[0-9a-f]{16}" + Pattern.quote(TEMPORARY_SUFFIX));

  private AtomicFiles() {}

  /** Replaces {@code target} (creating its directory if need be) with {@code content} in UTF-8. */
  public static void replace(Path target, String content) throws IOException {
    replace(target, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Replaces {@code target} (creating its directory if need be) with {@code content}. */
  public static void replace(Path target, byte[] content) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path temporary = temporaryFor(target);
    try {
      write(temporary, content);
      move(temporary, target);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** A fresh name for a temporary file next to {@code target}; nothing is created. */
  static Path temporaryFor(Path target) {
    return target.resolveSibling("." + target.getFileName() + "."
        + String.format("%016x", ThreadLocalRandom.current().nextLong()) + TEMPORARY_SUFFIX);
  }

  /** Whether a file name is one that {@link #temporaryFor} gives. */
  static boolean isTemporary(String fileName) {
    return TEMPORARY.matcher(fileName).matches();
  }

  /**
   * Writes {@code content} to the new file {@code temporary}, which must not exist (not even as a link: nothing is
   * ever written through one). Nothing is left behind when the write fails.
   */
  static void write(Path temporary, byte[] content) throws IOException {
    try {
      Files.write(temporary, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      try {
        if (!(e instanceof java.nio.file.FileAlreadyExistsException)) {
          Files.deleteIfExists(temporary);
        }
      } catch (IOException ignored) {
        // the failure that matters is the write's
      }
      throw e;
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
