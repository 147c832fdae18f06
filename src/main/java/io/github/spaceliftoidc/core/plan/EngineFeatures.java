package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.model.Engine;
import io.github.spaceliftoidc.core.model.RunType;
import java.util.List;

/**
 * What the engine and version that run the stacks support, as their changelogs and sources say (the README's OpenTofu
 * section cites them). A version that does not parse (reported) gets the features of the newest release.
 *
 * @param legacy before 1.6.0: the S3 backend cannot assume a role with OIDC, a before_init script does it
 * @param phaseAware whether the provider can tell the apply phase from planning ({@code terraform.applying})
 * @param lockfile whether the S3 backend has {@code use_lockfile}
 * @param lockfileByDefault whether S3-native locking is the engine's recommended lock, and so the plugin's default
 */
record EngineFeatures(Engine engine, String version, boolean legacy, boolean phaseAware, boolean lockfile,
    boolean lockfileByDefault) {

  /** The features of {@code version} of {@code engine}; null for a version that does not parse. */
  static EngineFeatures of(Engine engine, String text, Versions.Version version) {
    boolean terraform = engine == Engine.TERRAFORM;
    if (version == null) {
      return new EngineFeatures(engine, text, false, true, true, true);
    }
    boolean lockfile = atLeast(version, Versions.LOCKFILE);
    boolean lockfileGa = terraform ? atLeast(version, Versions.LOCKFILE_GA_TERRAFORM) : lockfile;
    return new EngineFeatures(engine, text,
        !atLeast(version, Versions.OIDC_BACKEND),
        atLeast(version, terraform ? Versions.PHASES_TERRAFORM : Versions.PHASES_OPENTOFU),
        lockfile, lockfileGa);
  }

  /** Whether {@code use_lockfile} is there but still experimental (Terraform 1.10). */
  boolean lockfileExperimental() {
    return lockfile && !lockfileByDefault;
  }

  /** Whether the S3 backend deprecates {@code dynamodb_table}: Terraform from the release that made the lock file GA. */
  boolean dynamodbDeprecated() {
    return engine == Engine.TERRAFORM && lockfileByDefault;
  }

  private static boolean atLeast(Versions.Version version, Versions.Version floor) {
    return version.compareTo(floor) >= 0;
  }

  /**
   * The run types whose provider assumes the apply role in every phase. With phases, a tracked run plans with the
   * plan role and applies with the apply role; without, its run type is all the provider knows. Terraform keeps
   * {@code terraform.applying} false while it applies a destroy plan, so destroy runs go by their type either way;
   * tasks run commands that may change anything.
   */
  List<RunType> applyRunTypes() {
    return phaseAware ? List.of(RunType.TASK, RunType.DESTROY, RunType.TESTING)
        : List.of(RunType.TRACKED, RunType.TASK, RunType.DESTROY, RunType.TESTING);
  }

  /** "Terraform 1.11.4". */
  String describe() {
    return engine.displayName() + " " + version;
  }
}
