package io.github.spaceliftoidc.core.render;

import io.github.spaceliftoidc.core.yaml.YNode;
import io.github.spaceliftoidc.core.yaml.YNode.YMap;
import io.github.spaceliftoidc.core.yaml.YNode.YScalar;
import io.github.spaceliftoidc.core.yaml.YNode.YSeq;
import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

/** Escaping and literal syntax of HCL: the only way user strings reach the generated files. */
public final class Hcl {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  // Bare words that HCL would read as something other than a string key.
  private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "for", "in", "if", "else", "endif",
      "endfor");

  private Hcl() {}

  /**
   * The body of an HCL quoted string that reads back as exactly {@code value}: quotes, backslashes and control
   * characters are escaped, and so are the template sequences <code>${</code> and <code>%{</code>, which would otherwise be
   * evaluated.
   */
  public static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '$', '%' -> {
          out.append(c);
          if (i + 1 < value.length() && value.charAt(i + 1) == '{') {
            out.append(c); // $${ and %%{ are the literal forms
          }
        }
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** A quoted HCL string literal. */
  public static String quote(String value) {
    return "\"" + escape(value) + "\"";
  }

  /** An object key: bare when it is a plain identifier, quoted otherwise. */
  public static String key(String key) {
    return IDENTIFIER.matcher(key).matches() && !KEYWORDS.contains(key) ? key : quote(key);
  }

  /**
   * A JSON-like document (an IAM policy) as an HCL expression, one element per line, for use inside
   * {@code jsonencode(...)}. Indentation and alignment are left to {@link HclFormatter}.
   */
  public static String expression(YNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(YNode node, StringBuilder out) {
    if (node instanceof YMap map) {
      if (map.entries().isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      for (YNode.Entry entry : map.entries().values()) {
        out.append(key(entry.key())).append(" = ");
        write(entry.value(), out);
        out.append('\n');
      }
      out.append('}');
    } else if (node instanceof YSeq seq) {
      if (seq.items().isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (YNode item : seq.items()) {
        write(item, out);
        out.append(",\n");
      }
      out.append(']');
    } else {
      YScalar scalar = (YScalar) node;
      out.append(switch (scalar.type()) {
        case NULL -> "null";
        case BOOLEAN -> scalar.text().toLowerCase(java.util.Locale.ROOT);
        case INTEGER, DECIMAL -> number(scalar);
        case STRING -> quote(scalar.text());
      });
    }
  }

  private static String number(YScalar scalar) {
    try {
      return new BigDecimal(scalar.text().replace("_", "")).toString();
    } catch (NumberFormatException e) {
      return quote(scalar.text()); // e.g. YAML's .inf: keep it as the text it is
    }
  }
}
