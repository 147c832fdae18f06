package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.render.Renderer;
import io.github.spaceliftoidc.core.write.Manifest;
import io.github.spaceliftoidc.core.write.OutputWriter;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stack and module ids are what Spacelift issues (slugs: lower-case letters, digits, '-' and '_'; module ids
 * {@code terraform-<provider>-<name>} whose name may hold '_'), and directories are what the file system and the
 * writer accept.
 */
class CallerIdsAndDirectoriesTest {

  @ParameterizedTest
  @ValueSource(strings = {"infra", "network-prod", "1st-stack", "spacelift_stacks_272054111736",
      "terraform-aws-my_vpc", "terraform-default-github-module-x"})
  void idsThatSpaceliftIssuesAreAccepted(String id) {
    assertEquals(Optional.empty(), Rules.callerId(id, "stack"));
    assertEquals(Optional.empty(), Rules.callerId(id, "module"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/../../b", "x/y", "x\\y", "Infra", "-x", "_x", "a.b", "a b", "x`y", "[x](y)", "<img>",
      "infra:prod", "infra|prod", "infra*", "vpc?", ""})
  void anythingElseIsRefused(String id) {
    assertTrue(Rules.callerId(id, "stack").isPresent(), id);
  }

  @Test
  void theGeneratedFileNamesAreTheRenderersAndTheWritersOwnFilesTheWriters() {
    assertEquals(Set.of(Renderer.ACCOUNT_FILE, Renderer.STACK_FILE, Renderer.HOOK_FILE),
        Directories.GENERATED_FILE_NAMES, "no directory may be named like a generated file");
    assertEquals(Set.of(Manifest.FILE_NAME, OutputWriter.LOCK_FILE), Directories.WRITER_FILE_NAMES);
  }

  @ParameterizedTest
  @ValueSource(strings = {".spacelift-oidc.manifest", ".spacelift-oidc.lock/x", "stacks/spacelift-oidc-provider.tf",
      "iam/prod/spacelift-oidc-iam.tf/deeper", "x/spacelift-oidc-before-init.sh"})
  void aDirectoryThatWouldClashWithTheWritersOrAGeneratedFileIsRefused(String directory) {
    assertTrue(Rules.directory(directory).isPresent(), directory);
  }

  @Test
  void theLimitsAreThoseOfTheFileSystem() {
    assertEquals(Optional.empty(), Rules.directory("stacks/" + "a".repeat(255)));
    assertTrue(Rules.directory("stacks/" + "a".repeat(256)).isPresent());
    assertTrue(Rules.directory("stacks/" + "\u00e9".repeat(128)).isPresent(), "bytes, not characters: 256 bytes");
    assertEquals(Optional.empty(), Rules.directory("x/.spacelift-oidc.manifest"), "only at the top");
    assertTrue(Rules.directory(("a".repeat(200) + "/").repeat(16)).isPresent(), "over 3,000 bytes in all");
  }
}
