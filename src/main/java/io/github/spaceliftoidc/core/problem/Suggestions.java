package io.github.spaceliftoidc.core.problem;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt keys and names. */
public final class Suggestions {

  private Suggestions() {}

  /** The closest candidate, if it is close enough to be a plausible typo. */
  public static Optional<String> closest(String wrong, Collection<String> candidates) {
    String lower = wrong.toLowerCase(Locale.ROOT);
    return candidates.stream()
        .filter(candidate -> isPlausible(lower, candidate.toLowerCase(Locale.ROOT)))
        .min(Comparator.comparingInt((String candidate) -> distance(lower, candidate.toLowerCase(Locale.ROOT)))
            .thenComparing(Comparator.naturalOrder()));
  }

  /** " Did you mean 'x'?" or nothing. */
  public static String didYouMean(String wrong, Collection<String> candidates) {
    return closest(wrong, candidates).map(hit -> " Did you mean '" + hit + "'?").orElse("");
  }

  private static boolean isPlausible(String wrong, String candidate) {
    if (wrong.equals(candidate)) {
      return true; // differs only in case
    }
    int limit = Math.max(1, Math.min(3, Math.max(wrong.length(), candidate.length()) / 3));
    return distance(wrong, candidate) <= limit;
  }

  /** Optimal string alignment distance: Levenshtein plus transpositions, the usual typos. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
