package io.github.spaceliftoidc.core.yaml;

import io.github.spaceliftoidc.core.problem.Mark;
import java.util.List;

/**
 * Human sentences for the syntax errors people make most, in place of the parser's words: a key indented deeper or
 * shallower than its neighbours ({@code mapping values are not allowed here}, {@code expected <block end>, but found
 * ...}), a value holding {@code ": "}, and a trailing comma in JSON. Each names the line and what to write instead,
 * worked out from the text itself; anything else keeps the parser's message.
 */
final class SyntaxHints {

  /** A hint, and where it points (which may differ from where the parser stopped). */
  record Hint(Mark mark, String message) {}

  private final List<String> lines;
  private final String file;

  SyntaxHints(String text, String file) {
    this.lines = text.lines().toList();
    this.file = file;
  }

  /**
   * A hint for a YAML error the parser reported at {@code line}:{@code column} (1-based), or null.
   *
   * @param problem the parser's description, e.g. "mapping values are not allowed here"
   */
  Hint yaml(String problem, int line, int column) {
    if (problem == null || line < 1 || line > lines.size()) {
      return null;
    }
    boolean mappingValue = problem.startsWith("mapping values are not allowed");
    boolean blockEnd = problem.startsWith("expected <block end>");
    if (!mappingValue && !blockEnd) {
      return null;
    }
    String text = lines.get(line - 1);
    int indent = indent(text);
    int above = previousContentLine(line - 1);
    if (above < 0) {
      return null;
    }
    String aboveText = lines.get(above - 1);
    int aboveKey = keyIndent(aboveText);
    String key = key(text);
    String what = key == null ? "line " + line : "'" + key + ":' on line " + line;
    Mark start = new Mark(file, line, indent + 1);
    if (mappingValue && indent <= aboveKey && column - 1 > indent) {
      // The colon the parser stopped at is inside the value: "description: deploys: all".
      String value = text.substring(text.indexOf(':') + 1).strip();
      return new Hint(new Mark(file, line, column), "YAML syntax error: the value on line " + line + " holds ': ',"
          + " which YAML reads as the start of another key; quote the value, e.g. " + (key == null ? "" : key + ": ")
          + "\"" + value.replace("\"", "\\\"") + "\"");
    }
    if (indent > aboveKey) {
      return new Hint(start, "YAML syntax error: " + what + " is indented deeper (" + spaces(indent) + ") than "
          + describe(above, aboveText) + " (" + spaces(aboveKey) + "); the keys of one map line up, so indent it by "
          + spaces(aboveKey) + " like " + keyOf(aboveText) + (mappingValue ? " (or, if the line above continues a"
              + " value, quote that value)" : ""));
    }
    // Shallower than the line above: it belongs to an enclosing map, at one of the indentations above it.
    int sibling = lineWithKeyIndent(line - 1, indent);
    if (sibling > 0) {
      return null; // lined up with a key above after all: the parser's words are all there is
    }
    int dash = listDashAt(line - 1, indent);
    if (dash > 0) {
      return new Hint(start, "YAML syntax error: " + what + " is indented like the '- ' that starts the list item"
          + " on line " + dash + " (" + spaces(indent) + "), which ends that item without starting a new one; indent"
          + " it by " + spaces(keyIndent(lines.get(dash - 1))) + " like " + keyOf(lines.get(dash - 1)) + " to keep it"
          + " in the item, or start a new item with '- '");
    }
    int outer = enclosingLine(line - 1, indent);
    return new Hint(start, "YAML syntax error: " + what + " is indented by " + spaces(indent) + ", between "
        + describe(above, aboveText) + " (" + spaces(aboveKey) + ")" + (outer > 0 ? " and " + describe(outer,
            lines.get(outer - 1)) + " (" + spaces(keyIndent(lines.get(outer - 1))) + ")" : "") + "; the keys of one"
        + " map line up, so indent it by " + spaces(aboveKey) + " like " + keyOf(aboveText) + (outer > 0 ? ", or by "
            + spaces(keyIndent(lines.get(outer - 1))) + " like " + keyOf(lines.get(outer - 1)) : ""));
  }

  /**
   * A hint for a JSON error at {@code line}:{@code column}, or null: a {@code }} or {@code ]} right after a comma
   * (JSON allows no comma after the last entry, unlike HCL and YAML).
   */
  Hint json(int line, int column) {
    if (line < 1 || line > lines.size() || column < 1 || column > lines.get(line - 1).length()) {
      return null;
    }
    char found = lines.get(line - 1).charAt(column - 1);
    if (found != '}' && found != ']') {
      return null;
    }
    int l = line - 1;
    int c = column - 2;
    while (l >= 0) {
      String text = lines.get(l);
      while (c >= 0 && Character.isWhitespace(text.charAt(c))) {
        c--;
      }
      if (c >= 0) {
        if (text.charAt(c) != ',') {
          return null;
        }
        return new Hint(new Mark(file, l + 1, c + 1), "JSON syntax error: a comma before the '" + found + "' at line "
            + line + ", column " + column + "; JSON allows no comma after the last " + (found == '}' ? "entry of an"
                + " object" : "item of a list") + ", so remove this one");
      }
      l--;
      c = l >= 0 ? lines.get(l).length() - 1 : -1;
    }
    return null;
  }

  private int previousContentLine(int before) {
    for (int i = before; i >= 1; i--) {
      String text = lines.get(i - 1).strip();
      if (!text.isEmpty() && !text.startsWith("#")) {
        return i;
      }
    }
    return -1;
  }

  /** The nearest line above {@code before} (inclusive) whose key starts at {@code indent}, or -1. */
  private int lineWithKeyIndent(int before, int indent) {
    for (int i = before; i >= 1; i--) {
      String text = lines.get(i - 1);
      if (isContent(text)) {
        if (keyIndent(text) == indent && key(text) != null) {
          return i;
        }
        if (indent(text) < indent) {
          return -1;
        }
      }
    }
    return -1;
  }

  /** The nearest line above whose '- ' sits at {@code indent}, before a line that is shallower; or -1. */
  private int listDashAt(int before, int indent) {
    for (int i = before; i >= 1; i--) {
      String text = lines.get(i - 1);
      if (isContent(text)) {
        if (indent(text) == indent && text.strip().startsWith("- ")) {
          return i;
        }
        if (indent(text) < indent) {
          return -1;
        }
      }
    }
    return -1;
  }

  /** The nearest line above whose key is shallower than {@code indent}: the map that encloses the others. */
  private int enclosingLine(int before, int indent) {
    for (int i = before; i >= 1; i--) {
      String text = lines.get(i - 1);
      if (isContent(text) && keyIndent(text) < indent) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isContent(String text) {
    String stripped = text.strip();
    return !stripped.isEmpty() && !stripped.startsWith("#");
  }

  private static int indent(String text) {
    int i = 0;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /** Where the key of a line starts: after its indentation and any "- " of a list item. */
  private static int keyIndent(String text) {
    int i = indent(text);
    while (text.startsWith("- ", i)) {
      i += 2;
      while (i < text.length() && text.charAt(i) == ' ') {
        i++;
      }
    }
    return i;
  }

  /** The key of a "key: value" line (list dashes skipped), or null. */
  private static String key(String text) {
    String rest = text.substring(keyIndent(text));
    int colon = rest.indexOf(':');
    if (colon <= 0 || colon + 1 < rest.length() && rest.charAt(colon + 1) != ' ') {
      return null;
    }
    String key = rest.substring(0, colon).strip();
    return key.isEmpty() || key.contains(" ") && !key.startsWith("\"") ? null : key;
  }

  private static String keyOf(String text) {
    String key = key(text);
    return key == null ? "the line above" : "'" + key + ":'";
  }

  private static String describe(int line, String text) {
    String key = key(text);
    return (key == null ? "the line" : "'" + key + ":'") + " on line " + line;
  }

  private static String spaces(int n) {
    return n + (n == 1 ? " space" : " spaces");
  }
}
