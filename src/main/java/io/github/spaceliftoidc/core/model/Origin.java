package io.github.spaceliftoidc.core.model;

import io.github.spaceliftoidc.core.problem.Mark;
import java.util.Map;

/**
 * Where a model element and each of its keys' values were written, so that a check far from the parser can still
 * point at the offending value.
 *
 * @param mark the element itself (its first key)
 * @param values the position of each key's value, by key
 */
public record Origin(Mark mark, Map<String, Mark> values) {

  public Origin {
    values = Map.copyOf(values);
  }

  /** An origin for elements built in code (tests, defaults). */
  public static Origin synthetic(String file) {
    return new Origin(Mark.ofFile(file), Map.of());
  }

  /** The position of {@code key}'s value, or of the element when the key was not written. */
  public Mark at(String key) {
    return values.getOrDefault(key, mark);
  }

  /** Whether the user wrote {@code key}, as opposed to relying on its default. */
  public boolean has(String key) {
    return values.containsKey(key);
  }
}
