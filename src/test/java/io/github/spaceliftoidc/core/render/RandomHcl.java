package io.github.spaceliftoidc.core.render;

import java.util.List;
import java.util.Random;

/**
 * Generates varied, syntactically valid HCL for formatter property tests: random nesting of blocks, objects, lists and
 * {@code jsonencode({...})}, key lengths, non-ASCII keys, blank lines, comments, trailing comments, strings full of
 * characters that look like syntax, and heredocs. Spacing within a line is already canonical (as the templates write
 * it); indentation and alignment are deliberately wrong, and blank lines are sprinkled anywhere, so that the formatter
 * has all of that to fix.
 */
final class RandomHcl {

  private static final List<String> QUOTED_KEYS = List.of("team", "cost-center", "a=b", "with # hash", "// slashes",
      "{brace}", "ключ", "中文", "e\u0301", "กำ", "\u0915\u093f", "\u0915\u094d\u0937", "\uD83C\uDDEB\uD83C\uDDF7",
      "\uD83D\uDC4D\uD83C\uDFFD", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\u2764\uFE0F", "x",
      "aws:PrincipalTag/team", "\u0600\u0661", "a\u200Db");
  private static final List<String> STRINGS = List.of("plain", "# not a comment", "// nor this", "{ nor a brace",
      "a = b", "x == y", "$${literal}", "%%{literal}", "${var.x}-suffix", "prefix-${lookup(var.m, \"k}\")}",
      "quote \\\" inside", "back\\\\slash", "ключ", "中文", "e\u0301", "", "arn:aws:iam::123456789012:role/x");
  private static final List<String> IDENTIFIER_WORDS = List.of("a", "name", "max_session_duration", "x1",
      "allowed_account_ids", "web_identity_token_file", "ключ", "b_c", "description", "role_arn");

  private final Random random;
  private final StringBuilder out = new StringBuilder();
  // Attribute names used in each open body: HCL refuses an attribute defined twice in one body.
  private final java.util.ArrayDeque<java.util.Set<String>> bodies = new java.util.ArrayDeque<>();

  private RandomHcl(Random random) {
    this.random = random;
  }

  /** One file: a few top-level blocks and attributes. */
  static String file(Random random) {
    RandomHcl hcl = new RandomHcl(random);
    hcl.bodies.push(new java.util.HashSet<>());
    hcl.blanks();
    int items = 1 + random.nextInt(4);
    for (int i = 0; i < items; i++) {
      if (random.nextInt(5) == 0) {
        hcl.attribute(0);
      } else {
        hcl.block(0);
      }
      hcl.blanks();
    }
    return hcl.out.toString();
  }

  private void line(int depth, String text) {
    out.append(junkIndent(depth)).append(text);
    if (random.nextInt(8) == 0) {
      out.append(random.nextBoolean() ? "   " : "\t");
    }
    out.append('\n');
  }

  /** Indentation that is wrong in a random way: none, too much, tabs, or right. */
  private String junkIndent(int depth) {
    return switch (random.nextInt(4)) {
      case 0 -> "";
      case 1 -> " ".repeat(random.nextInt(9));
      case 2 -> "\t".repeat(depth);
      default -> "  ".repeat(depth);
    };
  }

  private void blanks() {
    int n = random.nextInt(6) == 0 ? random.nextInt(4) : 0;
    for (int i = 0; i < n; i++) {
      out.append(random.nextBoolean() ? "\n" : "  \n");
    }
  }

  private String trailingComment() {
    return switch (random.nextInt(7)) {
      case 0 -> " # note";
      case 1 -> " // " + "n".repeat(1 + random.nextInt(6));
      default -> "";
    };
  }

  /** A comment over several lines: its inner lines must survive untouched, brackets and all. */
  private void blockComment(int depth) {
    out.append(junkIndent(depth)).append(random.nextBoolean() ? "/*" : "/* starts here {").append('\n');
    for (int i = random.nextInt(3); i > 0; i--) {
      out.append(" ".repeat(random.nextInt(6))).append(random.nextBoolean() ? " * a = {" : "").append('\n');
    }
    out.append(" ".repeat(random.nextInt(6))).append("*/").append('\n');
  }

  private void block(int depth) {
    String header = switch (random.nextInt(4)) {
      case 0 -> "locals {";
      case 1 -> "resource \"aws_iam_role\" \"r" + random.nextInt(100) + "\" {";
      case 2 -> "provider \"aws\" {";
      default -> "nested {";
    };
    line(depth, header + trailingComment());
    bodies.push(new java.util.HashSet<>());
    body(depth + 1, depth < 3 ? 4 : 2);
    bodies.pop();
    line(depth, "}" + trailingComment());
  }

  private void body(int depth, int maxItems) {
    int items = random.nextInt(maxItems + 1);
    for (int i = 0; i < items; i++) {
      blanks();
      int kind = random.nextInt(12);
      if (kind == 0 && depth < 4) {
        block(depth);
      } else if (kind == 1) {
        line(depth, comment());
      } else if (kind == 2) {
        heredoc(depth, attributeName());
      } else if (kind == 3) {
        blockComment(depth);
      } else {
        attribute(depth);
      }
    }
    blanks();
  }

  private String comment() {
    return random.nextBoolean() ? "# a comment with = and {" : "// another comment";
  }

  private String identifier() {
    String word = IDENTIFIER_WORDS.get(random.nextInt(IDENTIFIER_WORDS.size()));
    return random.nextInt(3) == 0 ? word + "_" + "k".repeat(random.nextInt(12)) : word;
  }

  private String objectKey() {
    return random.nextInt(3) == 0 ? identifier()
        : "\"" + QUOTED_KEYS.get(random.nextInt(QUOTED_KEYS.size())) + "\"";
  }

  private void attribute(int depth) {
    attribute(depth, attributeName());
  }

  /** An identifier not yet used in the current body. */
  private String attributeName() {
    String name = identifier();
    for (int i = 2; !bodies.peek().add(name); i++) {
      name = identifier() + i;
    }
    return name;
  }

  private void attribute(int depth, String key) {
    switch (random.nextInt(9)) {
      case 0 -> multiLineObject(depth, key + " = {", "}");
      case 1 -> multiLineList(depth, key + " = [", "]");
      case 2 -> multiLineObject(depth, key + " = jsonencode({", "})");
      case 3 -> listOfObjects(depth, key);
      default -> line(depth, key + " = " + singleLineValue() + (random.nextInt(8) == 0 ? " /* { block ( */"
          : trailingComment()));
    }
  }

  private void objectAttribute(int depth) {
    int kind = random.nextInt(10);
    if (kind == 0) {
      line(depth, comment());
    } else if (kind == 1 && depth < 5) {
      multiLineObject(depth, objectKey() + " = {", "}");
    } else if (kind == 2 && depth < 5) {
      multiLineList(depth, objectKey() + " = [", "]");
    } else {
      line(depth, objectKey() + " = " + singleLineValue() + trailingComment());
    }
  }

  private String singleLineValue() {
    return switch (random.nextInt(8)) {
      case 0 -> Integer.toString(random.nextInt(100000));
      case 1 -> random.nextBoolean() ? "true" : "null";
      case 2 -> "[\"a\", \"b\"]";
      case 3 -> "{ k = 1 }";
      case 4 -> "var.x == 1";
      case 5 -> "[]";
      default -> "\"" + STRINGS.get(random.nextInt(STRINGS.size())) + "\"";
    };
  }

  private void multiLineObject(int depth, String open, String close) {
    line(depth, open + trailingComment());
    int entries = random.nextInt(5);
    for (int i = 0; i < entries; i++) {
      blanks();
      objectAttribute(depth + 1);
    }
    blanks();
    line(depth, close + trailingComment());
  }

  private void multiLineList(int depth, String open, String close) {
    line(depth, open + trailingComment());
    int items = random.nextInt(5);
    for (int i = 0; i < items; i++) {
      blanks();
      if (random.nextInt(4) == 0 && depth < 5) {
        multiLineObject(depth + 1, "{", "},");
      } else {
        line(depth + 1, singleLineValue() + "," + trailingComment());
      }
    }
    blanks();
    line(depth, close + trailingComment());
  }

  /** {@code key = [{ ... }, { ... }]} written with "}, {" between the items, which fmt indents in its own way. */
  private void listOfObjects(int depth, String key) {
    line(depth, key + " = [{");
    int items = 1 + random.nextInt(3);
    for (int i = 0; i < items; i++) {
      int entries = random.nextInt(3);
      for (int j = 0; j < entries; j++) {
        objectAttribute(depth + 1);
      }
      line(depth, i + 1 < items ? "}, {" : "}]");
    }
  }

  private void heredoc(int depth, String key) {
    String marker = random.nextBoolean() ? "EOT" : "POLICY";
    boolean indented = random.nextBoolean();
    out.append(junkIndent(depth)).append(key).append(" = <<").append(indented ? "-" : "").append(marker).append('\n');
    int lines = random.nextInt(4);
    for (int i = 0; i < lines; i++) {
      // Raw lines: their text, indentation and trailing spaces must survive untouched.
      out.append(" ".repeat(random.nextInt(6))).append(switch (random.nextInt(4)) {
        case 0 -> "{";
        case 1 -> "a = 1   ";
        case 2 -> "# not a comment";
        default -> "";
      }).append('\n');
    }
    out.append(indented ? "    " : "").append(marker).append('\n');
  }
}
