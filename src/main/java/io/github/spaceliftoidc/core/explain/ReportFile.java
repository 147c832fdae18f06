package io.github.spaceliftoidc.core.explain;

import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.problem.GenerationException;
import io.github.spaceliftoidc.core.problem.Hints;
import io.github.spaceliftoidc.core.problem.UserInputException;
import io.github.spaceliftoidc.core.write.AtomicFiles;
import io.github.spaceliftoidc.core.write.GeneratedFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The explain report as a Markdown file. Like every file the plugin writes, it starts with a header line, and a file
 * without that line is never replaced: a mistyped report file must not overwrite someone's README.
 */
public final class ReportFile {

  /** The generated-code header as a Markdown comment, so that it does not show in the rendered report. */
  public static final String HEADER = "<!-- " + GeneratedFile.HEADER.substring(2) + " -->";

  private ReportFile() {}

  /**
   * Writes the whole report of {@code plan} to {@code file}, replacing only an earlier report.
   *
   * @param hints how the messages name the setting of the report file
   */
  public static void write(GenerationPlan plan, Path file, Hints hints) {
    write("", plan, file, hints);
  }

  /**
   * Writes {@code before} (Markdown sections, such as the trust changes of a run) and then the whole report of
   * {@code plan} to {@code file}, replacing only an earlier report.
   */
  public static void write(String before, GenerationPlan plan, Path file, Hints hints) {
    String content = HEADER + "\n" + before + Explainer.markdown(plan);
    try {
      if (Files.isDirectory(file)) {
        throw new UserInputException("The explain report cannot be written to " + file + ": it is a directory."
            + " Name a file, e.g. " + hints.reportFileExample() + ".");
      }
      if (Files.exists(file) && !isReport(file)) {
        throw new UserInputException("The explain report would replace " + file + ", which does not start with the"
            + " line \"" + HEADER + "\" (the plugin never overwrites a file it did not write); nothing was written."
            + " Name another file, e.g. " + hints.reportFileExample() + ".");
      }
      AtomicFiles.replace(file, content);
    } catch (IOException e) {
      throw new GenerationException("Cannot write the explain report " + file + ": " + e.getMessage()
          + ". Check that the directory is writable.", e);
    }
  }

  private static boolean isReport(Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return HEADER.equals(reader.readLine());
    } catch (CharacterCodingException e) {
      return false; // not UTF-8 text, so not a report of ours
    }
  }
}
