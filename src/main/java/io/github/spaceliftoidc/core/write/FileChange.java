package io.github.spaceliftoidc.core.write;

/**
 * What a run does, or would do, to one file.
 *
 * @param path relative to the output directory, with forward slashes
 * @param diff for an update, a short unified diff from the file on disk to the generated content; else empty
 */
public record FileChange(String path, Kind kind, String diff) {

  /** The kinds of change. */
  public enum Kind {
    CREATE("create"),
    UPDATE("update"),
    DELETE("delete"),
    UNCHANGED("unchanged");

    private final String verb;

    Kind(String verb) {
      this.verb = verb;
    }

    public String verb() {
      return verb;
    }
  }
}
