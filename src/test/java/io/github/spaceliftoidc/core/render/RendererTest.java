package io.github.spaceliftoidc.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.write.GeneratedFile;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rendering is deterministic and yields canonical files, whatever order hash-based collections happen to have. */
class RendererTest {

  private static final GenerationRequest ORGANISATION = GenerationRequest.of(
      ProjectPaths.testResources().resolve("golden/organisation/spacelift-oidc.yaml"));

  private static List<GeneratedFile> renderFreshly() {
    // A new load builds new model objects, so identity-hashed maps in the planner iterate in another order.
    SpaceliftOidc core = new SpaceliftOidc();
    return core.render(ORGANISATION, core.load(ORGANISATION));
  }

  @Test
  void twoIndependentRendersAreIdentical() {
    List<GeneratedFile> first = renderFreshly();
    for (int i = 0; i < 3; i++) {
      assertEquals(first, renderFreshly());
    }
  }

  @Test
  void oneRendererRendersTheSamePlanTheSameWayTwice() {
    GenerationPlan plan = new SpaceliftOidc().load(ORGANISATION).plan();
    Renderer renderer = new Renderer(null);
    assertEquals(renderer.render(plan, Selection.ALL), renderer.render(plan, Selection.ALL));
  }

  @Test
  void everyFileIsCanonical() {
    List<GeneratedFile> files = renderFreshly();
    assertEquals(6, files.size(), files.stream().map(GeneratedFile::path).toList()::toString);
    for (GeneratedFile file : files) {
      String content = file.content();
      assertTrue(content.startsWith(GeneratedFile.HEADER + "\n"), file.path());
      assertTrue(content.endsWith("\n") && !content.endsWith("\n\n"), file.path());
      assertFalse(content.contains("\r"), file.path());
      assertFalse(content.contains("\t"), file.path());
      assertEquals(content, HclFormatter.format(content), "formatting again changes nothing: " + file.path());
      assertFalse(content.lines().anyMatch(line -> !line.equals(line.stripTrailing())), file.path());
    }
  }

  @Test
  void filesComeInPlanOrderWithTheirOwners() {
    List<GeneratedFile> files = renderFreshly();
    assertEquals(List.of(
        "iam/production/spacelift-oidc-iam.tf",
        "iam/stage/spacelift-oidc-iam.tf",
        "stacks/network-prod/spacelift-oidc-provider.tf",
        "stacks/network-dr/spacelift-oidc-provider.tf",
        "stacks/app/spacelift-oidc-provider.tf",
        "stacks/app-staging/spacelift-oidc-provider.tf"), files.stream().map(GeneratedFile::path).toList());
    assertEquals(List.of("account:production", "account:staging", "stack:network-prod", "stack:network-dr",
        "stack:app", "stack:app-staging"), files.stream().map(GeneratedFile::owner).toList());
  }

  @Test
  void aSelectionRendersOnlyItsFiles() {
    GenerationPlan plan = new SpaceliftOidc().load(ORGANISATION).plan();
    List<GeneratedFile> files = new Renderer(null).render(plan, new Selection(Set.of("app"), Set.of("staging")));
    assertEquals(List.of("iam/stage/spacelift-oidc-iam.tf", "stacks/app/spacelift-oidc-provider.tf"),
        files.stream().map(GeneratedFile::path).toList());
  }
}
