package io.github.spaceliftoidc.core.problem;

/**
 * Values as Markdown that nothing in them can turn live: the report that CI posts on a pull request shows values
 * from the YAML and from files on disk, both of which a pull request can change.
 */
public final class Markdown {

  private Markdown() {}

  /**
   * {@code value} as a Markdown code span, whatever it holds: the fence is one backtick longer than the longest run
   * of backticks inside, and control characters are escaped, so nothing in it is read as Markdown or HTML and it
   * cannot end early.
   */
  public static String code(String value) {
    String content = Printable.of(value);
    int longest = 0;
    int run = 0;
    for (int i = 0; i < content.length(); i++) {
      run = content.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    boolean pad = content.startsWith("`") || content.endsWith("`")
        || content.startsWith(" ") && content.endsWith(" ") && !content.isBlank();
    return content.isEmpty() ? "` `" : fence + (pad ? " " : "") + content + (pad ? " " : "") + fence;
  }

  /**
   * {@code value} as Markdown text: the characters that start emphasis, links, images, HTML, entities, tables or
   * strike-through are backslash-escaped, and so is what would make an autolink (www., ://, @).
   */
  public static String text(String value) {
    String content = Printable.of(value);
    StringBuilder out = new StringBuilder(content.length() + 8);
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      boolean autolink = c == '@' || c == ':' && content.startsWith("//", i + 1)
          || c == '.' && i >= 3 && content.regionMatches(true, i - 3, "www", 0, 3);
      if ("\\`*_[]<>!|~&#".indexOf(c) >= 0 || autolink) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /** Plain words with `code` spans (as the trust words write them) as Markdown: both parts escaped. */
  public static String withCodeSpans(String words) {
    String[] parts = words.split("`", -1);
    if (parts.length % 2 == 0) {
      return text(words); // an odd number of backticks: no spans to trust
    }
    StringBuilder out = new StringBuilder(words.length() + 8);
    for (int i = 0; i < parts.length; i++) {
      out.append(i % 2 == 0 ? text(parts[i]) : code(parts[i]));
    }
    return out.toString();
  }
}
