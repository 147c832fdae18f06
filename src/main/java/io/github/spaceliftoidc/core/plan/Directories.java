package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.model.Origin;
import io.github.spaceliftoidc.core.problem.Mark;
import io.github.spaceliftoidc.core.write.Manifest;
import io.github.spaceliftoidc.core.write.OutputWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The output directories that accounts and stacks claim, each checked and given to one of them only. */
final class Directories {

  /**
   * The names of the files the plugin generates into a directory (the renderer's; a test keeps the two in step):
   * no directory may have one of them as a name, or it would clash with a generated file.
   */
  static final Set<String> GENERATED_FILE_NAMES = Set.of("spacelift-oidc-iam.tf", "spacelift-oidc-provider.tf",
      "spacelift-oidc-before-init.sh");
  /** The writer's own files at the top of the output directory. */
  static final Set<String> WRITER_FILE_NAMES = Set.of(Manifest.FILE_NAME, OutputWriter.LOCK_FILE);

  private final Checks checks;
  private final Map<String, String> owners = new HashMap<>();

  Directories(Checks checks) {
    this.checks = checks;
  }

  /**
   * Checks a directory and that no earlier account or stack uses it.
   *
   * @param what the claimant, for messages
   * @param nameKey the key the default directory derives from ({@code name} or {@code id})
   * @param duplicateName whether that name is a reported duplicate: then its default directory clashes by itself
   */
  void claim(String directory, Origin origin, String what, String nameKey, boolean duplicateName) {
    if (directory == null) {
      return;
    }
    boolean explicit = origin.has("directory");
    Mark mark = explicit ? origin.at("directory") : origin.at(nameKey);
    if (!checks.check(Rules.directory(directory), mark, what + ": directory '" + directory + "'")) {
      return;
    }
    if (!explicit && duplicateName) {
      return;
    }
    String normalized = Rules.normalizeDirectory(directory);
    String previous = owners.putIfAbsent(normalized, what);
    if (previous != null) {
      checks.add(mark, what + " generates into '" + normalized + "'" + (explicit ? "" : " (the default for its "
          + nameKey + ")") + ", which " + previous + " already uses; a directory holds one provider configuration,"
          + " so give each its own directory.");
    }
  }
}
