package io.github.spaceliftoidc.core.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects problems so that the user sees all of them in one build, not one per build; and warnings, which fail
 * nothing but say what the user should know (a deprecated setting, a pattern that covers more than its author may
 * think).
 */
public final class Problems {

  private final List<Problem> problems = new ArrayList<>();
  private final List<Problem> warnings = new ArrayList<>();

  public void add(Mark mark, String message) {
    problems.add(new Problem(mark, message));
  }

  public void addAll(List<Problem> more) {
    problems.addAll(more);
  }

  /** Records a warning: the run goes on, and the tool shows it as a located warning. */
  public void warn(Mark mark, String message) {
    warnings.add(new Problem(mark, message));
  }

  /** The warnings in file and line order, without exact repeats. */
  public List<Problem> warnings() {
    return warnings.stream().distinct().sorted().toList();
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public int size() {
    return problems.size();
  }

  /** The problems in file and line order, without exact repeats. */
  public List<Problem> sorted() {
    return problems.stream().distinct().sorted().toList();
  }

  /** Fails with every problem collected so far, if there is any. */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(sorted());
    }
  }
}
