package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.trust.StringLike;
import io.github.spaceliftoidc.core.trust.TrustPolicy;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spacelift's "Example: Dual-format AWS trust policy" (subject-template page), written as the golden case
 * {@code dual-format-migration}: the old format for the production space only, the new format for production's
 * subtree. With the project's {@link StringLike} matcher, the generated policy admits exactly the subjects that
 * Spacelift's two patterns admit, and so no old-format subject of a child space; without the per-rule templates the
 * same rules would let those in.
 */
class DualFormatMigrationTest {

  /** The two patterns of Spacelift's example, verbatim. */
  private static final List<String> SPACELIFTS_PATTERNS = List.of("space:production:*", "*:space_path:/root/production/*");
  private static final String HOST = "demo.app.spacelift.io";
  private static final String OLD = "space:%s:%s:%s:run_type:%s:scope:%s";
  private static final String NEW = "space:%s:space_path:%s:%s:%s:run_type:%s:scope:%s";

  /** A space as tokens name it: its id and its path. */
  record Space(String id, String path, boolean child) {}

  private static final List<Space> SPACES = List.of(
      new Space("production", "/root/production", false),
      new Space("us-east-1", "/root/production/us-east-1", true),
      new Space("eu-west-1-01HND4C2D3E4F5G6H7J8K9MNPQ", "/root/production/eu-west-1", true), // created later
      new Space("batch-01HND4D3E4F5G6H7J8K9MNPQRS", "/root/production/us-east-1/batch", true), // a grandchild
      new Space("production-archive-01HND4A0B2C3D4E5F6G7H8J9KM", "/root/production-archive", false), // a sibling
      new Space("production-01HND497T9JKR76MR3KA2CDJHP", "/root/staging/production", false),
      new Space("root", "/root", false));

  private static String yaml() throws IOException {
    return Files.readString(ProjectPaths.testResources().resolve("golden/dual-format-migration/spacelift-oidc.yaml"),
        StandardCharsets.UTF_8);
  }

  private static TrustPolicy policy(String yaml) {
    return Plans.role(Plans.plan(yaml), "production", "spacelift-production").trustPolicy();
  }

  private static List<String> subjects(String format, Space space) {
    List<String> subjects = new ArrayList<>();
    for (String type : List.of("stack", "module")) {
      for (String id : List.of("infra", "production", "us-east-1")) {
        for (String runType : List.of("PROPOSED", "TRACKED", "TASK", "TESTING", "DESTROY")) {
          for (String scope : List.of("read", "write")) {
            subjects.add(format.equals(OLD) ? OLD.formatted(space.id(), type, id, runType, scope)
                : NEW.formatted(space.id(), space.path(), type, id, runType, scope));
          }
        }
      }
    }
    return subjects;
  }

  private static boolean spaceliftAdmits(String subject) {
    return SPACELIFTS_PATTERNS.stream().anyMatch(pattern -> StringLike.matches(pattern, subject));
  }

  @Test
  void noOldFormatSubjectOfAChildSpaceIsAdmitted() throws IOException {
    TrustPolicy policy = policy(yaml());
    int children = 0;
    for (Space space : SPACES.stream().filter(Space::child).toList()) {
      for (String subject : subjects(OLD, space)) {
        assertFalse(policy.allows(subject, HOST), subject + " is an old-format subject of a child space, but "
            + policy.subjects() + " admits it");
        assertFalse(spaceliftAdmits(subject), subject);
        children++;
      }
    }
    assertTrue(children >= 3 * 60, "every child space probed: " + children);
  }

  @Test
  void thePolicyAdmitsExactlyWhatSpaceliftsExampleAdmits() throws IOException {
    TrustPolicy policy = policy(yaml());
    int admitted = 0;
    for (String format : List.of(OLD, NEW)) {
      for (Space space : SPACES) {
        for (String subject : subjects(format, space)) {
          boolean expected = spaceliftAdmits(subject);
          assertEquals(expected, policy.allows(subject, HOST), () -> subject + (expected ? " is admitted by "
              : " is refused by ") + SPACELIFTS_PATTERNS + " but not by " + policy.subjects());
          admitted += expected ? 1 : 0;
        }
      }
    }
    // Production in both formats and the three child spaces in the new one, 60 subjects each.
    assertEquals(5 * 60, admitted);
  }

  @Test
  void theSiblingThatSharesThePathPrefixIsRefusedInBothFormats() throws IOException {
    TrustPolicy policy = policy(yaml());
    Space archive = SPACES.get(4);
    for (String format : List.of(OLD, NEW)) {
      subjects(format, archive).forEach(subject -> assertFalse(policy.allows(subject, HOST), subject));
    }
  }

  @Test
  void withoutThePerRuleTemplatesTheOldFormatWouldReachTheChildSpaces() throws IOException {
    String everyFormat = yaml().lines().filter(line -> !line.strip().startsWith("subjectTemplate: \""))
        .reduce("", (a, b) -> a + b + "\n");
    TrustPolicy widened = policy(everyFormat);

    String child = OLD.formatted("us-east-1", "stack", "infra", "TRACKED", "write");
    assertTrue(widened.allows(child, HOST), "the subtree rule then renders the declared child in the old format too: "
        + widened.subjects());
    assertFalse(policy(yaml()).allows(child, HOST));
  }
}
