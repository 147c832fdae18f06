package io.github.spaceliftoidc.core.problem;


/**
 * One mistake in the user's input: where it is and what to do about it.
 *
 * @param mark the position of the offending value (or key)
 * @param message what is wrong, with the offending value and the fix
 */
public record Problem(Mark mark, String message) implements Comparable<Problem> {

  /** The message is kept printable: a value it quotes from the YAML cannot add or hide lines of the log. */
  public Problem {
    message = Printable.of(message);
  }

  @Override
  public int compareTo(Problem other) {
    int byMark = mark.compareTo(other.mark);
    return byMark != 0 ? byMark : message.compareTo(other.message);
  }

  @Override
  public String toString() {
    return mark + ": " + message;
  }
}
