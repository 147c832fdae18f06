package io.github.spaceliftoidc.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.explain.Explainer;
import io.github.spaceliftoidc.core.write.FileChange;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The starter that {@code spacelift-oidc:init} writes: only where no file exists, and valid input as it is. */
class StarterTest {

  @Test
  void writesTheCommentedStarterWhereNoFileExists(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("infra/spacelift-oidc.yaml");

    assertTrue(Starter.writeIfAbsent(file), "it reports that it wrote");

    assertArrayEquals(ProjectPaths.filteredStarter().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file),
        "the file is the bundled starter, byte for byte, its schema URL filled in by the build");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("# yaml-language-server: $schema="), "editors find the schema");
    assertTrue(text.lines().filter(line -> line.strip().startsWith("#")).count() >= 10, "it explains itself");
  }

  @Test
  void neverOverwritesAnExistingFileNorTouchesItsModificationTime(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("spacelift-oidc.yaml");
    Files.writeString(file, "# mine\nspacelift: {hostname: my.app.spacelift.io}\n", StandardCharsets.UTF_8);
    FileTime backdated = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(file, backdated);

    assertFalse(Starter.writeIfAbsent(file), "it reports that it left the file");

    assertEquals("# mine\nspacelift: {hostname: my.app.spacelift.io}\n", Files.readString(file));
    assertEquals(backdated, Files.getLastModifiedTime(file));
  }

  @Test
  void neverOverwritesAnEmptyFileEither(@TempDir Path directory) throws IOException {
    Path file = Files.createFile(directory.resolve("spacelift-oidc.yaml"));

    assertFalse(Starter.writeIfAbsent(file));

    assertEquals(0, Files.size(file));
  }

  @Test
  void theStarterIsValidInputThatGeneratesAndExplains(@TempDir Path directory) {
    Path file = directory.resolve("spacelift-oidc.yaml");
    Starter.writeIfAbsent(file);
    GenerationRequest request = GenerationRequest.of(file);

    GenerationResult generated = new SpaceliftOidc().generate(request);

    assertEquals(List.of("iam/production/spacelift-oidc-iam.tf", "stacks/infra/spacelift-oidc-provider.tf"),
        generated.changes().stream().map(FileChange::path).sorted().toList());
    assertEquals(2, generated.written());
    assertTrue(new SpaceliftOidc().check(request).isUpToDateOnDisk(), "check agrees right after generate");
    assertTrue(generated.warnings().isEmpty(), "the starter shows the practice the warnings ask for: "
        + generated.warnings());
    List<String> report = Explainer.report(new SpaceliftOidc().load(request).plan());
    assertTrue(report.contains("    - stack `infra` in space `production`: TRACKED runs, write only"), report::toString);
    assertTrue(report.contains("    - stack `infra` in space `production`: PROPOSED runs, read only"), report::toString);
  }

  @Test
  void theStarterPlansWithAReadOnlyRoleAndNoPullRequestGetsTheRoleThatApplies(@TempDir Path directory) {
    Path file = directory.resolve("spacelift-oidc.yaml");
    Starter.writeIfAbsent(file);
    var plan = new SpaceliftOidc().load(GenerationRequest.of(file)).plan();
    var stack = plan.stacks().get(0);
    var apply = plan.accounts().get(0).roles().stream().filter(r -> r.name().equals(stack.role())).findFirst()
        .orElseThrow();

    assertEquals("spacelift-infra-plan", stack.planRole().name());
    assertTrue(plan.terraform().phaseAware(), "the starter's version tells the phases apart");
    for (String scope : List.of("read", "write")) {
      assertTrue(!apply.trustPolicy().allows("space:production-01HND497T9JKR76MR3KA2CDJHP:stack:infra:run_type:PROPOSED"
          + ":scope:" + scope, "demo.app.spacelift.io"));
    }
  }
}
