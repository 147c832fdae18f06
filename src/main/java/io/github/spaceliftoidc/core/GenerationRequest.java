package io.github.spaceliftoidc.core;

import io.github.spaceliftoidc.core.plan.Planner;
import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.problem.Hints;
import java.nio.file.Path;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Everything a run needs, immutable. Built by the mojos from their parameters, or by tests.
 *
 * @param configFile the YAML
 * @param outputDirectory where relative directories of the YAML resolve
 * @param baseDirectory messages show paths relative to it (the Maven project's base directory)
 * @param workDirectory where the up-to-date fingerprint is kept, or null to always run
 * @param templateDirectory user templates that replace bundled ones, or null
 * @param selection which stacks and accounts to generate
 * @param maxTrustPolicySize the trust policy quota
 * @param pluginVersion part of the fingerprint: a new plugin version regenerates
 * @param hints how messages name the commands and settings of the tool that runs the core
 */
public record GenerationRequest(
    Path configFile,
    Path outputDirectory,
    Path baseDirectory,
    Path workDirectory,
    Path templateDirectory,
    Selection selection,
    int maxTrustPolicySize,
    String pluginVersion,
    Hints hints) {

  public GenerationRequest {
    Objects.requireNonNull(configFile, "a request needs the configuration file");
    Objects.requireNonNull(outputDirectory, "a request needs the output directory");
    Objects.requireNonNull(baseDirectory, "a request needs the base directory");
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(pluginVersion, "pluginVersion");
    Objects.requireNonNull(hints, "hints");
    configFile = configFile.toAbsolutePath().normalize();
    outputDirectory = outputDirectory.toAbsolutePath().normalize();
    baseDirectory = baseDirectory.toAbsolutePath().normalize();
    workDirectory = workDirectory == null ? null : workDirectory.toAbsolutePath().normalize();
    templateDirectory = templateDirectory == null ? null : templateDirectory.toAbsolutePath().normalize();
  }

  /**
   * A request with the defaults: output next to the YAML, no fingerprint, no filter, the default quota, and messages
   * that name no tool.
   */
  public static GenerationRequest of(Path configFile) {
    Path directory = configFile.toAbsolutePath().getParent();
    return new GenerationRequest(configFile, directory, directory, null, null, Selection.ALL,
        Planner.defaultTrustPolicyLimit(), "dev", Hints.NEUTRAL);
  }

  public GenerationRequest withOutputDirectory(Path directory) {
    return new GenerationRequest(configFile, directory, baseDirectory, workDirectory, templateDirectory, selection,
        maxTrustPolicySize, pluginVersion, hints);
  }

  public GenerationRequest withSelection(Selection newSelection) {
    return new GenerationRequest(configFile, outputDirectory, baseDirectory, workDirectory, templateDirectory,
        newSelection, maxTrustPolicySize, pluginVersion, hints);
  }

  public GenerationRequest withMaxTrustPolicySize(int size) {
    return new GenerationRequest(configFile, outputDirectory, baseDirectory, workDirectory, templateDirectory,
        selection, size, pluginVersion, hints);
  }

  public GenerationRequest withHints(Hints newHints) {
    return new GenerationRequest(configFile, outputDirectory, baseDirectory, workDirectory, templateDirectory,
        selection, maxTrustPolicySize, pluginVersion, newHints);
  }

  /** The configuration file as messages show it: relative to the base directory when inside it. */
  public String configDisplayName() {
    Path shown = configFile.startsWith(baseDirectory) ? baseDirectory.relativize(configFile) : configFile;
    return shown.toString().replace('\\', '/');
  }

  /** Every setting that shapes the output, for the fingerprint. */
  String fingerprintParameters() {
    return String.join("\n",
        "plugin " + pluginVersion,
        "config " + configFile,
        "output " + outputDirectory,
        "templates " + templateDirectory,
        "stacks " + new TreeSet<>(selection.stacks()),
        "accounts " + new TreeSet<>(selection.accounts()),
        "trust policy limit " + maxTrustPolicySize,
        "manifest by " + hints.generator());
  }

  /**
   * What tells this request's fingerprint from the others in the work directory: one per configuration, output
   * directory and filter, so that executions never share one. The filter is sorted: a Set's order may differ from one
   * JVM to the next, and the fingerprint must be found again.
   */
  String fingerprintKey() {
    return configFile + "\n" + outputDirectory + "\n" + new TreeSet<>(selection.stacks()) + "\n"
        + new TreeSet<>(selection.accounts());
  }
}
