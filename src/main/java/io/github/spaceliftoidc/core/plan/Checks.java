package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.model.Origin;
import io.github.spaceliftoidc.core.problem.Mark;
import io.github.spaceliftoidc.core.problem.Problems;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The planner's way of reporting: {@link Rules} verdicts and uniqueness checks, as located problems. */
final class Checks {

  private final Problems problems;

  Checks(Problems problems) {
    this.problems = problems;
  }

  void add(Mark mark, String message) {
    problems.add(mark, message);
  }

  /** A warning: nothing fails, but the user should know (see {@link Problems#warn}). */
  void warn(Mark mark, String message) {
    problems.warn(mark, message);
  }

  /** Reports {@code failure}, if any, as "what: failure."; returns whether the value passed. */
  boolean check(Optional<String> failure, Mark mark, String what) {
    failure.ifPresent(message -> problems.add(mark, what + ": " + message + "."));
    return failure.isEmpty();
  }

  /** Reports every item whose key an earlier item already has, naming the line of the first. */
  <T> void unique(List<T> items, Function<T, String> key, Function<T, Origin> origin, String keyName,
      String kind) {
    Map<String, T> seen = new HashMap<>();
    for (T item : items) {
      String value = key.apply(item);
      if (value == null) {
        continue;
      }
      T previous = seen.putIfAbsent(value, item);
      if (previous != null) {
        problems.add(origin.apply(item).at(keyName), "duplicate " + kind + " " + keyName + " '" + value
            + "' (first at line " + origin.apply(previous).at(keyName).line() + "); each " + kind
            + " needs its own " + keyName + ".");
      }
    }
  }

  /** The values that occur more than once, for skipping checks that would only repeat "duplicate ...". */
  static <T> Set<String> duplicates(List<T> items, Function<T, String> key) {
    Set<String> seen = new HashSet<>();
    Set<String> repeated = new HashSet<>();
    for (T item : items) {
      String value = key.apply(item);
      if (value != null && !seen.add(value)) {
        repeated.add(value);
      }
    }
    return repeated;
  }
}
