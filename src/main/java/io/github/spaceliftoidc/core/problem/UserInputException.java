package io.github.spaceliftoidc.core.problem;

/**
 * A failure the user caused and can fix: bad YAML, a foreign file in the way, stale output in {@code check}. The
 * message is complete and written for the user; no stack trace is useful.
 */
public class UserInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UserInputException(String message) {
    super(message);
  }
}
