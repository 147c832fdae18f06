package io.github.spaceliftoidc.core.problem;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration has one or more problems; all of them are listed. */
public final class InvalidConfigurationException extends UserInputException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public InvalidConfigurationException(List<Problem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    String heading = problems.size() == 1
        ? "The Spacelift OIDC configuration has 1 problem; nothing was written:"
        : "The Spacelift OIDC configuration has " + problems.size() + " problems; nothing was written:";
    return problems.stream().map(Problem::toString).collect(Collectors.joining("\n", heading + "\n", ""));
  }
}
