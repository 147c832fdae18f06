package io.github.spaceliftoidc.core.write;

import java.util.ArrayList;
import java.util.List;

/** A short unified diff of two texts, for telling a user what {@code check} found. */
final class LineDiff {

  private LineDiff() {}

  /** Beyond this many lines on either side, the diff only says how many lines differ. */
  private static final int MAX_LINES = 2000;

  /**
   * The changed lines with one line of context each, at most {@code maxOutputLines} of them.
   *
   * @param before the file on disk
   * @param after the generated content
   */
  static String unified(String path, String before, String after, int maxOutputLines) {
    String[] a = before.split("\n", -1);
    String[] b = after.split("\n", -1);
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(path).append(" (on disk)\n");
    out.append("+++ ").append(path).append(" (generated)\n");
    if (a.length > MAX_LINES || b.length > MAX_LINES) {
      out.append("@@ ").append(a.length).append(" lines on disk, ").append(b.length).append(" generated @@\n");
      return out.toString();
    }
    List<String> lines = diffLines(a, b);
    int shown = 0;
    for (String line : lines) {
      if (shown++ >= maxOutputLines) {
        out.append("... (").append(lines.size() - maxOutputLines).append(" more diff lines)\n");
        break;
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /** Lines prefixed with ' ', '-' or '+', keeping one line of context around each change. */
  private static List<String> diffLines(String[] a, String[] b) {
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> all = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i].equals(b[j])) {
        all.add(" " + a[i]);
        i++;
        j++;
      } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
        all.add("-" + a[i++]); // removed lines first, as diff and git show them
      } else {
        all.add("+" + b[j++]);
      }
    }
    List<String> kept = new ArrayList<>();
    for (int k = 0; k < all.size(); k++) {
      boolean changed = all.get(k).charAt(0) != ' ';
      boolean nearChange = (k > 0 && all.get(k - 1).charAt(0) != ' ')
          || (k + 1 < all.size() && all.get(k + 1).charAt(0) != ' ');
      if (changed || nearChange) {
        kept.add(all.get(k));
      } else if (!kept.isEmpty() && !kept.get(kept.size() - 1).equals("...")) {
        kept.add("...");
      }
    }
    if (!kept.isEmpty() && kept.get(kept.size() - 1).equals("...")) {
      kept.remove(kept.size() - 1);
    }
    return kept;
  }
}
