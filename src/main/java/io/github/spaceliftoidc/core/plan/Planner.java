package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.model.Account;
import io.github.spaceliftoidc.core.model.Config;
import io.github.spaceliftoidc.core.model.Role;
import io.github.spaceliftoidc.core.model.SpaceliftModule;
import io.github.spaceliftoidc.core.model.SpaceliftSettings;
import io.github.spaceliftoidc.core.model.Stack;
import io.github.spaceliftoidc.core.plan.GenerationPlan.SpaceliftPlan;
import io.github.spaceliftoidc.core.plan.GenerationPlan.TerraformPlan;
import io.github.spaceliftoidc.core.problem.Hints;
import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.trust.SubjectTemplate;
import io.github.spaceliftoidc.core.yaml.TreeReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks every value and reference of a bound configuration, and resolves it into a {@link GenerationPlan}. All
 * problems go to the collector; the plan is only meaningful when there are none.
 *
 * <p>The work is in the parts, each made for one run: {@link References} (what the names refer to, and which roles
 * the stacks and modules claim), {@link Stacks}, {@link Roles} (grants, tags, Terraform names and trust policies) and
 * {@link InlinePolicies} (the policy documents and the files they come from). A planner holds no state of a run, so
 * it can plan any number of configurations.
 */
public final class Planner {

  private final Problems problems;
  private final int maxTrustPolicySize;
  private final TreeReader reader;
  private final Hints hints;

  /**
   * @param maxTrustPolicySize the trust policy quota of the accounts, 2,048 unless AWS raised it
   * @param reader reads the inline policy files
   * @param hints how the messages name the settings they suggest
   */
  public Planner(Problems problems, int maxTrustPolicySize, TreeReader reader, Hints hints) {
    this.problems = problems;
    this.maxTrustPolicySize = maxTrustPolicySize;
    this.reader = reader;
    this.hints = hints;
  }

  public Planner(Problems problems) {
    this(problems, Rules.DEFAULT_TRUST_POLICY_LIMIT, new TreeReader(), Hints.NEUTRAL);
  }

  public static int defaultTrustPolicyLimit() {
    return Rules.DEFAULT_TRUST_POLICY_LIMIT;
  }

  /**
   * What a run planned.
   *
   * @param plan the plan, or null when the configuration is too broken to plan
   * @param inputFiles the files other than the YAML that the plan was built from (inline policy files), for the
   *     fingerprint
   */
  public record Result(GenerationPlan plan, List<Path> inputFiles) {
    public Result {
      inputFiles = List.copyOf(inputFiles);
    }
  }

  /** Checks the configuration and builds the plan. */
  public Result plan(Config config) {
    Checks checks = new Checks(problems);
    // Without the spacelift settings (already reported) there is no plan, but the rest is still checked.
    SpaceliftSettings spacelift = config.spacelift() != null ? config.spacelift()
        : new SpaceliftSettings(null, List.of(), SpaceliftSettings.DEFAULT_TOKEN_FILE,
            List.of(SpaceliftSettings.DEFAULT_SUBJECT_TEMPLATE), config.origin());
    List<SubjectTemplate> templates = Settings.spacelift(spacelift, checks);
    EngineFeatures features = Settings.features(config.terraform(), checks);
    TerraformPlan terraform = Settings.terraform(config.terraform(), features, config.accounts(), checks);
    References references = new References(config, checks);

    Directories directories = new Directories(checks);
    Set<String> duplicateAccounts = Checks.duplicates(config.accounts(), Account::name);
    for (Account account : config.accounts()) {
      directories.claim(account.directory(), account.origin(), "account '" + account.name() + "'", "name",
          duplicateAccounts.contains(account.name()));
    }

    // Stacks and modules first: they put their grants and claims on the roles that the accounts then plan.
    Stacks stackPlanner = new Stacks(checks, references, spacelift.tokenFile(), features);
    List<StackPlan> stacks = new ArrayList<>();
    checks.unique(config.stacks(), Stack::id, Stack::origin, "id", "stack");
    Set<String> duplicateStacks = Checks.duplicates(config.stacks(), Stack::id);
    for (Stack stack : config.stacks()) {
      Role role = references.resolve(stack);
      directories.claim(stack.directory(), stack.origin(), stack.describe(), "id",
          duplicateStacks.contains(stack.id()));
      StackPlan plan = stackPlanner.plan(stack, role);
      if (plan != null) {
        stacks.add(plan);
      }
    }
    List<ModulePlan> modules = new ArrayList<>();
    checks.unique(config.modules(), SpaceliftModule::id, SpaceliftModule::origin, "id", "module");
    for (SpaceliftModule module : config.modules()) {
      Role role = references.resolve(module);
      if (role != null) {
        modules.add(new ModulePlan(module.id(), module.space(), module.account(), role.name(),
            References.roleArn(references.accountOf(role), role)));
      }
    }

    InlinePolicies inlinePolicies = new InlinePolicies(config, reader, checks);
    Roles roles = new Roles(checks, references, inlinePolicies, spacelift, templates, maxTrustPolicySize, hints,
        features);
    List<AccountPlan> accounts = config.accounts().stream().map(roles::plan).toList();
    checks.summarizeWarnings();

    GenerationPlan plan = config.spacelift() == null ? null : new GenerationPlan(
        new SpaceliftPlan(spacelift.hostname(), spacelift.issuerUrl(), spacelift.audiences(), spacelift.tokenFile(),
            spacelift.subjectTemplates()),
        terraform, accounts, stacks, modules);
    return new Result(plan, inlinePolicies.inputFiles());
  }
}
