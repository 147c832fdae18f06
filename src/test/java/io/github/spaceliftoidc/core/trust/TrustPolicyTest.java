package io.github.spaceliftoidc.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.render.Hcl;
import io.github.spaceliftoidc.testing.ConsoleStrings;
import io.github.spaceliftoidc.testing.TerraformCli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust policy: its minimal subject list, its exact JSON, its size and the audience it always pins. */
class TrustPolicyTest {

  private static final String HOST = "acme.app.spacelift.io";
  private static final String PROVIDER = "arn:aws:iam::123456789012:oidc-provider/acme.app.spacelift.io";
  private static final String INFRA = "space:production-01HND497T9JKR76MR3KA2CDJHP:stack:infra:run_type:";

  private static TrustPolicy policy(List<String> audiences, List<String> subjects) {
    return new TrustPolicy(PROVIDER, HOST, List.of(TrustPolicy.ASSUME_ACTION), audiences, subjects);
  }

  @Test
  void minimalPatternsSortsAndRemovesDuplicates() {
    assertEquals(List.of(INFRA + "PROPOSED:scope:read", INFRA + "TRACKED:scope:write"),
        TrustPolicy.minimalPatterns(List.of(INFRA + "TRACKED:scope:write", INFRA + "PROPOSED:scope:read",
            INFRA + "TRACKED:scope:write")));
  }

  @Test
  void minimalPatternsDropsPatternsThatAnotherCovers() {
    assertEquals(List.of(INFRA + "*"),
        TrustPolicy.minimalPatterns(List.of(INFRA + "TRACKED:scope:write", INFRA + "*", INFRA + "PROPOSED:scope:*")));
    assertEquals(List.of("space:*:stack:infra:*"),
        TrustPolicy.minimalPatterns(List.of("space:*:stack:infra:*", INFRA + "TRACKED:scope:*")));
  }

  @Test
  void minimalPatternsKeepsPatternsThatOnlyOverlap() {
    List<String> overlapping = List.of("space:root:stack:*:run_type:TRACKED:scope:*",
        "space:root:stack:admin:run_type:*:scope:read");
    assertEquals(overlapping, TrustPolicy.minimalPatterns(overlapping));
  }

  @Test
  void minimalPatternsKeepsOneOfTwoPatternsThatCoverEachOther() {
    assertEquals(List.of("a*"), TrustPolicy.minimalPatterns(List.of("a**", "a*")));
    assertEquals(List.of("*"), TrustPolicy.minimalPatterns(List.of("**", "*", "a", "***")));
  }

  /**
   * For random pattern sets, the minimal list is sorted, drawn from the input, drops only what a kept pattern covers,
   * and matches exactly the same strings (all strings of up to 5 letters over an alphabet with an unnamed letter).
   */
  @Test
  void minimalPatternsNeverChangesWhatThePolicyMatches() {
    List<String> strings = StringLikeTest.allStrings("abc", 5);
    Random random = new Random(3);
    for (int i = 0; i < 1_000; i++) {
      List<String> patterns = new ArrayList<>();
      int count = 1 + random.nextInt(6);
      for (int j = 0; j < count; j++) {
        patterns.add(randomPattern(random));
      }
      List<String> minimal = TrustPolicy.minimalPatterns(patterns);
      assertEquals(minimal.stream().sorted().distinct().toList(), minimal, "sorted and distinct: " + patterns);
      assertTrue(patterns.containsAll(minimal), "only input patterns: " + patterns + " -> " + minimal);
      for (String dropped : patterns) {
        assertTrue(minimal.contains(dropped) || minimal.stream().anyMatch(kept -> StringLike.covers(kept, dropped)),
            () -> "'" + dropped + "' was dropped although no kept pattern covers it: " + patterns + " -> " + minimal);
      }
      for (String s : strings) {
        boolean before = patterns.stream().anyMatch(p -> StringLike.matches(p, s));
        boolean after = minimal.stream().anyMatch(p -> StringLike.matches(p, s));
        assertEquals(before, after, () -> "'" + s + "' changed from " + patterns + " to " + minimal);
      }
    }
  }

  private static String randomPattern(Random random) {
    StringBuilder out = new StringBuilder();
    int length = random.nextInt(5);
    for (int i = 0; i < length; i++) {
      out.append("ab*?".charAt(random.nextInt(4)));
    }
    return out.toString();
  }

  @Test
  void jsonIsWhatJsonencodeWrites() {
    TrustPolicy policy = new TrustPolicy(PROVIDER, HOST,
        List.of(TrustPolicy.ASSUME_ACTION, TrustPolicy.TAG_SESSION_ACTION), List.of(HOST, "other"),
        List.of(INFRA + "*", "space:root:stack:admin:run_type:TASK:scope:read"));
    assertEquals("{\"Statement\":[{\"Action\":[\"sts:AssumeRoleWithWebIdentity\",\"sts:TagSession\"],"
        + "\"Condition\":{\"StringEquals\":{\"acme.app.spacelift.io:aud\":[\"acme.app.spacelift.io\",\"other\"]},"
        + "\"StringLike\":{\"acme.app.spacelift.io:sub\":[\"" + INFRA + "*\","
        + "\"space:root:stack:admin:run_type:TASK:scope:read\"]}},\"Effect\":\"Allow\","
        + "\"Principal\":{\"Federated\":\"arn:aws:iam::123456789012:oidc-provider/acme.app.spacelift.io\"}}],"
        + "\"Version\":\"2012-10-17\"}", policy.json());
  }

  @Test
  void jsonEscapesLikeGo() {
    TrustPolicy policy = policy(List.of("a<b>&c"), List.of("q\"uote\\back\u2028line\u2029\u0001é"));
    assertTrue(policy.json().contains("[\"a\\u003cb\\u003e\\u0026c\"]"), policy.json());
    assertTrue(policy.json().contains("[\"q\\\"uote\\\\back\\u2028line\\u2029\\u0001é\"]"), policy.json());
  }

  /** The JSON must equal what Terraform's own jsonencode makes of the policy as the template writes it. */
  @Test
  void jsonEqualsTheRealJsonencodeOfTheSamePolicy(@TempDir Path directory) throws IOException {
    TerraformCli terraform = TerraformCli.require();
    List<String> subjects = List.of(INFRA + "*", "space:root:stack:a<b>&c:run_type:*:scope:*",
        "space:x:stack:${not}:%{an}:\"interpolation\":\\:é");
    TrustPolicy policy = new TrustPolicy(PROVIDER, HOST,
        List.of(TrustPolicy.ASSUME_ACTION, TrustPolicy.TAG_SESSION_ACTION), List.of(HOST, "sts.amazonaws.com"),
        subjects);
    String expression = "jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\","
        + " Principal = { Federated = " + Hcl.quote(PROVIDER) + " }, Action = " + list(policy.actions())
        + ", Condition = { StringEquals = { " + Hcl.quote(policy.audienceKey()) + " = " + list(policy.audiences())
        + " }, StringLike = { " + Hcl.quote(policy.subjectKey()) + " = " + list(policy.subjects()) + " } } }] })";
    TerraformCli.Result result = terraform.console(directory, expression);
    assertTrue(result.ok(), result::output);
    assertEquals(policy.json(), ConsoleStrings.decode(result.output()));
  }

  private static String list(List<String> values) {
    return values.stream().map(Hcl::quote).collect(Collectors.joining(", ", "[", "]"));
  }


  @Test
  void sizeCountsTheJsonWithoutWhitespace() {
    TrustPolicy compact = policy(List.of(HOST), List.of(INFRA + "*"));
    assertEquals(compact.json().length(), compact.size());
    TrustPolicy spaced = policy(List.of(HOST), List.of("a b\tc"));
    assertEquals(spaced.json().length() - 1, spaced.size(),
        "IAM does not count the space, even in a string; the tab is written as the two characters \\t");
  }

  @Test
  void sizeGrowsWithEverySubject() {
    List<String> subjects = new ArrayList<>();
    int previous = 0;
    for (int i = 0; i < 5; i++) {
      subjects.add(INFRA + "TRACKED:scope:write" + i);
      int size = policy(List.of(HOST), subjects).size();
      assertEquals(i == 0 ? size : previous + (INFRA + "TRACKED:scope:write" + i).length() + 3, size);
      previous = size;
    }
  }

  @Test
  void refusesAPolicyWithoutAudienceOrSubjects() {
    assertThrows(IllegalArgumentException.class, () -> policy(List.of(), List.of(INFRA + "*")));
    assertThrows(IllegalArgumentException.class, () -> policy(List.of(HOST), List.of()));
  }

  @Test
  void allowsOnlyListedAudiencesAndMatchingSubjects() {
    TrustPolicy policy = policy(List.of(HOST), List.of(INFRA + "TRACKED:scope:*"));
    assertTrue(policy.allows(INFRA + "TRACKED:scope:write", HOST));
    assertFalse(policy.allows(INFRA + "TRACKED:scope:write", "other.app.spacelift.io"));
    assertFalse(policy.allows(INFRA + "PROPOSED:scope:read", HOST));
  }

  @Test
  void copiesItsListsSoCallersCannotChangeIt() {
    List<String> subjects = new ArrayList<>(List.of(INFRA + "*"));
    TrustPolicy policy = policy(List.of(HOST), subjects);
    subjects.add("space:*:stack:*:run_type:*:scope:*");
    assertEquals(List.of(INFRA + "*"), policy.subjects());
    assertThrows(UnsupportedOperationException.class, () -> policy.subjects().add("x"));
  }
}
