package io.github.spaceliftoidc.core.problem;

/**
 * Text as a message may show it: control characters (a NUL, an escape sequence, a line break inside a value) and
 * the invisible characters that reorder text (bidirectional controls) are written as escapes, {@code \n} or
 * {@code \u001B}, so that a value from the YAML can neither hide, reorder nor forge lines of the build log.
 */
public final class Printable {

  private Printable() {}

  /** {@code text} with every control and bidirectional formatting character escaped; the same text if it has none. */
  public static String of(String text) {
    int first = firstUnprintable(text);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!unprintable(c)) {
        out.append(c);
        continue;
      }
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\0' -> out.append("\\0");
        default -> out.append(String.format("\\u%04X", (int) c));
      }
    }
    return out.toString();
  }

  private static int firstUnprintable(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (unprintable(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean unprintable(char c) {
    return Character.isISOControl(c) || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069'
        || c == '\u2028' || c == '\u2029' || c == '\u200E' || c == '\u200F' || c == '\u061C';
  }
}
