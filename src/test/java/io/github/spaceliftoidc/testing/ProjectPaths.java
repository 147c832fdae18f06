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

  /** The project's version, as Surefire passes it. */
  public static String projectVersion() {
    String version = System.getProperty("spacelift-oidc.projectVersion");
    if (version == null) {
      throw new IllegalStateException("Run the tests with Maven: spacelift-oidc.projectVersion is not set");
    }
    return version;
  }

  /**
   * The URL of the JSON Schema of this version, as the build filters it into the starter: a release's tag, or for a
   * SNAPSHOT, which has no tag, the main branch.
   */
  public static String schemaUrl() {
    String version = projectVersion();
    String ref = version.endsWith("-SNAPSHOT") ? "main" : "v" + version;
    return "https://raw.githubusercontent.com/spaceliftoidc/spacelift-oidc-maven-plugin/" + ref
        + "/spacelift-oidc.schema.json";
  }

  /** The starter as the jar carries it: the source with the schema URL filled in. */
  public static String filteredStarter() throws java.io.IOException {
    String source = Files.readString(root().resolve("src/main/resources/init/spacelift-oidc.yaml"),
        java.nio.charset.StandardCharsets.UTF_8);
    return source.replace("https://raw.githubusercontent.com/spaceliftoidc/spacelift-oidc-maven-plugin/${schemaRef}"
        + "/spacelift-oidc.schema.json", schemaUrl());
  }

  /** Whether golden files should be rewritten from the current output ({@code -Dgolden.update=true}). */
  public static boolean updateGoldenFiles() {
    return Boolean.getBoolean("golden.update");
  }
}
