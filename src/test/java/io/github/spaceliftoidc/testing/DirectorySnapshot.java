package io.github.spaceliftoidc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything below a directory that a run could change: every file and directory (hidden ones included, so that a
 * left-over temporary file shows), each file's content digest, size and modification time, and each link's target
 * (never followed). Two snapshots are equal only when nothing was created, deleted, rewritten or touched; the
 * writer's lock file counts by its size only, since every run that writes rewrites it.
 */
public record DirectorySnapshot(Path root, Map<String, String> entries) {

  /** The writer's lock file, which holds the journal of a run (empty once the run is done). */
  public static final String LOCK_FILE = ".spacelift-oidc.lock";

  /** Takes a snapshot of {@code root}, which must exist. */
  public static DirectorySnapshot of(Path root) {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.filter(p -> !p.equals(root)).toList()) {
        String relative = root.relativize(path).toString().replace('\\', '/');
        BasicFileAttributes attributes =
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
          entries.put(relative, "symbolic link to " + Files.readSymbolicLink(path));
        } else if (relative.equals(LOCK_FILE)) {
          // Every run that writes rewrites it; what counts is that it is empty again (no journal left).
          entries.put(relative, "lock file of " + attributes.size() + " bytes");
        } else {
          entries.put(relative, attributes.isDirectory() ? "directory"
              : attributes.isRegularFile() ? "file " + attributes.size() + " bytes, modified "
                  + attributes.lastModifiedTime().toMillis() + ", sha256 " + sha256(Files.readAllBytes(path))
              : "special file");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DirectorySnapshot(root, entries);
  }

  /** Asserts that the directory is exactly as this snapshot saw it. */
  public void assertUnchanged(String why) {
    DirectorySnapshot now = of(root);
    assertEquals(describe(), now.describe(), why);
  }

  /**
   * Asserts that the directory holds the same files and directories with the same bytes, allowing modification
   * times to differ (a file that was changed and put back).
   */
  public void assertSameContent(String why) {
    DirectorySnapshot now = of(root);
    assertEquals(describe().replaceAll(", modified \\d+", ""), now.describe().replaceAll(", modified \\d+", ""),
        why);
  }

  /** The number of files (not directories) in the snapshot. */
  public long fileCount() {
    return entries.values().stream().filter(v -> v.startsWith("file")).count();
  }

  private String describe() {
    return entries.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining("\n"));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
