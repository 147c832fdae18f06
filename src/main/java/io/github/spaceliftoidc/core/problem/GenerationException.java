package io.github.spaceliftoidc.core.problem;

/**
 * An unexpected failure inside the plugin or its environment (I/O, a broken template). The message says what was
 * being done and to which file, so that the user can act on it; the cause is kept for the stack trace.
 */
public final class GenerationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public GenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
