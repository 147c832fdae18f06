package io.github.spaceliftoidc.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.testing.HclStrings;
import io.github.spaceliftoidc.testing.HclStrings.Literal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Hcl#escape}: what it writes for each special sequence, and that the result reads back as exactly the input
 * (with HCL's string rules, which {@code EscapingTest} checks against the real Terraform).
 */
class HclTest {

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "${var.x}         | $${var.x}",
      "%{if true}       | %%{if true}",
      "$${already}      | $$${already}",
      "%%{already}      | %%%{already}",
      "$$${w}           | $$$${w}",
      "$ {not} %d $x %  | $ {not} %d $x %",
      "{}$}%}           | {}$}%}",
      "end with $       | end with $",
      "end with %       | end with %",
      "\"q\"            | \\\"q\\\"",
      "back\\slash      | back\\\\slash",
      "a\\${b}          | a\\\\$${b}",
  })
  void escapesTemplateSequencesQuotesAndBackslashes(String input, String expected) {
    assertEquals(expected, Hcl.escape(input));
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(ints = {0x00, 0x01, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f})
  void controlCharactersBecomeUnicodeEscapes(int codePoint) {
    String escaped = Hcl.escape("a" + (char) codePoint + "b");

    assertEquals(String.format("a\\u%04xb", codePoint), escaped);
  }

  @ParameterizedTest(name = "[{index}]")
  @ValueSource(strings = {"\n", "\r", "\t"})
  void lineBreaksAndTabsUseTheShortEscapes(String character) {
    String expected = switch (character) {
      case "\n" -> "\\n";
      case "\r" -> "\\r";
      default -> "\\t";
    };

    assertEquals("a" + expected + "b", Hcl.escape("a" + character + "b"));
  }

  @ParameterizedTest(name = "[{index}]")
  @ValueSource(strings = {
      "Deploys ${var.x} and %{if true}x%{endif} \"q\" back\\slash\nsecond\tline",
      "$${y} %%{z} $$${w} %%%{v} $$$$",
      "\u0000\u001f\u007f\r\n",
      "arn:aws:s3:::bucket/${aws:username}/*",
      "ünïcödé ☃ 𝄞",
      "\\${x} \\\\%{y} \"${z}\"",
      ""})
  void everyEscapedStringReadsBackAsTheInputWithoutTemplateSequences(String input) {
    List<Literal> literals = HclStrings.literals("x = " + Hcl.quote(input) + "\n");

    assertEquals(1, literals.size());
    assertEquals(input, literals.get(0).value());
    assertTrue(literals.get(0).templateSequences().isEmpty(), literals.get(0).templateSequences().toString());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"plain", "with_underscore", "_x"})
  void identifierKeysStayBare(String key) {
    assertEquals(key, Hcl.key(key));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"aws:username", "${x}", "true", "null", "for", "a b", "1abc", "\"q\""})
  void otherKeysAreQuotedAndEscaped(String key) {
    assertEquals(Hcl.quote(key), Hcl.key(key));
  }
}
