package io.github.spaceliftoidc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/**
 * In an IDE (m2e), {@code generate} tells the workspace about every file it wrote or deleted, through the
 * BuildContext, so that the IDE shows the new state without a manual refresh; unchanged files are not mentioned.
 */
@MojoTest
class GenerateMojoBuildContextTest {

  private static final String POM = "classpath:/unit/incremental/pom.xml";

  private final Path root = ProjectPaths.root().resolve("target/harness/incremental");
  private final Path project = root.resolve("project");

  /** A BuildContext that remembers what it was asked to refresh, as m2e's would act on it. */
  static final class RecordingBuildContext extends DefaultBuildContext {
    final List<File> refreshed = new ArrayList<>();

    @Override
    public void refresh(File file) {
      refreshed.add(file);
    }
  }

  @BeforeEach
  void copyTheOrganisationProject() throws IOException {
    if (Files.exists(root)) {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    Path golden = ProjectPaths.testResources().resolve("golden/organisation");
    Files.createDirectories(project.resolve("policies"));
    Files.copy(golden.resolve("spacelift-oidc.yaml"), project.resolve("spacelift-oidc.yaml"));
    Files.copy(golden.resolve("policies/state.json"), project.resolve("policies/state.json"));
  }

  private Set<String> refreshed(RecordingBuildContext context) {
    Set<String> paths = new TreeSet<>();
    context.refreshed.forEach(file -> paths.add(project.relativize(file.toPath()).toString().replace('\\', '/')));
    return paths;
  }

  @Test
  @InjectMojo(goal = "generate", pom = POM)
  void writtenAndDeletedFilesAreRefreshedAndUnchangedOnesAreNot(GenerateMojo mojo) throws Exception {
    RecordingBuildContext first = new RecordingBuildContext();
    mojo.buildContext = first;
    mojo.execute();
    assertEquals(Set.of(".spacelift-oidc.manifest", "iam/production/spacelift-oidc-iam.tf",
        "iam/stage/spacelift-oidc-iam.tf", "stacks/app-staging/spacelift-oidc-provider.tf",
        "stacks/app/spacelift-oidc-provider.tf", "stacks/network-dr/spacelift-oidc-provider.tf",
        "stacks/network-prod/spacelift-oidc-provider.tf"), refreshed(first));

    // The stack network-dr leaves the YAML: its file goes, and so does its emptied directory.
    Path yaml = project.resolve("spacelift-oidc.yaml");
    String text = Files.readString(yaml, StandardCharsets.UTF_8);
    int from = text.indexOf("  - id: network-dr\n");
    int to = text.indexOf("  - id: app\n");
    Files.writeString(yaml, text.substring(0, from) + text.substring(to), StandardCharsets.UTF_8);
    RecordingBuildContext second = new RecordingBuildContext();
    mojo.buildContext = second;
    mojo.execute();

    assertFalse(Files.exists(project.resolve("stacks/network-dr")));
    assertEquals(Set.of(".spacelift-oidc.manifest", "iam/production/spacelift-oidc-iam.tf", "stacks"),
        refreshed(second), "the IAM module changed, the manifest changed, and below stacks/ a directory went away");

    RecordingBuildContext third = new RecordingBuildContext();
    mojo.buildContext = third;
    mojo.execute();
    assertEquals(Set.of(), refreshed(third), "an up-to-date run refreshes nothing");
  }
}
