package io.github.spaceliftoidc.core.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.problem.Mark;
import io.github.spaceliftoidc.core.problem.Problem;
import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.yaml.YNode.ScalarType;
import io.github.spaceliftoidc.core.yaml.YNode.YMap;
import io.github.spaceliftoidc.core.yaml.YNode.YScalar;
import io.github.spaceliftoidc.core.yaml.YNode.YSeq;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading YAML and JSON into located nodes: positions, scalar types, anchors, merge keys and the reading limits. */
class TreeReaderTest {

  private static final String FILE = "spacelift-oidc.yaml";

  private static YMap yaml(String text) {
    Problems problems = new Problems();
    YNode root = new TreeReader().readString(text, FILE, TreeReader.Format.YAML, problems).orElse(null);
    assertTrue(problems.isEmpty(), () -> problems.sorted().toString());
    return assertInstanceOf(YMap.class, root);
  }

  private static List<Problem> problems(TreeReader reader, String text, TreeReader.Format format) {
    Problems problems = new Problems();
    reader.readString(text, FILE, format, problems);
    return problems.sorted();
  }

  private static Problem oneProblem(String text) {
    List<Problem> problems = problems(new TreeReader(), text, TreeReader.Format.YAML);
    assertEquals(1, problems.size(), problems::toString);
    return problems.get(0);
  }

  private static void assertAt(int line, int column, Mark mark) {
    assertEquals(new Mark(FILE, line, column), mark);
  }

  private static YScalar scalar(YNode node) {
    return assertInstanceOf(YScalar.class, node);
  }

  @Test
  void keysAndValuesOfBlockMapsKeepTheirLineAndColumn() {
    YMap root = yaml("""
        spacelift:
          hostname: demo.app.spacelift.io
          tokenFile:    /mnt/workspace/spacelift.oidc
        """);
    assertAt(1, 1, root.mark());
    assertAt(1, 1, root.entries().get("spacelift").keyMark());
    YMap spacelift = assertInstanceOf(YMap.class, root.get("spacelift"));
    assertAt(2, 3, spacelift.mark());
    assertAt(2, 3, spacelift.entries().get("hostname").keyMark());
    assertAt(2, 13, spacelift.get("hostname").mark());
    assertAt(3, 17, spacelift.get("tokenFile").mark());
  }

  @Test
  void listItemsInBlockStyleKeepTheirPositions() {
    YMap root = yaml("""
        accounts:
          - name: production
            id: "123456789012"
          -   name: staging
        managedPolicies:
          - PowerUserAccess
          -    ReadOnlyAccess
        """);
    YSeq accounts = assertInstanceOf(YSeq.class, root.get("accounts"));
    assertAt(2, 3, accounts.mark());
    YMap first = assertInstanceOf(YMap.class, accounts.items().get(0));
    assertAt(2, 5, first.mark());
    assertAt(2, 11, first.get("name").mark());
    assertAt(3, 5, first.entries().get("id").keyMark());
    assertAt(3, 9, first.get("id").mark());
    assertAt(4, 7, accounts.items().get(1).mark());
    YSeq policies = assertInstanceOf(YSeq.class, root.get("managedPolicies"));
    assertAt(6, 5, policies.items().get(0).mark());
    assertAt(7, 8, policies.items().get(1).mark());
  }

  @Test
  void flowStyleKeepsThePositionOfEveryElement() {
    YMap root = yaml("tags: {team: platform, cost: \"1234\"}\nrunTypes: [TRACKED,  PROPOSED]\n");
    YMap tags = assertInstanceOf(YMap.class, root.get("tags"));
    assertAt(1, 7, tags.mark());
    assertAt(1, 8, tags.entries().get("team").keyMark());
    assertAt(1, 14, tags.get("team").mark());
    assertAt(1, 30, tags.get("cost").mark());
    YSeq runTypes = assertInstanceOf(YSeq.class, root.get("runTypes"));
    assertAt(2, 11, runTypes.mark());
    assertAt(2, 12, runTypes.items().get(0).mark());
    assertAt(2, 22, runTypes.items().get(1).mark());
  }

  @Test
  void quotedAndMultiLineScalarsArePlacedAtTheirFirstCharacter() {
    YMap root = yaml("""
        double: "quoted"
        single: 'quoted'
        literal: |
          line one
          line two
        folded: >-
          a
          b
        plain: first
          second
        after: x
        """);
    assertAt(1, 9, root.get("double").mark());
    assertAt(2, 9, root.get("single").mark());
    assertAt(3, 10, root.get("literal").mark());
    assertEquals("line one\nline two\n", scalar(root.get("literal")).text());
    assertAt(6, 9, root.get("folded").mark());
    assertEquals("a b", scalar(root.get("folded")).text());
    assertAt(9, 8, root.get("plain").mark());
    assertEquals("first second", scalar(root.get("plain")).text());
    assertAt(11, 8, root.get("after").mark(), "positions after a multi-line value are still right");
  }

  private static void assertAt(int line, int column, Mark mark, String message) {
    assertEquals(new Mark(FILE, line, column), mark, message);
  }

  @Test
  void scalarsKeepTheirTextAndSayWhatYamlResolvedThemTo() {
    YMap root = yaml("""
        quoted: "123"
        singleQuoted: '0123'
        number: 123
        leadingZero: 0123
        decimal: 1.5
        boolean: true
        tilde: ~
        null: null
        empty:
        emptyString: ""
        date: 2024-01-01
        """);
    assertScalar(ScalarType.STRING, "123", root.get("quoted"));
    assertScalar(ScalarType.STRING, "0123", root.get("singleQuoted"));
    assertScalar(ScalarType.INTEGER, "123", root.get("number"));
    assertScalar(ScalarType.INTEGER, "0123", root.get("leadingZero"));
    assertScalar(ScalarType.DECIMAL, "1.5", root.get("decimal"));
    assertScalar(ScalarType.BOOLEAN, "true", root.get("boolean"));
    assertScalar(ScalarType.NULL, "", root.get("tilde"));
    assertScalar(ScalarType.NULL, "", root.get("null"));
    assertScalar(ScalarType.NULL, "", root.get("empty"));
    assertScalar(ScalarType.STRING, "", root.get("emptyString"));
    assertScalar(ScalarType.STRING, "2024-01-01", root.get("date"));
  }

  @Test
  void onlyYamlOneTwoBooleansAreBooleansAndTheyKeepTheirText() {
    YMap root = yaml("""
        yes: yes
        no: No
        on: ON
        off: off
        y: y
        upper: TRUE
        capital: False
        mixed: tRuE
        """);
    assertScalar(ScalarType.STRING, "yes", root.get("yes"));
    assertScalar(ScalarType.STRING, "No", root.get("no"));
    assertScalar(ScalarType.STRING, "ON", root.get("on"));
    assertScalar(ScalarType.STRING, "off", root.get("off"));
    assertScalar(ScalarType.STRING, "y", root.get("y"));
    assertScalar(ScalarType.BOOLEAN, "TRUE", root.get("upper"));
    assertScalar(ScalarType.BOOLEAN, "False", root.get("capital"));
    assertScalar(ScalarType.STRING, "tRuE", root.get("mixed"));
  }

  private static void assertScalar(ScalarType type, String text, YNode node) {
    YScalar scalar = scalar(node);
    assertEquals(type, scalar.type(), () -> "type of " + scalar);
    assertEquals(text, scalar.text());
  }

  @Test
  void aliasesShareTheAnchoredNode() {
    YMap root = yaml("""
        defaults: &defaults
          region: eu-west-1
        first: *defaults
        second: *defaults
        """);
    assertSame(root.get("defaults"), root.get("first"));
    assertSame(root.get("defaults"), root.get("second"));
    assertAt(1, 11, root.get("second").mark(), "an alias is located where its anchor is");
  }

  @Test
  void scalarsCanBeAnchoredAndAliasedToo() {
    YMap root = yaml("""
        region: &region eu-west-1
        seconds: &seconds 3600
        regions: [*region, us-east-1]
        again: *seconds
        """);
    YSeq regions = assertInstanceOf(YSeq.class, root.get("regions"));
    assertSame(root.get("region"), regions.items().get(0));
    assertScalar(ScalarType.STRING, "eu-west-1", regions.items().get(0));
    assertScalar(ScalarType.INTEGER, "3600", root.get("again"));
    assertAt(2, 10, root.get("again").mark());
  }

  @Test
  void mergeKeysAddTheMergedEntriesAndExplicitKeysWin() {
    YMap root = yaml("""
        base: &base
          region: eu-west-1
          partition: aws
        other: &other
          partition: aws-cn
          oidcProvider: existing
        account:
          <<: [*base, *other]
          partition: aws-us-gov
          name: production
        """);
    YMap account = assertInstanceOf(YMap.class, root.get("account"));
    assertEquals(List.of("partition", "name", "region", "oidcProvider"), List.copyOf(account.entries().keySet()));
    assertEquals("aws-us-gov", scalar(account.get("partition")).text());
    assertEquals("eu-west-1", scalar(account.get("region")).text());
    assertEquals("existing", scalar(account.get("oidcProvider")).text());
    assertAt(2, 11, account.get("region").mark(), "a merged value is located where it is written");
    assertNull(account.get("<<"));
  }

  @Test
  void theFirstMergedMapWinsOverLaterOnes() {
    YMap root = yaml("a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n");
    YMap c = assertInstanceOf(YMap.class, root.get("c"));
    assertEquals("1", scalar(c.get("x")).text());
    assertEquals("2", scalar(c.get("y")).text());
  }

  @Test
  void aMergeOfSomethingOtherThanMapsIsAProblem() {
    Problem problem = oneProblem("a: &a [1, 2]\nb:\n  <<: *a\n");
    assertAt(3, 3, problem.mark());
    assertTrue(problem.message().contains("the merge key << needs a map"), problem.message());
  }

  @Test
  void anAliasWithoutAnchorIsAProblemAtTheAlias() {
    Problem problem = oneProblem("a: 1\nb: *missing\n");
    assertAt(2, 4, problem.mark());
    assertTrue(problem.message().contains("*missing"), problem.message());
  }

  @Test
  void aDuplicateKeyIsReportedAtTheSecondOneWithTheLineOfTheFirst() {
    Problem problem = oneProblem("name: a\nid: x\nname: b\n");
    assertAt(3, 1, problem.mark());
    assertTrue(problem.message().contains("duplicate key 'name' (first at line 1)"), problem.message());
  }

  @Test
  void aSyntaxErrorIsLocated() {
    Problem problem = oneProblem("a: [1, 2\nb: 3\n");
    assertEquals(FILE, problem.mark().file());
    assertTrue(problem.mark().line() >= 2, problem::toString);
    assertTrue(problem.message().startsWith("YAML syntax error: "), problem.message());
  }

  @Test
  void jsonKeepsPositionsToo() {
    Problems problems = new Problems();
    YNode root = new TreeReader().readString("""
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject"], "Condition": {"NumericLessThan": {"n": 3600}}}
          ]
        }
        """, FILE, TreeReader.Format.JSON, problems).orElseThrow();
    YMap map = assertInstanceOf(YMap.class, root);
    assertAt(1, 1, map.mark());
    assertAt(2, 3, map.entries().get("Version").keyMark());
    assertAt(2, 14, map.get("Version").mark());
    YMap statement = assertInstanceOf(YMap.class, assertInstanceOf(YSeq.class, map.get("Statement")).items().get(0));
    assertAt(4, 5, statement.mark());
    assertAt(4, 36, assertInstanceOf(YSeq.class, statement.get("Action")).items().get(0).mark());
    YMap condition = assertInstanceOf(YMap.class, statement.get("Condition"));
    assertScalar(ScalarType.INTEGER, "3600",
        assertInstanceOf(YMap.class, condition.get("NumericLessThan")).get("n"));
  }

  @Test
  void jsonDuplicateKeysAreReportedAndYamlMergeKeysAreNotSpecialInJson() {
    List<Problem> problems = problems(new TreeReader(), "{\"a\": 1,\n \"a\": 2}", TreeReader.Format.JSON);
    assertEquals(1, problems.size(), problems::toString);
    assertAt(2, 2, problems.get(0).mark());
    Problems none = new Problems();
    YMap map = assertInstanceOf(YMap.class, new TreeReader().readString("{\"<<\": {\"a\": 1}}", FILE,
        TreeReader.Format.JSON, none).orElseThrow());
    assertInstanceOf(YMap.class, map.get("<<"));
  }

  @Test
  void aByteOrderMarkIsIgnored() {
    YMap root = yaml("\uFEFFa: 1\n");
    assertAt(1, 1, root.entries().get("a").keyMark());
  }

  @Test
  void anEmptyDocumentOrASecondDocumentIsAProblem() {
    assertTrue(oneProblem("").message().startsWith("the file is empty"));
    Problem second = oneProblem("a: 1\n---\nb: 2\n");
    assertTrue(second.message().contains("a second document"), second.message());
  }

  @Test
  void nestingDeeperThanTheLimitIsRefused() {
    TreeReader reader = new TreeReader(new TreeReader.Limits(1 << 20, 5, 10, 1000));
    assertEquals(List.of(), problems(reader, "a: {b: {c: {d: 1}}}", TreeReader.Format.YAML));
    List<Problem> problems = problems(reader, "a: {b: {c: {d: {e: {f: 1}}}}}", TreeReader.Format.YAML);
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).message().contains("nests deeper than 5 levels"), problems::toString);
  }

  @Test
  void tooManyAliasesAreRefused() {
    TreeReader reader = new TreeReader(new TreeReader.Limits(1 << 20, 64, 3, 1000));
    assertEquals(List.of(), problems(reader, "a: &a 1\nb: [*a, *a, *a]\n", TreeReader.Format.YAML));
    List<Problem> problems = problems(reader, "a: &a 1\nb: [*a, *a, *a, *a]\n", TreeReader.Format.YAML);
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).message().contains("more than 3 aliases"), problems::toString);
  }

  @Test
  void anAliasBombIsRefusedBeforeItExpands() {
    String bomb = """
        a: &a [x, x, x, x, x, x, x, x, x, x]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
        """;
    List<Problem> problems = problems(new TreeReader(), bomb, TreeReader.Format.YAML);
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).message().contains("alias bomb"), problems::toString);
    assertAt(7, 4, problems.get(0).mark());
  }

  @Test
  void aDocumentLargerThanTheLimitIsRefused(@TempDir Path directory) throws IOException {
    TreeReader reader = new TreeReader(new TreeReader.Limits(100, 64, 10, 1000));
    Path file = directory.resolve("big.yaml");
    Files.writeString(file, "a: " + "x".repeat(200) + "\n");
    Problems problems = new Problems();
    assertTrue(reader.read(file, "big.yaml", TreeReader.Format.YAML, problems).isEmpty());
    assertTrue(problems.sorted().get(0).message().contains("more than the 100 bytes"), problems.sorted()::toString);
  }

  @Test
  void aMissingFileOrInvalidUtf8IsAProblemOfTheFile(@TempDir Path directory) throws IOException {
    Problems problems = new Problems();
    assertTrue(new TreeReader().read(directory.resolve("none.yaml"), "none.yaml", TreeReader.Format.YAML, problems)
        .isEmpty());
    Path latin1 = directory.resolve("latin1.yaml");
    Files.write(latin1, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertTrue(new TreeReader().read(latin1, "latin1.yaml", TreeReader.Format.YAML, problems).isEmpty());
    List<Problem> sorted = problems.sorted();
    assertEquals(Mark.ofFile("latin1.yaml"), sorted.get(0).mark());
    assertTrue(sorted.get(0).message().contains("not valid UTF-8"), sorted::toString);
    assertEquals(Mark.ofFile("none.yaml"), sorted.get(1).mark());
    assertTrue(sorted.get(1).message().contains("does not exist"), sorted::toString);
  }

  @Test
  void readsAFileWithTheNameItIsShownAs(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("x.yaml");
    Files.writeString(file, "a:\n  b: c\n");
    Problems problems = new Problems();
    YMap root = assertInstanceOf(YMap.class,
        new TreeReader().read(file, "config/x.yaml", TreeReader.Format.YAML, problems).orElseThrow());
    assertEquals(new Mark("config/x.yaml", 2, 6), assertInstanceOf(YMap.class, root.get("a")).get("b").mark());
  }
}
