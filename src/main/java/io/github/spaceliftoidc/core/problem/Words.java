package io.github.spaceliftoidc.core.problem;

import java.util.List;

/** Small pieces of English that messages and reports share. */
public final class Words {

  private Words() {}

  /** "a", "a and b", "a, b and c". */
  public static String sentence(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }

  /** {@code text} with its first character in upper case. */
  public static String capitalised(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
