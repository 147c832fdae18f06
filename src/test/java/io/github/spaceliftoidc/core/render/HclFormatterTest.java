package io.github.spaceliftoidc.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link HclFormatter} writes what {@code terraform fmt} writes. Each case's expected text is canonical: besides this
 * test, {@code HclFormatterTerraformTest} checks with the real {@code terraform fmt} that every expected text is left
 * unchanged, so the expectations here are Terraform's, not the formatter's opinion.
 */
class HclFormatterTest {

  /** A named case: messy input, and the canonical text. */
  record Case(String name, String input, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("indents blocks by two spaces per level", """
            resource "a" "b" {
            name = "x"
            nested {
            value = 1
            }
            }
            """, """
            resource "a" "b" {
              name = "x"
              nested {
                value = 1
              }
            }
            """),
        new Case("a line that opens several brackets indents one level, and their closing line dedents one", """
            locals {
            policy = jsonencode({
            Version = "2012-10-17"
            Statement = [{
            Effect = "Allow"
            }]
            })
            after = 1
            }
            """, """
            locals {
              policy = jsonencode({
                Version = "2012-10-17"
                Statement = [{
                  Effect = "Allow"
                }]
              })
              after = 1
            }
            """),
        new Case("lists of objects: each item's brackets indent", """
            locals {
            items = [
            {
            a = 1
            },
            {
            b = 2
            },
            ]
            }
            """, """
            locals {
              items = [
                {
                  a = 1
                },
                {
                  b = 2
                },
              ]
            }
            """),
        new Case("consecutive single-line attributes align their = after the widest name", """
            resource "aws_iam_role" "r" {
              name = "x"
              max_session_duration = 3600
              path = "/"
            }
            """, """
            resource "aws_iam_role" "r" {
              name                 = "x"
              max_session_duration = 3600
              path                 = "/"
            }
            """),
        new Case("a blank line breaks the alignment chain", """
            locals {
              a = 1
              bbbbbb = 2

              cc = 3
              d = 4
            }
            """, """
            locals {
              a      = 1
              bbbbbb = 2

              cc = 3
              d  = 4
            }
            """),
        new Case("a comment line breaks the alignment chain", """
            locals {
              a = 1
              bbbbbb = 2
              # about cc
              cc = 3
              d = 4
            }
            """, """
            locals {
              a      = 1
              bbbbbb = 2
              # about cc
              cc = 3
              d  = 4
            }
            """),
        new Case("a multi-line value breaks the chain, and so does its closing line", """
            locals {
              a = 1
              list = [
                "x",
              ]
              bbbbbb = 2
              c = 3
            }
            """, """
            locals {
              a = 1
              list = [
                "x",
              ]
              bbbbbb = 2
              c      = 3
            }
            """),
        new Case("a nested block breaks the chain", """
            resource "a" "b" {
              name = "x"
              lifecycle {
                create_before_destroy = true
                prevent_destroy = false
              }
              description = "y"
            }
            """, """
            resource "a" "b" {
              name = "x"
              lifecycle {
                create_before_destroy = true
                prevent_destroy       = false
              }
              description = "y"
            }
            """),
        new Case("a one-line object value is a single-line attribute and stays in the chain", """
            locals {
              a = { x = 1 }
              bbbb = [1, 2]
              c = f({ y = 2 })
            }
            """, """
            locals {
              a    = { x = 1 }
              bbbb = [1, 2]
              c    = f({ y = 2 })
            }
            """),
        new Case("trailing comments align one column after the widest code of their chain", """
            locals {
              a = 1 # one
              bbbbbb = 22 // two
              c = "three" # three
            }
            """, """
            locals {
              a      = 1       # one
              bbbbbb = 22      // two
              c      = "three" # three
            }
            """),
        new Case("a line without a trailing comment ends the comment chain but not the assignment chain", """
            locals {
              a = 1 # one
              bbbbbb = 2
              c = 3 # three
            }
            """, """
            locals {
              a      = 1 # one
              bbbbbb = 2
              c      = 3 # three
            }
            """),
        new Case("trailing comments after brackets align too", """
            locals {
              list = [ # items
                1, # first
                22, # second
              ] # end
            }
            """, """
            locals {
              list = [ # items
                1,     # first
                22,    # second
              ]        # end
            }
            """),
        new Case("quoted object keys align like names, special characters included", """
            locals {
              tags = {
                "team" = "platform"
                "cost-center" = "1234"
                "a=b" = "c"
                "with # hash" = "d"
                plain = "e"
              }
            }
            """, """
            locals {
              tags = {
                "team"        = "platform"
                "cost-center" = "1234"
                "a=b"         = "c"
                "with # hash" = "d"
                plain         = "e"
              }
            }
            """),
        new Case("widths count grapheme clusters, not chars or bytes", """
            locals {
              tags = {
                "ключ" = 1
                "e\u0301" = 2
                "中文" = 3
                "x" = 4
              }
            }
            """, """
            locals {
              tags = {
                "ключ" = 1
                "e\u0301"    = 2
                "中文"   = 3
                "x"    = 4
              }
            }
            """),
        new Case("# // { } = and ${...} with nested quotes inside strings are text, not syntax", """
            locals {
              a = "# not a comment"
              bb = "// not a comment either"
              ccc = "{ not a bracket"
              d = "a = b"
              e = "${lookup(var.m, "k}")}-${var.x}"
              f = "$${literal} and %%{literal}"
              g = "quote \\" inside" # a comment
            }
            """, """
            locals {
              a   = "# not a comment"
              bb  = "// not a comment either"
              ccc = "{ not a bracket"
              d   = "a = b"
              e   = "${lookup(var.m, "k}")}-${var.x}"
              f   = "$${literal} and %%{literal}"
              g   = "quote \\" inside" # a comment
            }
            """),
        new Case("==, !=, <=, >= and => are operators, not assignments", """
            locals {
              a = var.x == 1
              bbb = { for k, v in var.m : k => v if v != 0 }
              c = var.y >= 2
            }
            """, """
            locals {
              a   = var.x == 1
              bbb = { for k, v in var.m : k => v if v != 0 }
              c   = var.y >= 2
            }
            """),
        new Case("heredoc bodies are left untouched, trailing whitespace included", """
            locals {
            script = <<EOT
               keep   this    spacing\s\s
            {
            a = 1
            EOT
            indented = <<-EOT
                also kept\s
                EOT
            }
            """, """
            locals {
              script   = <<EOT
               keep   this    spacing\s\s
            {
            a = 1
            EOT
              indented = <<-EOT
                also kept\s
                EOT
            }
            """),
        new Case("a heredoc attribute is one line of its alignment chain, which goes on after it", """
            locals {
              a = 1
              script = <<EOT
            body
            EOT
              bb = 2
            }
            """, """
            locals {
              a      = 1
              script = <<EOT
            body
            EOT
              bb     = 2
            }
            """),
        new Case("blank lines: runs collapse to one, none inside brackets, none at the ends", """


            locals {

              a = 1



              b = 2

            }



            output "x" {
              value = 1
            }


            """, """
            locals {
              a = 1

              b = 2
            }

            output "x" {
              value = 1
            }
            """),
        new Case("trailing whitespace, tabs and CRLF line ends are normalised", "locals {\r\n\ta = 1   \r\n"
            + "  bb = 2\t\r\n}\r\n", """
            locals {
              a  = 1
              bb = 2
            }
            """),
        new Case("a file always ends with exactly one newline", "locals {\n  a = 1\n}", "locals {\n  a = 1\n}\n"),
        new Case("the inner lines of a multi-line comment are kept as written, brackets and all", """
            /*
             * A license header
             *   keep   this
             */
            locals {
                  /* inner
               b = {
                      */
            x = 1
            yyy = 2 /* trailing (
            */
            zz = 3
            a = 1 /* one line ( */
            bbbb = 2
            /* x */ c = 3
            }
            """, """
            /*
             * A license header
             *   keep   this
             */
            locals {
              /* inner
               b = {
                      */
              x         = 1
              yyy       = 2 /* trailing (
            */
              zz        = 3
              a         = 1 /* one line ( */
              bbbb      = 2
              /* x */ c = 3
            }
            """),
        new Case("comment lines are indented with the code around them", """
            # top
            locals {
            # inside
            a = 1
                    # deeper in the source
            }
            """, """
            # top
            locals {
              # inside
              a = 1
              # deeper in the source
            }
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void formatsLikeTerraformFmt(Case testCase) {
    assertEquals(testCase.expected(), HclFormatter.format(testCase.input()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void formattingIsIdempotent(Case testCase) {
    assertEquals(testCase.expected(), HclFormatter.format(testCase.expected()));
  }

  @Test
  void columnsCountGraphemeClusters() {
    assertEquals(0, HclFormatter.columns(""));
    assertEquals(5, HclFormatter.columns("abc=d"));
    assertEquals(4, HclFormatter.columns("ключ"));
    assertEquals(1, HclFormatter.columns("e\u0301"), "a letter and its combining accent are one cluster");
    assertEquals(2, HclFormatter.columns("中文"), "wide characters count one column each, as hclwrite counts them");
    assertEquals(3, HclFormatter.columns("\"กำ\""), "a spacing mark joins its letter");
  }

  @Test
  void columnsCountClustersTokenByTokenAsHclwriteDoes() {
    // A cluster never spans two tokens: the quotes, ${ and } are tokens of their own.
    assertEquals(3, HclFormatter.columns("\"\u0301\""), "the accent does not join the opening quote");
    assertEquals(3, HclFormatter.columns("\"\u0600\""), "the prepended sign does not join the closing quote");
    assertEquals(7, HclFormatter.columns("\"\u0600${1}\""), "nor the ${ after it");
    assertEquals(5, HclFormatter.columns("\"x\u0600 y\""), "but within the text it joins even a space");
    assertEquals(9, HclFormatter.columns("\"a${\"\u0301\"}\""), "strings nested in an interpolation too");
    assertEquals(4, HclFormatter.columns("\"\\n\u0301\""), "an escape is part of the text token");
    assertEquals(6, HclFormatter.columns("/* \u0301 */"), "a comment is one token: the accent joins the space");
    assertEquals(10, HclFormatter.columns("\u043a\u043b\u044e\u0447 = \"\u0301\""));
  }
}
