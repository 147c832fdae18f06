package io.github.spaceliftoidc.core.problem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a path that is not a regular file is, in the words of a message: "a directory", "a FIFO (named pipe)", "a
 * character device", ... The plugin reads and writes regular files only; naming the kind tells the user why a path
 * is refused, and refusing it before opening it means that a FIFO is never waited on and a device never read.
 */
public final class FileKinds {

  private static final int S_IFMT = 0170000;
  private static final int S_IFIFO = 0010000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFSOCK = 0140000;

  private FileKinds() {}

  /**
   * The kind of the file at {@code path} with these attributes, read with or without following links as
   * {@code options} say.
   */
  public static String describe(Path path, BasicFileAttributes attributes, LinkOption... options) {
    if (attributes.isDirectory()) {
      return "a directory";
    }
    if (attributes.isSymbolicLink()) {
      return "a symbolic link";
    }
    if (attributes.isRegularFile()) {
      return "a regular file";
    }
    try {
      // The "unix" view is the JDK's on Linux and macOS; elsewhere the kind stays "special".
      int mode = (Integer) Files.getAttribute(path, "unix:mode", options) & S_IFMT;
      return switch (mode) {
        case S_IFIFO -> "a FIFO (named pipe)";
        case S_IFCHR -> "a character device";
        case S_IFBLK -> "a block device";
        case S_IFSOCK -> "a socket";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
      return "a special file";
    }
  }
}
