package io.github.spaceliftoidc.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.trust.JsonText;
import io.github.spaceliftoidc.core.yaml.TreeReader;
import io.github.spaceliftoidc.core.yaml.YNode;
import io.github.spaceliftoidc.testing.ConsoleStrings;
import io.github.spaceliftoidc.testing.TerraformCli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HCL escaping and literals: the only way user strings reach the generated files. */
class HclLiteralsTest {

  /** Strings that break naive escaping; the Terraform test below reads each back through the real HCL parser. */
  static final List<String> TRICKY = List.of("plain", "quote \" inside", "back\\slash", "trailing\\", "new\nline",
      "carriage\rreturn", "tab\there", "bell\u0007", "delete\u007f", "${var.secret}", "%{ if true }x%{ endif }",
      "$${already}", "%%{already}", "$", "%", "$$", "%%", "a$", "{}", "${", "$${", "$$${", "%%%{", "é ключ 中文",
      "line\u2028separator", "emoji \uD83D\uDC68\u200D\uD83D\uDC69", "");

  @ParameterizedTest(name = "escape({0}) = {1}")
  @CsvSource(delimiter = '|', emptyValue = "", quoteCharacter = '`', textBlock = """
      plain               | plain
      say "hi"            | say \\"hi\\"
      a\\b                | a\\\\b
      ${var.x}            | $${var.x}
      %{ if x }           | %%{ if x }
      $ and % alone       | $ and % alone
      $$ and %% no brace  | $$ and %% no brace
      ``                  | ``
      """)
  void escapesQuotesBackslashesAndTemplateSequences(String value, String escaped) {
    assertEquals(escaped, Hcl.escape(value));
  }

  @Test
  void escapesControlCharacters() {
    assertEquals("a\\nb\\rc\\td\\u0001e\\u007f", Hcl.escape("a\nb\rc\td\u0001e\u007f"));
  }

  @Test
  void quoteWrapsTheEscapedText() {
    assertEquals("\"a\\\"b$${c}\"", Hcl.quote("a\"b${c}"));
    assertEquals("\"\"", Hcl.quote(""));
  }

  @ParameterizedTest(name = "key({0}) = {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      team          | team
      _private      | _private
      Effect2       | Effect2
      cost-center   | "cost-center"
      aws:SourceIp  | "aws:SourceIp"
      2fa           | "2fa"
      true          | "true"
      null          | "null"
      for           | "for"
      ключ          | "ключ"
      a b           | "a b"
      ${x}          | "$${x}"
      """)
  void keysAreBareOnlyWhenPlainIdentifiers(String key, String expected) {
    assertEquals(expected, Hcl.key(key));
  }

  @Test
  void expressionWritesNestedJsonOneElementPerLine() {
    YNode document = json("""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"],
         "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": 3600}, "Bool": {"aws:SecureTransport": true},
         "Null": {"x": null}}, "Empty": {}, "None": []}], "Ratio": 1.5}
        """);
    assertEquals("""
        {
          Version = "2012-10-17"
          Statement = [
            {
              Effect = "Allow"
              Action = [
                "s3:GetObject",
              ]
              Condition = {
                NumericLessThan = {
                  "aws:MultiFactorAuthAge" = 3600
                }
                Bool = {
                  "aws:SecureTransport" = true
                }
                Null = {
                  x = null
                }
              }
              Empty = {}
              None  = []
            },
          ]
          Ratio = 1.5
        }
        """, HclFormatter.format(Hcl.expression(document)));
  }

  @Test
  void expressionNormalisesNumbersAndKeepsWhatIsNotANumberAsText() {
    assertEquals("[\n1000,\n-0.5,\n7,\n1E+3,\n]", Hcl.expression(yaml("[1_000, -0.5, 007, 1e3]")));
    assertEquals("[\n\".inf\",\ntrue,\nfalse,\n]", Hcl.expression(yaml("[.inf, True, FALSE]")));
    assertEquals("[\n\"on\",\n\"yes\",\n\"Off\",\n]", Hcl.expression(yaml("[on, yes, Off]")),
        "YAML 1.1 boolean words stay strings: a bare on would be an HCL reference");
    assertEquals("{}", Hcl.expression(yaml("{}")));
    assertEquals("[]", Hcl.expression(yaml("[]")));
  }

  /**
   * The real HCL parser reads every quoted tricky string back as exactly itself, and jsonencode of an expression
   * gives back the document it was made from (keys with odd characters, numbers, booleans, nulls, empty objects and
   * lists). One terraform console evaluation checks it all.
   */
  @Test
  void terraformReadsEverythingBackAsWritten(@TempDir Path directory) throws IOException {
    TerraformCli terraform = TerraformCli.require();
    YNode document = json("""
        {"Version": "2012-10-17", "Statement": [{"Sid": "x", "Effect": "Allow", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::b/${aws:username}/%{x}/*", "Condition": {"StringLike": {"s3:prefix": ["a", "${b}"]},
         "NumericLessThan": {"aws:MultiFactorAuthAge": 3600}, "Bool": {"aws:SecureTransport": false},
         "Null": {"aws:TokenIssueTime": null}, "for": {}, "true": [], "quote\\"key": {"back\\\\slash": 1.25}}}]}
        """);
    String strings = TRICKY.stream().map(Hcl::quote).collect(Collectors.joining(",\n", "[\n", ",\n]"));
    // In a .tf file, as in the generated modules: the HCL file parser reads it, console only prints the result.
    java.nio.file.Files.writeString(directory.resolve("main.tf"), HclFormatter.format(
        "locals {\nstrings = " + strings + "\ndocument = " + Hcl.expression(document) + "\n}\n"));
    TerraformCli.Result result = terraform.console(directory,
        "jsonencode({ strings = local.strings, document = local.document })");
    assertTrue(result.ok(), result::output);
    YNode.YMap back = assertInstanceOf(YNode.YMap.class, json(ConsoleStrings.decode(result.output())));
    List<String> readBack = assertInstanceOf(YNode.YSeq.class, back.get("strings")).items().stream()
        .map(item -> ((YNode.YScalar) item).text()).toList();
    assertEquals(TRICKY, readBack);
    assertEquals(canonical(document), canonical(back.get("document")));
  }

  private static String canonical(YNode node) {
    StringBuilder out = new StringBuilder();
    JsonText.write(node, out);
    return out.toString();
  }

  static YNode json(String text) {
    Problems problems = new Problems();
    return new TreeReader().readString(text, "test.json", TreeReader.Format.JSON, problems)
        .orElseThrow(() -> new AssertionError(problems.sorted()));
  }

  private static YNode yaml(String text) {
    Problems problems = new Problems();
    return new TreeReader().readString(text, "test.yaml", TreeReader.Format.YAML, problems)
        .orElseThrow(() -> new AssertionError(problems.sorted()));
  }

}
