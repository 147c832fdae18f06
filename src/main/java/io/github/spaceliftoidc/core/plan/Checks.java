package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.model.Origin;
import io.github.spaceliftoidc.core.problem.Mark;
import io.github.spaceliftoidc.core.problem.Problems;
import java.util.EnumMap;
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

  /** A warning: nothing fails, but every goal shows it at {@code mark}. */
  void warn(Mark mark, String message) {
    problems.warn(mark, message);
  }

  /**
   * The located warnings of one kind that the log shows before it counts the rest: a warning that repeats for every
   * stack or role of a large organisation would bury everything else (the explain report still lists each one).
   */
  static final int WARNINGS_PER_KIND = 10;

  /** The kinds of warning that can repeat for every stack or role, and how their summary counts the rest. */
  enum WarningKind {
    WRITE_CAPABLE_POLICY("more roles carry a write-capable AWS-managed policy that runs which should only read may"
        + " assume, as above (the explain report lists each one)"),
    SHARED_APPLY_ROLE("more roles are a stack's apply role that other pull requests may assume, as above (the"
        + " explain report lists each one)"),
    SHARED_STATE("more roles write a stack's state while other stacks' pull requests may assume them, as above"),
    PLAN_ROLE_SESSION_TAGS("more stacks have a planRole without the session tagging of their role, as above"),
    LOCKFILE_EXPERIMENTAL("more stacks use the experimental S3-native locking, as above"),
    DYNAMODB_DEPRECATED("more stacks set the deprecated dynamodbTable, as above");

    final String summary;

    WarningKind(String summary) {
      this.summary = summary;
    }
  }

  private final Map<WarningKind, Integer> warningCounts = new EnumMap<>(WarningKind.class);
  private final Map<WarningKind, Mark> firstUnshown = new EnumMap<>(WarningKind.class);

  /** A warning: nothing fails, but the user should know (see {@link Problems#warn}); only the first few per kind. */
  void warn(WarningKind kind, Mark mark, String message) {
    int count = warningCounts.merge(kind, 1, Integer::sum);
    if (count <= WARNINGS_PER_KIND) {
      problems.warn(mark, message);
    } else {
      firstUnshown.putIfAbsent(kind, mark);
    }
  }

  /** One warning per kind that had more than the log shows, at the first one left out, with the count. */
  void summarizeWarnings() {
    firstUnshown.forEach((kind, mark) -> problems.warn(mark, "and " + (warningCounts.get(kind) - WARNINGS_PER_KIND)
        + " " + kind.summary + "."));
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
