package io.github.spaceliftoidc.core.write;

import io.github.spaceliftoidc.core.problem.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The up-to-date check: whether the inputs and outputs of the last successful run are unchanged, so that a run can
 * skip all work. {@link #none()} is the check of a run without a place to keep it: never up to date, nothing kept.
 */
public interface Fingerprint {

  /**
   * What the last successful run left: its outputs, and the warnings it gave, which still hold for the same inputs.
   *
   * @param outputs paths relative to the output directory, with '/'
   */
  record LastRun(List<String> outputs, List<Problem> warnings) {

    public LastRun {
      outputs = List.copyOf(outputs);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * The last successful run, when it had the same inputs and its outputs are untouched; empty when a run is needed.
   *
   * @param parameters everything else that shapes the output (plugin version, paths, filters, limits)
   * @param configFile the YAML; the other input files are those the last run recorded, since an unchanged YAML
   *     references the same ones
   * @param templateDirectory user templates, or null
   */
  Optional<LastRun> unchangedOutputs(String parameters, Path configFile, Path templateDirectory);

  /** Forgets the last run, e.g. before writing outputs, in case the write fails halfway. */
  void invalidate();

  /**
   * Records a successful run.
   *
   * @param outputs the generated files, relative to the output directory with '/'
   * @param warnings the run's warnings, to repeat when a later run finds nothing changed
   */
  void record(String parameters, List<Path> inputs, Path templateDirectory, List<String> outputs,
      List<Problem> warnings);

  /**
   * The fingerprint kept in {@code workDirectory} for one configuration, output directory and filter.
   *
   * @param key what tells this fingerprint from the others kept there
   * @param outputDirectory what the outputs' paths are relative to
   */
  static Fingerprint in(Path workDirectory, String key, Path outputDirectory) {
    return StampFile.in(workDirectory, key, outputDirectory);
  }

  /** No fingerprint: every run is a full run, and nothing is kept. */
  static Fingerprint none() {
    return None.INSTANCE;
  }

  /** The fingerprint of a run that keeps none. */
  enum None implements Fingerprint {
    INSTANCE;

    @Override
    public Optional<LastRun> unchangedOutputs(String parameters, Path configFile, Path templateDirectory) {
      return Optional.empty();
    }

    @Override
    public void invalidate() {}

    @Override
    public void record(String parameters, List<Path> inputs, Path templateDirectory, List<String> outputs,
        List<Problem> warnings) {}
  }
}
