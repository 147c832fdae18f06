package io.github.spaceliftoidc.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's own files are, for tests that read or (in update mode) rewrite them. */
public final class ProjectPaths {

  private ProjectPaths() {}

  /** The project root: set by Surefire, or found from the working directory. */
  public static Path root() {
    String property = System.getProperty("spacelift-oidc.projectRoot");
    Path root = property != null ? Path.of(property) : Path.of("").toAbsolutePath();
    if (!Files.exists(root.resolve("pom.xml"))) {
      throw new IllegalStateException("Cannot find the project root from " + root);
    }
    return root;
  }

  public static Path testResources() {
    return root().resolve("src/test/resources");
  }

  /** Whether golden files should be rewritten from the current output ({@code -Dgolden.update=true}). */
  public static boolean updateGoldenFiles() {
    return Boolean.getBoolean("golden.update");
  }
}
