package io.github.spaceliftoidc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compares a generated tree with a committed one, file by file and byte by byte. With {@code -Dgolden.update=true}
 * it rewrites the committed tree instead, for reviewing the change in git.
 */
public final class GoldenFiles {

  private GoldenFiles() {}

  /** Every regular file below {@code root} (skipping Terraform's own state), by relative path. */
  public static Map<String, String> read(Path root) {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        if (!relative.contains(".terraform/") && !relative.endsWith(".terraform.lock.hcl")
            && !relative.equals(DirectorySnapshot.LOCK_FILE)) {
          files.put(relative, Files.readString(file, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Asserts that {@code actual} holds exactly the files of {@code expected}, or rewrites {@code expected}. */
  public static void assertSameTree(Path expected, Path actual) {
    Map<String, String> actualFiles = read(actual);
    if (ProjectPaths.updateGoldenFiles()) {
      rewrite(expected, actualFiles);
      return;
    }
    Map<String, String> expectedFiles = read(expected);
    assertEquals(expectedFiles.keySet(), actualFiles.keySet(),
        "generated file set differs from " + expected + " (run with -Dgolden.update=true to accept)");
    for (Map.Entry<String, String> file : expectedFiles.entrySet()) {
      assertEquals(file.getValue(), actualFiles.get(file.getKey()),
          file.getKey() + " differs from the golden copy in " + expected
              + " (run with -Dgolden.update=true to accept)");
    }
  }

  private static void rewrite(Path expected, Map<String, String> files) {
    try {
      if (Files.exists(expected)) {
        try (Stream<Path> walk = Files.walk(expected)) {
          for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path target = expected.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
