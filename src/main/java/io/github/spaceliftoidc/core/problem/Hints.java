package io.github.spaceliftoidc.core.problem;

import java.util.Objects;
import java.util.stream.Stream;

/**
 * How the tool that runs the core names its commands and settings, for the fixes that messages suggest. The core
 * knows that a starter can be written or a limit raised, but not how the user asks for it: the Maven goals fill these
 * with {@code mvn spacelift-oidc:init}, {@code maxTrustPolicySize} and the like (as Jib's adapters fill its
 * {@code HelpfulSuggestions}), and {@link #NEUTRAL} names no tool at all. Each value is written as it reads inside a
 * sentence.
 *
 * @param initCommand what writes a starter configuration, e.g. "mvn spacelift-oidc:init"
 * @param generateCommand what brings the output up to date, quoted as the sentence needs it
 * @param generator what the manifest says wrote the files, e.g. "spacelift-oidc:generate"
 * @param configFileSetting the setting that points at the configuration file
 * @param trustPolicyLimitSetting the setting that raises the trust policy size limit
 * @param reportFileExample how to name a file for the explain report
 */
public record Hints(
    String initCommand,
    String generateCommand,
    String generator,
    String configFileSetting,
    String trustPolicyLimitSetting,
    String reportFileExample) {

  /** Words that fit any tool. */
  public static final Hints NEUTRAL = new Hints("the init command", "the generate command", "the generator",
      "the configuration file setting", "the trust policy size limit", "target/spacelift-oidc-trust.md");

  public Hints {
    if (Stream.of(initCommand, generateCommand, generator, configFileSetting, trustPolicyLimitSetting,
        reportFileExample).anyMatch(Objects::isNull)) {
      throw new NullPointerException("every hint needs its words; a null would read as \"null\" in a message");
    }
  }
}
