package io.github.spaceliftoidc.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The quoted string literals of generated HCL, found and decoded the way HCL's scanner does: {@code \n \r \t \" \\
 * \}{@code uNNNN} escapes, {@code $${} and {@code %%{} for a literal {@code ${} and {@code %{}, and {@code ${...}} /
 * {@code %{...}} as template sequences. {@code #} starts a comment outside strings. It reads only what the plugin's
 * templates produce (no heredocs, no nested strings in interpolations), and fails loudly on anything else, so a
 * broken literal cannot pass unnoticed. {@code EscapingTest} checks its decoding against the real Terraform.
 */
public final class HclStrings {

  private HclStrings() {}

  /**
   * One string literal.
   *
   * @param line 1-based line it is on
   * @param source the literal as written, quotes included
   * @param value what it reads as (template sequences kept as written)
   * @param templateSequences the {@code ${...}} and {@code %{...}} sequences it contains
   */
  public record Literal(int line, String source, String value, List<String> templateSequences) {}

  /** Every string literal of {@code hcl}, in order. */
  public static List<Literal> literals(String hcl) {
    List<Literal> literals = new ArrayList<>();
    String[] lines = hcl.split("\n", -1);
    for (int number = 1; number <= lines.length; number++) {
      String line = lines[number - 1];
      if (line.contains("<<")) {
        throw new IllegalArgumentException("line " + number + ": heredocs are not expected: " + line);
      }
      int i = 0;
      while (i < line.length()) {
        char c = line.charAt(i);
        if (c == '#') {
          break;
        } else if (c == '"') {
          i = literal(line, i, number, literals);
        } else {
          i++;
        }
      }
    }
    return literals;
  }

  /** Reads the literal that starts at {@code start}; returns the index after its closing quote. */
  private static int literal(String line, int start, int number, List<Literal> literals) {
    StringBuilder value = new StringBuilder();
    List<String> sequences = new ArrayList<>();
    int i = start + 1;
    while (true) {
      if (i >= line.length()) {
        throw new IllegalArgumentException("line " + number + ": string does not end on its line: " + line);
      }
      char c = line.charAt(i);
      if (c == '"') {
        literals.add(new Literal(number, line.substring(start, i + 1), value.toString(), List.copyOf(sequences)));
        return i + 1;
      } else if (c == '\\') {
        i = escape(line, i, number, value);
      } else if ((c == '$' || c == '%') && line.startsWith(c + "" + c + "{", i)) {
        value.append(c).append('{');
        i += 3;
      } else if ((c == '$' || c == '%') && line.startsWith(c + "{", i)) {
        int end = line.indexOf('}', i);
        if (end < 0) {
          throw new IllegalArgumentException("line " + number + ": unterminated template sequence: " + line);
        }
        sequences.add(line.substring(i, end + 1));
        value.append(line, i, end + 1);
        i = end + 1;
      } else {
        value.append(c);
        i++;
      }
    }
  }

  private static int escape(String line, int i, int number, StringBuilder value) {
    char next = i + 1 < line.length() ? line.charAt(i + 1) : '\0';
    switch (next) {
      case 'n' -> value.append('\n');
      case 'r' -> value.append('\r');
      case 't' -> value.append('\t');
      case '"' -> value.append('"');
      case '\\' -> value.append('\\');
      case 'u' -> {
        value.append((char) Integer.parseInt(line.substring(i + 2, i + 6), 16));
        return i + 6;
      }
      default -> throw new IllegalArgumentException("line " + number + ": unknown escape \\" + next + ": " + line);
    }
    return i + 2;
  }
}
