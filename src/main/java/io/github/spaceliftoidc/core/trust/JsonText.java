package io.github.spaceliftoidc.core.trust;

import io.github.spaceliftoidc.core.yaml.YNode;
import io.github.spaceliftoidc.core.yaml.YNode.YMap;
import io.github.spaceliftoidc.core.yaml.YNode.YScalar;
import io.github.spaceliftoidc.core.yaml.YNode.YSeq;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** JSON text as Go's encoding/json (and so Terraform's jsonencode) writes it. */
public final class JsonText {

  private JsonText() {}

  /** Appends {@code value} as a JSON string, escaping like Go: also {@code <}, {@code >}, {@code &}, U+2028/9. */
  public static void quote(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** {@code values} as a JSON array of strings, without spaces, as {@code jsonencode} writes it. */
  public static void array(List<String> values, StringBuilder out) {
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      out.append(i > 0 ? "," : "");
      quote(values.get(i), out);
    }
    out.append(']');
  }

  /** Characters other than whitespace, as IAM counts policy sizes. */
  public static int nonWhitespaceLength(String json) {
    int count = 0;
    for (int i = 0; i < json.length(); i++) {
      if (!Character.isWhitespace(json.charAt(i))) {
        count++;
      }
    }
    return count;
  }

  /** Appends a document as {@code jsonencode} would write it: object keys sorted, no whitespace. */
  public static void write(YNode node, StringBuilder out) {
    if (node instanceof YMap map) {
      out.append('{');
      boolean first = true;
      for (String key : new TreeSet<>(map.entries().keySet())) {
        if (!first) {
          out.append(',');
        }
        first = false;
        quote(key, out);
        out.append(':');
        write(map.get(key), out);
      }
      out.append('}');
    } else if (node instanceof YSeq seq) {
      out.append('[');
      for (int i = 0; i < seq.items().size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(seq.items().get(i), out);
      }
      out.append(']');
    } else {
      YScalar scalar = (YScalar) node;
      switch (scalar.type()) {
        case NULL -> out.append("null");
        case BOOLEAN -> out.append(scalar.text().toLowerCase(Locale.ROOT));
        case INTEGER, DECIMAL -> out.append(scalar.text());
        default -> quote(scalar.text(), out);
      }
    }
  }
}
