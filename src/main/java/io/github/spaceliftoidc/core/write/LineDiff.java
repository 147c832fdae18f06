package io.github.spaceliftoidc.core.write;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The diff that {@code check} shows for a changed file: unified hunks (java-diff-utils' Myers diff) with their line
 * numbers, each headed, as git heads a hunk with its function, by the Terraform block it changes, e.g.
 * {@code @@ -41,7 +41,7 @@ resource "aws_iam_role" "spacelift_app"}. Only {@code check} computes one, so the classes
 * of the library are never loaded by {@code generate}.
 */
final class LineDiff {

  private LineDiff() {}

  /** Unchanged lines shown around each change, as git and diff -u do. */
  static final int CONTEXT = 3;
  /** Beyond this many lines on either side, the diff only says how many lines there are. */
  private static final int MAX_LINES = 20_000;
  /** A top-level block of HCL, such as <code>resource "aws_iam_role" "app" &#123;</code>: it names what follows. */
  private static final Pattern BLOCK = Pattern.compile("[a-z_]+(?: +\"[^\"]*\")* *\\{");
  private static final Pattern HUNK = Pattern.compile("@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@");

  /**
   * The unified diff, at most {@code maxOutputLines} lines after the two file lines. Line endings do not count: a
   * CRLF checkout is compared as if it had LF.
   *
   * @param before the file on disk
   * @param after the generated content
   */
  static String unified(String path, String before, String after, int maxOutputLines) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    StringBuilder out = new StringBuilder();
    String from = path + " (on disk)";
    String to = path + " (generated)";
    out.append("--- ").append(from).append('\n').append("+++ ").append(to).append('\n');
    if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
      out.append("@@ ").append(a.size()).append(" lines on disk, ").append(b.size())
          .append(" generated: too long to compare line by line @@\n");
      return out.toString();
    }
    Patch<String> patch = DiffUtils.diff(a, b);
    List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(from, to, a, patch, CONTEXT);
    if (unified.size() <= 2) {
      out.append("@@ the lines are the same; only the line break at the end of the file differs @@\n");
      return out.toString();
    }
    List<String> body = withBlockNames(unified.subList(2, unified.size()), a, b);
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      if (body.get(i).startsWith("@@")) {
        starts.add(i);
      }
    }
    starts.add(body.size());
    // Whole hunks while they fit; a first hunk longer than the limit is cut.
    int hunks = starts.size() - 1;
    int shown = 0;
    int whole = 0;
    boolean cut = false;
    for (int h = 0; h < hunks; h++) {
      if (starts.get(h + 1) <= maxOutputLines) {
        shown = starts.get(h + 1);
        whole = h + 1;
      } else {
        if (h == 0) {
          shown = maxOutputLines;
          cut = true;
        }
        break;
      }
    }
    body.subList(0, shown).forEach(line -> out.append(line).append('\n'));
    int leftHunks = hunks - whole - (cut ? 1 : 0);
    if (shown < body.size()) {
      out.append("... (").append(body.size() - shown).append(" more diff lines")
          .append(leftHunks > 0 ? " in " + leftHunks + (leftHunks == 1 ? " more hunk" : " more hunks") : "")
          .append(")\n");
    }
    return out.toString();
  }

  /** The lines of a text, without the empty string after its final line break. */
  private static List<String> lines(String text) {
    String normalized = text.replace("\r\n", "\n");
    if (normalized.endsWith("\n")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    return normalized.isEmpty() ? List.of() : Arrays.asList(normalized.split("\n", -1));
  }

  /**
   * The hunks, each header followed by the name of the block that holds the hunk's first changed line that is not
   * blank (a new block starts with the blank line before it).
   */
  private static List<String> withBlockNames(List<String> hunks, List<String> before, List<String> after) {
    List<String> lines = new ArrayList<>(hunks);
    for (int i = 0; i < lines.size(); i++) {
      Matcher header = HUNK.matcher(lines.get(i));
      if (!header.matches()) {
        continue;
      }
      int old = Integer.parseInt(header.group(1)) - 1;
      int generated = Integer.parseInt(header.group(2)) - 1;
      String block = null;
      String fallback = null;
      for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("@@") && block == null; j++) {
        String line = lines.get(j);
        char kind = line.isEmpty() ? ' ' : line.charAt(0);
        if (kind == '-' || kind == '+') {
          String name = kind == '-' ? blockOf(before, old) : blockOf(after, generated);
          if (line.isBlank() || line.substring(1).isBlank()) {
            fallback = fallback == null ? name : fallback;
          } else {
            block = name;
          }
        }
        old += kind == '+' ? 0 : 1;
        generated += kind == '-' ? 0 : 1;
      }
      String name = block != null ? block : fallback;
      if (name != null) {
        lines.set(i, lines.get(i) + " " + name);
      }
    }
    return lines;
  }

  /**
   * The block that line {@code index} belongs to, without its brace: the nearest top-level block header at or above
   * it, or, for a comment right above a block (as each role's comment is), that block; null when there is none.
   */
  private static String blockOf(List<String> lines, int index) {
    for (int i = index; i >= 0 && i < lines.size() && lines.get(i).startsWith("#"); i++) {
      if (i + 1 < lines.size() && BLOCK.matcher(lines.get(i + 1)).matches()) {
        String line = lines.get(i + 1);
        return line.substring(0, line.length() - 1).stripTrailing();
      }
    }
    for (int i = Math.min(index, lines.size() - 1); i >= 0; i--) {
      String line = lines.get(i);
      if (BLOCK.matcher(line).matches()) {
        return line.substring(0, line.length() - 1).stripTrailing();
      }
    }
    return null;
  }
}
