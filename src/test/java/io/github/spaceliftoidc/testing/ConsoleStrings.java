package io.github.spaceliftoidc.testing;

/** Reads back the quoted string that {@code terraform console} prints for a string value. */
public final class ConsoleStrings {

  private ConsoleStrings() {}

  /** The value of the first quoted line of the console output, with Terraform's (Go's) escapes decoded. */
  public static String decode(String output) {
    String line = output.lines().filter(l -> l.startsWith("\"")).findFirst()
        .orElseThrow(() -> new AssertionError("no string in the console output:\n" + output));
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < line.length() - 1; i++) {
      char c = line.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = line.charAt(++i);
      switch (next) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'x' -> {
          out.append((char) Integer.parseInt(line.substring(i + 1, i + 3), 16)); // e.g. DEL
          i += 2;
        }
        case 'u' -> {
          out.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
          i += 4;
        }
        case 'U' -> {
          out.appendCodePoint(Integer.parseInt(line.substring(i + 1, i + 9), 16));
          i += 8;
        }
        default -> out.append(next); // \" and \\
      }
    }
    return out.toString();
  }
}
