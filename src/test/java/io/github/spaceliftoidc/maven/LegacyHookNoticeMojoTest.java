package io.github.spaceliftoidc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.testing.GoldenFiles;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Below Terraform 1.6 the generate goal's log tells the user which before_init hook to add to which stacks. */
@MojoTest
class LegacyHookNoticeMojoTest {

  private final Path output = ProjectPaths.root().resolve("target/harness/legacy");

  @BeforeEach
  void cleanOutput() throws IOException {
    for (Path dir : new Path[] {output, ProjectPaths.root().resolve("target/harness/legacy-work")}) {
      if (Files.exists(dir)) {
        try (Stream<Path> walk = Files.walk(dir)) {
          for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
    }
  }

  @Test
  @InjectMojo(goal = "generate", pom = "classpath:/unit/legacy/pom.xml")
  void theLogSaysWhichHookCommandToAddToWhichStacks(GenerateMojo mojo) throws Exception {
    List<String> warnings = new ArrayList<>();
    mojo.setLog(new SystemStreamLog() {
      @Override
      public void warn(CharSequence content) {
        warnings.add(content.toString());
      }
    });

    mojo.execute();

    // The golden case's role also carries a write-capable policy that PROPOSED runs may use: that warning is tested
    // where it is made (WriteCapablePolicyWarningTest).
    assertEquals(List.of("Terraform 1.5.7 predates OIDC in the S3 backend (1.6.0): add the before_init hook"
        + " `. ./spacelift-oidc-before-init.sh` (stack settings, Hooks, Initialization: before) to these stacks in"
        + " Spacelift: infra, dns."), warnings.stream().filter(w -> w.contains("predates")).toList());
    GoldenFiles.assertSameTree(ProjectPaths.testResources().resolve("golden/legacy-terraform-1.5.7/expected"),
        output);
    assertTrue(Files.isRegularFile(output.resolve("stacks/dns/spacelift-oidc-before-init.sh")),
        "the stack without a backend gets the script too");
  }
}
