package io.github.spaceliftoidc.core.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Brings rendered HCL to exactly what {@code terraform fmt} writes, so that templates need not care about
 * indentation or the alignment of {@code =}.
 *
 * <p>It follows hclwrite's own passes ({@code format.go}): the indent of a line is two spaces per entry of a stack
 * that grows by one entry for each line that opens brackets (however many) and shrinks as they close; a line is an
 * "assignment" when its first {@code =} is not its first token and the brackets after it balance; consecutive
 * assignments align their {@code =} one column after the widest left-hand side (in grapheme clusters), and trailing
 * comments align likewise. On top of that it drops trailing whitespace, collapses runs of blank lines, removes blank
 * lines just inside brackets and at either end, and ends the file with one newline, which keeps templates free to
 * leave blank lines behind conditionals. Spacing within a line is the template's responsibility. Heredoc bodies are
 * left untouched, and so are the inner lines of a multi-line comment; like hclwrite, alignment sees either as part of
 * the line that opens it.
 */
public final class HclFormatter {

  private HclFormatter() {}

  /** Formats a whole file. */
  public static String format(String source) {
    List<Line> lines = collapseBlankLines(scan(source));
    indent(lines);
    alignAssignments(lines);
    alignComments(lines);
    StringBuilder out = new StringBuilder(source.length() + source.length() / 4);
    for (Line line : lines) {
      line.appendTo(out);
      out.append('\n');
    }
    return out.toString();
  }

  /** One source line split into hclwrite's cells. */
  private static final class Line {
    final String code; // the line without its trailing comment, trimmed; the whole line for verbatim lines
    final String comment; // a trailing comment, or null
    final boolean verbatim; // heredoc body: never touched
    final int netBrackets; // as hclwrite counts them for indentation
    final int assignAt; // index of the "=" that starts the assign cell, or -1
    final boolean opens; // ends with an opening bracket
    final boolean closesFirst; // starts with a closing bracket
    // The cells, computed once: alignment asks for their widths several times, and thousands of files add up.
    final String lead;
    final String assign;
    final int leadWidth;
    int indent;
    int assignPad = 1;
    int commentPad = 1;

    Line(String code, String comment, boolean verbatim, int netBrackets, int assignAt) {
      this.code = code;
      this.comment = comment;
      this.verbatim = verbatim;
      this.netBrackets = netBrackets;
      this.assignAt = assignAt;
      this.opens = !code.isEmpty() && "{[(".indexOf(code.charAt(code.length() - 1)) >= 0;
      this.closesFirst = !code.isEmpty() && "}])".indexOf(code.charAt(0)) >= 0;
      this.lead = assignAt < 0 ? code : code.substring(0, assignAt).stripTrailing();
      this.assign = assignAt < 0 ? "" : "= " + code.substring(assignAt + 1).strip();
      this.leadWidth = columns(lead);
    }

    boolean blank() {
      return !verbatim && code.isEmpty() && comment == null;
    }

    int leadColumns() {
      return indent + leadWidth;
    }

    int codeColumns() {
      return assignAt < 0 ? leadColumns() : leadColumns() + assignPad + columns(assign);
    }

    /** Appends the formatted line, without its line break. */
    void appendTo(StringBuilder out) {
      if (verbatim) {
        out.append(code);
        return;
      }
      if (blank()) {
        return;
      }
      spaces(out, indent);
      if (code.isEmpty()) {
        out.append(comment); // a comment line
        return;
      }
      out.append(lead);
      if (assignAt >= 0) {
        spaces(out, assignPad);
        out.append(assign);
      }
      if (comment != null) {
        spaces(out, commentPad);
        out.append(comment);
      }
    }

    private static void spaces(StringBuilder out, int count) {
      for (int i = 0; i < count; i++) {
        out.append(' ');
      }
    }
  }

  private static List<Line> scan(String source) {
    String[] raw = source.replace("\r\n", "\n").split("\n", -1);
    List<Line> lines = new ArrayList<>(raw.length);
    String heredocEnd = null;
    boolean inBlockComment = false;
    for (String text : raw) {
      if (heredocEnd != null) {
        lines.add(new Line(text, null, true, 0, -1)); // the string's content: even trailing spaces stay
        if (text.strip().equals(heredocEnd)) {
          heredocEnd = null;
        }
        continue;
      }
      if (inBlockComment) {
        lines.add(new Line(text, null, true, 0, -1)); // inside one comment token, which hclwrite never touches
        inBlockComment = !text.contains("*/");
        continue;
      }
      Scanner scanner = new Scanner(text.strip());
      scanner.run();
      lines.add(new Line(scanner.code, scanner.comment, false, scanner.netBrackets, scanner.assignAt));
      heredocEnd = scanner.heredocEnd;
      inBlockComment = scanner.blockCommentOpen;
    }
    return lines;
  }

  /** Blank lines: at most one in a row, none just inside brackets, none at either end. */
  private static List<Line> collapseBlankLines(List<Line> lines) {
    List<Line> kept = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      if (line.blank()) {
        Line previous = kept.isEmpty() ? null : kept.get(kept.size() - 1);
        Line next = nextNonBlank(lines, i + 1);
        boolean redundant = previous == null || previous.blank() || next == null
            || (previous.opens && !previous.verbatim) || (next.closesFirst && !next.verbatim);
        if (redundant) {
          continue;
        }
      }
      kept.add(line);
    }
    return kept;
  }

  private static Line nextNonBlank(List<Line> lines, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (!lines.get(i).blank()) {
        return lines.get(i);
      }
    }
    return null;
  }

  private static void indent(List<Line> lines) {
    List<Integer> indents = new ArrayList<>();
    for (Line line : lines) {
      if (line.verbatim || line.blank()) {
        continue;
      }
      int net = line.netBrackets;
      if (net > 0) {
        line.indent = 2 * indents.size();
        indents.add(net);
      } else if (net < 0) {
        int closed = -net;
        while (closed > 0 && !indents.isEmpty()) {
          int top = indents.get(indents.size() - 1);
          if (closed > top) {
            closed -= top;
            indents.remove(indents.size() - 1);
          } else if (closed < top) {
            indents.set(indents.size() - 1, top - closed);
            closed = 0;
          } else {
            indents.remove(indents.size() - 1);
            closed = 0;
          }
        }
        line.indent = 2 * indents.size();
      } else {
        line.indent = 2 * indents.size();
      }
    }
  }

  private static void alignAssignments(List<Line> lines) {
    int chainStart = -1;
    int maxColumns = 0;
    for (int i = 0; i <= lines.size(); i++) {
      Line line = i < lines.size() ? lines.get(i) : null;
      if (line != null && line.verbatim) {
        continue; // hclwrite sees a heredoc as part of its opening line: the chain goes on after it
      }
      if (line == null || line.assignAt < 0) {
        if (chainStart >= 0) {
          for (Line chained : lines.subList(chainStart, i)) {
            if (!chained.verbatim) {
              chained.assignPad = maxColumns - chained.leadColumns() + 1;
            }
          }
          chainStart = -1;
          maxColumns = 0;
        }
      } else {
        chainStart = chainStart < 0 ? i : chainStart;
        maxColumns = Math.max(maxColumns, line.leadColumns());
      }
    }
  }

  private static void alignComments(List<Line> lines) {
    int chainStart = -1;
    int maxColumns = 0;
    for (int i = 0; i <= lines.size(); i++) {
      Line line = i < lines.size() ? lines.get(i) : null;
      boolean hasCell = line != null && !line.verbatim && line.comment != null && !line.code.isEmpty();
      if (!hasCell) {
        if (chainStart >= 0) {
          for (Line chained : lines.subList(chainStart, i)) {
            chained.commentPad = maxColumns - chained.codeColumns() + 1;
          }
          chainStart = -1;
          maxColumns = 0;
        }
      } else {
        chainStart = chainStart < 0 ? i : chainStart;
        maxColumns = Math.max(maxColumns, line.codeColumns());
      }
    }
  }

  /**
   * Width in columns as hclwrite measures it: grapheme clusters, counted token by token. A cluster never spans two
   * tokens, so a combining mark that starts a string's text does not merge with the opening quote, and a prepended
   * character at the end of the text does not merge with the closing quote.
   */
  static int columns(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 128) {
        return tokenColumns(text);
      }
    }
    return text.length(); // ASCII: one column per character
  }

  private static int tokenColumns(String text) {
    int columns = 0;
    java.util.ArrayDeque<int[]> interpolations = new java.util.ArrayDeque<>(); // brace depth within each open ${
    boolean inString = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '"') {
          inString = false;
          columns++;
          i++;
        } else if (opensInterpolation(text, i)) {
          inString = false;
          interpolations.push(new int[] {0});
          columns += 2;
          i += 2;
        } else {
          int end = literalEnd(text, i);
          columns += Graphemes.count(text.substring(i, end));
          i = end;
        }
      } else if (c == '"') {
        inString = true;
        columns++;
        i++;
      } else if (text.startsWith("/*", i)) {
        int close = text.indexOf("*/", i + 2);
        int end = close < 0 ? text.length() : close + 2;
        columns += Graphemes.count(text.substring(i, end)); // a comment is one token
        i = end;
      } else if (c == '}' && !interpolations.isEmpty() && interpolations.peek()[0] == 0) {
        interpolations.pop();
        inString = true; // back in the string the interpolation is part of
        columns++;
        i++;
      } else if (c < 128 && !Character.isLetterOrDigit(c) && c != '_' && c != '-') {
        if (!interpolations.isEmpty() && (c == '{' || c == '}')) {
          interpolations.peek()[0] += c == '{' ? 1 : -1;
        }
        columns++; // punctuation, operators and spaces: one column each
        i++;
      } else {
        int end = i;
        while (end < text.length() && (text.charAt(end) >= 128 || Character.isLetterOrDigit(text.charAt(end))
            || text.charAt(end) == '_' || text.charAt(end) == '-')) {
          end++;
        }
        columns += Graphemes.count(text.substring(i, end)); // an identifier or a number
        i = end;
      }
    }
    return columns;
  }

  /** Whether a template interpolation or directive starts at {@code i} (not its <code>$${</code> escape). */
  private static boolean opensInterpolation(String text, int i) {
    char c = text.charAt(i);
    return (c == '$' || c == '%') && text.startsWith("{", i + 1) && (i == 0 || text.charAt(i - 1) != c);
  }

  /** The end of the literal text of a quoted string that starts at {@code from}: one token for hclwrite. */
  private static int literalEnd(String text, int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        i = Math.min(text.length(), i + 2);
      } else if (c == '"' || (i > from && opensInterpolation(text, i))) {
        return i;
      } else {
        i++;
      }
    }
    return i;
  }

  /**
   * Finds, in one stripped line, the trailing comment, the assignment's {@code =}, the net bracket count and a heredoc
   * opener, skipping string literals (whose interpolations balance within the line).
   */
  private static final class Scanner {
    private final String text;
    String code;
    String comment;
    int netBrackets;
    int assignAt = -1;
    String heredocEnd;
    boolean blockCommentOpen; // a /* that the line does not close

    Scanner(String text) {
      this.text = text;
    }

    void run() {
      int commentAt = -1;
      int i = 0;
      boolean heredocSeen = false;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c == '"') {
          i = skipString(i + 1);
          continue;
        }
        if (c == '#' || (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/')) {
          commentAt = i;
          break;
        }
        if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
          int end = text.indexOf("*/", i + 2);
          blockCommentOpen = end < 0;
          i = end < 0 ? text.length() : end + 2;
          continue;
        }
        if (c == '<' && text.startsWith("<<", i) && !heredocSeen) {
          String rest = text.substring(i + 2);
          String marker = rest.startsWith("-") ? rest.substring(1) : rest;
          if (marker.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
            heredocEnd = marker;
            heredocSeen = true;
            break;
          }
        }
        if (!heredocSeen) {
          netBrackets += bracketChange(c);
        }
        if (c == '=' && assignAt < 0 && i > 0 && isPlainEquals(i)) {
          assignAt = i;
        }
        i++;
      }
      code = (commentAt < 0 ? text : text.substring(0, commentAt)).stripTrailing();
      comment = commentAt < 0 ? null : text.substring(commentAt).stripTrailing();
      if (code.isEmpty() && comment != null) {
        return; // a comment line: no cells
      }
      if (assignAt >= 0 && bracketsFrom(assignAt) != 0) {
        assignAt = -1; // a multi-line value starts here: not an aligned assignment
      }
    }

    private boolean isPlainEquals(int at) {
      char before = text.charAt(at - 1);
      char after = at + 1 < text.length() ? text.charAt(at + 1) : ' ';
      return "=!<>".indexOf(before) < 0 && after != '=' && after != '>';
    }

    private int bracketsFrom(int from) {
      int net = 0;
      int i = from;
      int end = code.length();
      while (i < end) {
        char c = code.charAt(i);
        if (c == '"') {
          i = skipString(i + 1);
          continue;
        }
        if (c == '/' && i + 1 < end && code.charAt(i + 1) == '*') {
          int close = code.indexOf("*/", i + 2);
          i = close < 0 ? end : close + 2; // brackets in a comment do not count
          continue;
        }
        net += bracketChange(c);
        i++;
      }
      return net;
    }

    /** Returns the index after the closing quote of a string that starts before {@code i}. */
    private int skipString(int i) {
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c == '\\') {
          i += 2;
        } else if (c == '"') {
          return i + 1;
        } else if ((c == '$' || c == '%') && text.startsWith("{", i + 1)) {
          if (i > 0 && text.charAt(i - 1) == c) {
            i += 2; // $${ or %%{: a literal
          } else {
            i = skipInterpolation(i + 2);
          }
        } else {
          i++;
        }
      }
      return i;
    }

    private int skipInterpolation(int i) {
      int depth = 1;
      while (i < text.length() && depth > 0) {
        char c = text.charAt(i);
        if (c == '"') {
          i = skipString(i + 1);
          continue;
        }
        if (c == '{') {
          depth++;
        } else if (c == '}') {
          depth--;
        }
        i++;
      }
      return i;
    }

    private static int bracketChange(char c) {
      return switch (c) {
        case '{', '[', '(' -> 1;
        case '}', ']', ')' -> -1;
        default -> 0;
      };
    }
  }
}
