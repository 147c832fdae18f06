package io.github.spaceliftoidc.core.problem;

/**
 * A position in an input file, 1-based, as a compiler would print it.
 *
 * @param file the file as it should be shown to the user (usually relative to the project)
 * @param line 1-based line
 * @param column 1-based column
 */
public record Mark(String file, int line, int column) implements Comparable<Mark> {

  /** A mark for problems that concern a whole file rather than a place in it. */
  public static Mark ofFile(String file) {
    return new Mark(file, 1, 1);
  }

  @Override
  public int compareTo(Mark other) {
    int byFile = file.compareTo(other.file);
    if (byFile != 0) {
      return byFile;
    }
    return line != other.line ? Integer.compare(line, other.line) : Integer.compare(column, other.column);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
