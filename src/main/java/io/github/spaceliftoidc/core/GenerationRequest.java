package io.github.spaceliftoidc.core;

import io.github.spaceliftoidc.core.plan.Planner;
import io.github.spaceliftoidc.core.plan.Selection;
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
 */
public record GenerationRequest(
    Path configFile,
    Path outputDirectory,
    Path baseDirectory,
    Path workDirectory,
    Path templateDirectory,
    Selection selection,
    int maxTrustPolicySize,
    String pluginVersion) {

  public GenerationRequest {
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    Objects.requireNonNull(baseDirectory, "baseDirectory");
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(pluginVersion, "pluginVersion");
    configFile = configFile.toAbsolutePath().normalize();
    outputDirectory = outputDirectory.toAbsolutePath().normalize();
    baseDirectory = baseDirectory.toAbsolutePath().normalize();
    workDirectory = workDirectory == null ? null : workDirectory.toAbsolutePath().normalize();
    templateDirectory = templateDirectory == null ? null : templateDirectory.toAbsolutePath().normalize();
  }

  /** A request with the defaults: output next to the YAML, no fingerprint, no filter, the default quota. */
  public static GenerationRequest of(Path configFile) {
    Path directory = configFile.toAbsolutePath().getParent();
    return new GenerationRequest(configFile, directory, directory, null, null, Selection.ALL,
        Planner.defaultTrustPolicyLimit(), "dev");
  }

  public GenerationRequest withOutputDirectory(Path directory) {
    return new GenerationRequest(configFile, directory, baseDirectory, workDirectory, templateDirectory, selection,
        maxTrustPolicySize, pluginVersion);
  }

  public GenerationRequest withWorkDirectory(Path directory) {
    return new GenerationRequest(configFile, outputDirectory, baseDirectory, directory, templateDirectory, selection,
        maxTrustPolicySize, pluginVersion);
  }

  public GenerationRequest withTemplateDirectory(Path directory) {
    return new GenerationRequest(configFile, outputDirectory, baseDirectory, workDirectory, directory, selection,
        maxTrustPolicySize, pluginVersion);
  }

  public GenerationRequest withSelection(Selection newSelection) {
    return new GenerationRequest(configFile, outputDirectory, baseDirectory, workDirectory, templateDirectory,
        newSelection, maxTrustPolicySize, pluginVersion);
  }

  public GenerationRequest withMaxTrustPolicySize(int size) {
    return new GenerationRequest(configFile, outputDirectory, baseDirectory, workDirectory, templateDirectory,
        selection, size, pluginVersion);
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
        "maxTrustPolicySize " + maxTrustPolicySize);
  }
}
