package io.github.spaceliftoidc.testing;

import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.trust.JsonText;
import io.github.spaceliftoidc.core.yaml.TreeReader;
import io.github.spaceliftoidc.core.yaml.YNode;
import io.github.spaceliftoidc.core.yaml.YNode.YMap;
import io.github.spaceliftoidc.core.yaml.YNode.YScalar;
import io.github.spaceliftoidc.core.yaml.YNode.YSeq;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * A YAML document as JSON, the way an editor's YAML 1.2 reader (yaml-language-server, and so its JSON Schema check)
 * sees it: a plain scalar is typed by the YAML 1.2 core schema alone ({@code 012345678901} is the number 12345678901,
 * {@code 1.10} the number 1.1, {@code yes} a string), a quoted one is a string. Written independently of the
 * plugin's own rules, so that a test can hold the plugin's reading against the schema's.
 */
public final class Yaml12Json {

  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern BOOLEAN = Pattern.compile("true|True|TRUE|false|False|FALSE");
  private static final Pattern DECIMAL_INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern OCTAL_INT = Pattern.compile("0o[0-7]+");
  private static final Pattern HEX_INT = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern SPECIAL_FLOAT = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

  private Yaml12Json() {}

  /** Reads {@code yaml} with the plugin's reader (for its anchors, merge keys and limits) and writes it as JSON. */
  public static String of(String yaml) {
    Problems problems = new Problems();
    YNode tree = new TreeReader().readString(yaml, "test.yaml", TreeReader.Format.YAML, problems).orElseThrow(
        () -> new AssertionError("does not parse: " + problems.sorted() + "\n" + yaml));
    StringBuilder json = new StringBuilder();
    write(tree, json);
    return json.toString();
  }

  public static void write(YNode node, StringBuilder out) {
    if (node instanceof YMap map) {
      out.append('{');
      String separator = "";
      for (YNode.Entry entry : map.entries().values()) {
        out.append(separator);
        separator = ",";
        JsonText.quote(entry.key(), out);
        out.append(':');
        write(entry.value(), out);
      }
      out.append('}');
    } else if (node instanceof YSeq seq) {
      out.append('[');
      String separator = "";
      for (YNode item : seq.items()) {
        out.append(separator);
        separator = ",";
        write(item, out);
      }
      out.append(']');
    } else {
      scalar((YScalar) node, out);
    }
  }

  private static void scalar(YScalar scalar, StringBuilder out) {
    String text = scalar.text();
    if (!scalar.plain()) {
      // Quoted (a string), or tagged: then the type the tag gave it.
      switch (scalar.type()) {
        case NULL -> out.append("null");
        case BOOLEAN -> out.append(text.toLowerCase(java.util.Locale.ROOT));
        case INTEGER, DECIMAL -> out.append(new BigDecimal(text.replace("_", "")).toString());
        default -> JsonText.quote(text, out);
      }
    } else if (NULL.matcher(text).matches()) {
      out.append("null");
    } else if (BOOLEAN.matcher(text).matches()) {
      out.append(text.toLowerCase(java.util.Locale.ROOT));
    } else if (DECIMAL_INT.matcher(text).matches()) {
      out.append(new BigInteger(text.startsWith("+") ? text.substring(1) : text));
    } else if (OCTAL_INT.matcher(text).matches()) {
      out.append(new BigInteger(text.substring(2), 8));
    } else if (HEX_INT.matcher(text).matches()) {
      out.append(new BigInteger(text.substring(2), 16));
    } else if (FLOAT.matcher(text).matches()) {
      out.append(new BigDecimal(text.startsWith("+") ? text.substring(1) : text).toString());
    } else if (SPECIAL_FLOAT.matcher(text).matches()) {
      out.append("1e400"); // JSON has no infinity or NaN; any number stands in for "not a string" here
    } else {
      JsonText.quote(text, out);
    }
  }
}
