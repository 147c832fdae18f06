package io.github.spaceliftoidc.core.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.problem.Problem;
import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.yaml.TreeReader.Format;
import io.github.spaceliftoidc.core.yaml.TreeReader.Limits;
import io.github.spaceliftoidc.core.yaml.YNode.YMap;
import io.github.spaceliftoidc.core.yaml.YNode.YScalar;
import io.github.spaceliftoidc.core.yaml.YNode.YSeq;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading is bounded: alias bombs, deep nesting, too many aliases and oversized files are refused with a located
 * message before they cost memory or time, while the YAML features people use (anchors, aliases, merge keys) work.
 */
class TreeReaderLimitsTest {

  /** "Billion laughs": nine levels of nine aliases each, 9^9 (387 million) strings once expanded. */
  private static final String BILLION_LAUGHS = "lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
      + IntStream.rangeClosed(1, 9)
          .mapToObj(i -> "lol" + i + ": &lol" + i + " [" + String.join(", ",
              java.util.Collections.nCopies(9, "*lol" + (i - 1))) + "]")
          .collect(Collectors.joining("\n")) + "\n";

  @Test
  void anAliasBombIsRefusedAtTheFirstNodeThatExpandsBeyondTheLimit() {
    Problems problems = new Problems();

    Optional<YNode> tree = new TreeReader().readString(BILLION_LAUGHS, "bomb.yaml", Format.YAML, problems);

    // lol6 expands to 9^7 = 4.8 million strings, the first level over the 4 million limit: reading stops there,
    // long before the 387 million of lol9.
    assertTrue(tree.isEmpty());
    Problem problem = single(problems);
    assertEquals("bomb.yaml:7:7", problem.mark().toString(), "the anchored list &lol6 [...]");
    assertTrue(problem.message().contains("expands to more than 4,000,000 nodes"), problem.message());
    assertTrue(problem.message().contains("alias bomb, so it is refused"), problem.message());
  }

  @Test
  void theExpansionLimitIsTheConfiguredOne() {
    Problems problems = new Problems();
    Limits tight = new Limits(1 << 20, 64, 200, 1_000);

    new TreeReader(tight).readString(BILLION_LAUGHS, "bomb.yaml", Format.YAML, problems);

    // lol2 is 9^3 = 729 strings plus its lists (820 nodes); lol3 is over 1,000.
    Problem problem = single(problems);
    assertEquals("bomb.yaml:4:7", problem.mark().toString(), "the anchored list &lol3 [...]");
    assertTrue(problem.message().contains("more than 1,000 nodes"), problem.message());
  }

  @Test
  void tooManyAliasesAreRefusedAtTheFirstOneOverTheLimit() {
    String yaml = "region: &region eu-west-1\n"
        + IntStream.range(0, 201).mapToObj(i -> "key" + i + ": *region\n").collect(Collectors.joining());
    Problems problems = new Problems();

    Optional<YNode> tree = new TreeReader().readString(yaml, "aliases.yaml", Format.YAML, problems);

    assertTrue(tree.isEmpty());
    Problem problem = single(problems);
    assertEquals("aliases.yaml:202:9", problem.mark().toString(), "the 201st alias");
    assertTrue(problem.message().contains("more than 200 aliases"), problem.message());
  }

  @Test
  void nestingDeeperThanTheLimitIsRefusedWhereItCrossesTheLimit() {
    String yaml = "a: " + "[".repeat(100) + "]".repeat(100) + "\n";
    Problems problems = new Problems();

    Optional<YNode> tree = new TreeReader().readString(yaml, "deep.yaml", Format.YAML, problems);

    assertTrue(tree.isEmpty());
    Problem problem = single(problems);
    // The root map is level 1 and "a"'s list level 2, so the 64th "[" (column 67) is level 65.
    assertEquals("deep.yaml:1:67", problem.mark().toString());
    assertTrue(problem.message().contains("nests deeper than 64 levels"), problem.message());
  }

  @Test
  void nestingOfJsonPolicyFilesIsBoundedToo() {
    String json = "[".repeat(100) + "]".repeat(100);
    Problems problems = new Problems();

    new TreeReader().readString(json, "policy.json", Format.JSON, problems);

    assertTrue(single(problems).message().contains("nests deeper than 64 levels"));
  }

  @Test
  void aFileOverTheSizeLimitIsRefusedBeforeItIsRead(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("huge.yaml");
    Files.writeString(file, "# " + "x".repeat(2048) + "\n", StandardCharsets.UTF_8);
    Problems problems = new Problems();

    Optional<YNode> tree = new TreeReader(new Limits(1024, 64, 200, 1_000)).read(file, "huge.yaml", Format.YAML,
        problems);

    assertTrue(tree.isEmpty());
    Problem problem = single(problems);
    assertEquals("huge.yaml:1:1", problem.mark().toString());
    assertTrue(problem.message().contains("the file is 2,051 bytes, more than the 1,024 bytes"), problem.message());
  }

  @Test
  void theDefaultSizeLimitIsSixteenMebibytes() {
    assertEquals(16L * 1024 * 1024, Limits.DEFAULT.maxBytes());
    assertEquals(64, Limits.DEFAULT.maxDepth());
    assertEquals(200, Limits.DEFAULT.maxAliases());
  }

  @Test
  void mergeKeysMergeMapsAndExplicitKeysWin() {
    String yaml = """
        defaults: &defaults
          region: eu-west-1
          partition: aws
        accounts:
          - <<: *defaults
            name: production
          - <<: *defaults
            name: china
            partition: aws-cn
          - <<: [*defaults, {directory: iam/x}]
            name: listed
        """;
    Problems problems = new Problems();

    YMap root = (YMap) new TreeReader().readString(yaml, "merge.yaml", Format.YAML, problems).orElseThrow();

    assertTrue(problems.isEmpty(), problems.sorted().toString());
    List<YNode> accounts = ((YSeq) root.get("accounts")).items();
    assertEquals("eu-west-1", text(accounts.get(0), "region"));
    assertEquals("aws", text(accounts.get(0), "partition"));
    assertEquals("aws-cn", text(accounts.get(1), "partition"), "a key written in the map wins over a merged one");
    assertEquals("iam/x", text(accounts.get(2), "directory"), "a list of maps merges each");
    assertEquals("merge.yaml:2:11", ((YMap) accounts.get(0)).get("region").mark().toString(),
        "a merged value points at where it is written");
  }

  @Test
  void scalarAnchorsAndAliasesWork() {
    Problems problems = new Problems();

    YMap root = (YMap) new TreeReader().readString("a: &region eu-west-1\nb: *region\nc: [*region]\n", "x.yaml",
        Format.YAML, problems).orElseThrow();

    assertTrue(problems.isEmpty(), problems.sorted().toString());
    assertEquals("eu-west-1", ((YScalar) root.get("b")).text());
    assertEquals("eu-west-1", ((YScalar) ((YSeq) root.get("c")).items().get(0)).text());
  }

  @Test
  void anAliasWithoutAnAnchorNamesIt() {
    Problems problems = new Problems();

    new TreeReader().readString("a: 1\nb: *nope\n", "x.yaml", Format.YAML, problems);

    Problem problem = single(problems);
    assertEquals("x.yaml:2:4", problem.mark().toString());
    assertTrue(problem.message().contains("alias *nope names no anchor defined before it; define &nope first"));
  }

  @Test
  void aMergeKeyWithoutAMapSaysWhatItNeeds() {
    Problems problems = new Problems();

    new TreeReader().readString("a:\n  <<: 5\n  b: 1\n", "x.yaml", Format.YAML, problems);

    Problem problem = single(problems);
    assertEquals("x.yaml:2:3", problem.mark().toString());
    assertTrue(problem.message().contains("needs a map or a list of maps, for example `<<: *defaults`"));
  }

  @Test
  void anEmptyValueIsNullButAnEmptyQuotedStringIsAString() {
    Problems problems = new Problems();

    YMap root = (YMap) new TreeReader().readString("a:\nb: \"\"\n", "x.yaml", Format.YAML, problems).orElseThrow();

    assertEquals(YNode.ScalarType.NULL, ((YScalar) root.get("a")).type());
    assertEquals(YNode.ScalarType.STRING, ((YScalar) root.get("b")).type());
  }

  private static Problem single(Problems problems) {
    List<Problem> all = problems.sorted();
    assertEquals(1, all.size(), all.toString());
    return assertInstanceOf(Problem.class, all.get(0));
  }

  private static String text(YNode map, String key) {
    return ((YScalar) ((YMap) map).get(key)).text();
  }
}
