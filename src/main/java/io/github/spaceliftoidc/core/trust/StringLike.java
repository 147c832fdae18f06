package io.github.spaceliftoidc.core.trust;

/**
 * IAM's {@code StringLike} semantics: {@code *} matches any run of characters (also none), {@code ?} exactly one,
 * everything else itself, case-sensitively.
 */
public final class StringLike {

  private StringLike() {}

  /** Whether {@code value} matches {@code pattern}. */
  public static boolean matches(String pattern, String value) {
    // Greedy matching with backtracking to the last star: linear for patterns without stars.
    int p = 0;
    int v = 0;
    int starP = -1;
    int starV = 0;
    while (v < value.length()) {
      if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
        p++;
        v++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        starP = p++;
        starV = v;
      } else if (starP >= 0) {
        p = starP + 1;
        v = ++starV;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  /**
   * Whether every value that {@code narrow} matches is also matched by {@code wide}. It may answer false for some
   * pairs where that is true, never true where it is false: callers only drop patterns it proves redundant.
   */
  public static boolean covers(String wide, String narrow) {
    int literalPrefix = 0;
    while (literalPrefix < wide.length() && wide.charAt(literalPrefix) != '*' && wide.charAt(literalPrefix) != '?') {
      literalPrefix++;
    }
    if (!narrow.regionMatches(0, wide, 0, literalPrefix)) {
      return false; // quick rejection: most pairs differ early
    }
    boolean[][] reachable = new boolean[wide.length() + 1][narrow.length() + 1];
    reachable[0][0] = true;
    for (int i = 0; i <= wide.length(); i++) {
      for (int j = 0; j <= narrow.length(); j++) {
        if (!reachable[i][j] || i == wide.length()) {
          continue;
        }
        char w = wide.charAt(i);
        if (w == '*') {
          reachable[i + 1][j] = true; // the star matches nothing more
          if (j < narrow.length()) {
            reachable[i][j + 1] = true; // the star absorbs the next token of the narrow pattern, whatever it is
          }
        } else if (j < narrow.length()) {
          char n = narrow.charAt(j);
          boolean literalMatch = w != '?' && n == w && n != '*' && n != '?';
          boolean singleMatch = w == '?' && n != '*';
          if (literalMatch || singleMatch) {
            reachable[i + 1][j + 1] = true;
          }
        }
      }
    }
    return reachable[wide.length()][narrow.length()];
  }
}
