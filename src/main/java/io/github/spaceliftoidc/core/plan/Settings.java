package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.model.Account;
import io.github.spaceliftoidc.core.model.Engine;
import io.github.spaceliftoidc.core.model.OidcProviderMode;
import io.github.spaceliftoidc.core.model.Origin;
import io.github.spaceliftoidc.core.model.SpaceliftSettings;
import io.github.spaceliftoidc.core.model.TerraformSettings;
import io.github.spaceliftoidc.core.plan.GenerationPlan.TerraformPlan;
import io.github.spaceliftoidc.core.problem.Mark;
import io.github.spaceliftoidc.core.trust.SubjectTemplate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The checks of the {@code spacelift:} and {@code terraform:} settings, which every other part of the plan uses. */
final class Settings {

  private Settings() {}

  /** Checks the Spacelift settings; returns the subject templates that parsed, each once. */
  static List<SubjectTemplate> spacelift(SpaceliftSettings spacelift, Checks checks) {
    Origin origin = spacelift.origin();
    if (spacelift.hostname() != null) {
      checks.check(Rules.hostname(spacelift.hostname()), origin.at("hostname"),
          "hostname '" + spacelift.hostname() + "'");
    }
    if (spacelift.audiences().size() > Rules.CLIENT_IDS_MAX) {
      checks.add(origin.at("audiences"), "IAM accepts at most " + Rules.CLIENT_IDS_MAX + " audiences (client IDs)"
          + " per OIDC provider; this lists " + spacelift.audiences().size() + ".");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < spacelift.audiences().size(); i++) {
      String audience = spacelift.audiences().get(i);
      Mark mark = origin.at("audiences[" + i + "]");
      // Without audiences:, the hostname is the audience, and its own check says what is wrong with it.
      if (checks.check(Rules.audience(audience), mark, "audience '" + audience + "'") && origin.has("audiences")) {
        checks.check(Rules.audienceWithoutScheme(audience), mark, "audience '" + audience + "'");
      }
      if (!seen.add(audience)) {
        checks.add(mark, "audience '" + audience + "' is listed twice; list each audience once.");
      }
    }
    warnIfHostnameIsNoAudience(spacelift, checks);
    checks.check(Rules.tokenFile(spacelift.tokenFile()), origin.at("tokenFile"),
        "tokenFile '" + spacelift.tokenFile() + "'");
    List<SubjectTemplate> templates = new ArrayList<>();
    Set<String> seenTemplates = new HashSet<>();
    for (int i = 0; i < spacelift.subjectTemplates().size(); i++) {
      String text = spacelift.subjectTemplates().get(i);
      Mark mark = origin.has("subjectTemplate[" + i + "]") ? origin.at("subjectTemplate[" + i + "]")
          : origin.at("subjectTemplate");
      List<String> templateProblems = SubjectTemplate.problems(text);
      for (String problem : templateProblems) {
        checks.add(mark, "subjectTemplate '" + text + "': " + problem + ".");
      }
      if (templateProblems.isEmpty()) {
        if (seenTemplates.add(text)) {
          templates.add(SubjectTemplate.parse(text));
        } else {
          checks.add(mark, "subjectTemplate '" + text + "' is listed twice; list each format once.");
        }
      }
    }
    return templates;
  }

  /**
   * Spacelift's tokens carry the bare hostname as their {@code aud} (its OIDC documentation), so without it every
   * role refuses every run of a standard account; a self-hosted one with its own issuer may differ, hence a warning.
   */
  private static void warnIfHostnameIsNoAudience(SpaceliftSettings spacelift, Checks checks) {
    if (spacelift.hostname() != null && spacelift.origin().has("audiences") && !spacelift.audiences().isEmpty()
        && !spacelift.audiences().contains(spacelift.hostname())) {
      checks.warn(spacelift.origin().at("audiences"), "audiences leaves out the hostname '" + spacelift.hostname()
          + "', but Spacelift's tokens carry the bare hostname as their audience (aud), so every role of this file"
          + " would refuse every run; add " + spacelift.hostname() + " to audiences, unless your self-hosted"
          + " Spacelift issues tokens with another audience.");
    }
  }

  /** Checks the Terraform version and engine; returns what they support. */
  static EngineFeatures features(TerraformSettings terraform, Checks checks) {
    Optional<Versions.Version> version = Versions.parse(terraform.version());
    if (version.isEmpty()) {
      checks.add(terraform.origin().at("version"), "terraform version '" + terraform.version() + "' is not a"
          + " version number; write it like 1.9.0 (quote it: \"1.10\" is not 1.1).");
    } else if (version.get().compareTo(Versions.OLDEST_SUPPORTED) < 0) {
      checks.add(terraform.origin().at("version"), "terraform version '" + terraform.version() + "' is older"
          + " than 1.0, which the generated code needs (required_version \"" + Versions.REQUIRED_VERSION + "\");"
          + " upgrade the stacks' Terraform to 1.0 or later (1.6 or later lets the S3 backend use OIDC).");
    } else if (terraform.engine() == Engine.OPENTOFU && version.get().compareTo(Versions.FIRST_OPENTOFU) < 0) {
      checks.add(terraform.origin().at("version"), "terraform version '" + terraform.version() + "' is not an"
          + " OpenTofu version: OpenTofu's first release is 1.6.0. Write the OpenTofu version your stacks run, or"
          + " engine: terraform if they run Terraform.");
    }
    return EngineFeatures.of(terraform.engine(), terraform.version(), version.orElse(null));
  }

  /** Checks the Terraform settings against each other and against what the accounts need. */
  static TerraformPlan terraform(TerraformSettings terraform, EngineFeatures features, List<Account> accounts,
      Checks checks) {
    boolean anyWithoutThumbprints = accounts.stream()
        .anyMatch(a -> a.thumbprints().isEmpty() && a.oidcProvider() == OidcProviderMode.CREATE);
    Optional<Boolean> admits = Versions.admitsAtLeast(terraform.awsProviderVersion(), Versions.OPTIONAL_THUMBPRINTS);
    if (admits.isEmpty()) {
      checks.add(terraform.origin().at("awsProviderVersion"), "awsProviderVersion '"
          + terraform.awsProviderVersion() + "' is not a Terraform version constraint; write e.g. \">= 5.81\" or"
          + " \"~> 6.0\".");
    } else if (!admits.get() && anyWithoutThumbprints) {
      checks.add(terraform.origin().at("awsProviderVersion"), "awsProviderVersion '"
          + terraform.awsProviderVersion() + "' excludes every AWS provider from 5.81 on, but an account without"
          + " thumbprints needs one (thumbprint_list is optional only since 5.81); allow >= 5.81 or list the"
          + " thumbprints.");
    }
    return new TerraformPlan(terraform.version(), features.legacy(), Versions.REQUIRED_VERSION,
        terraform.awsProviderVersion(), terraform.engine(), features.phaseAware(),
        features.applyRunTypes().stream().map(Enum::name).toList());
  }
}
