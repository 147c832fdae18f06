package io.github.spaceliftoidc.core;

import io.github.spaceliftoidc.core.config.ConfigBinder;
import io.github.spaceliftoidc.core.explain.ReportFile;
import io.github.spaceliftoidc.core.model.Config;
import io.github.spaceliftoidc.core.plan.AccountPlan;
import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.plan.Planner;
import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.plan.StackPlan;
import io.github.spaceliftoidc.core.problem.Problem;
import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.problem.Suggestions;
import io.github.spaceliftoidc.core.problem.UserInputException;
import io.github.spaceliftoidc.core.render.Renderer;
import io.github.spaceliftoidc.core.review.TrustChanges;
import io.github.spaceliftoidc.core.review.TrustReview;
import io.github.spaceliftoidc.core.write.FileChange;
import io.github.spaceliftoidc.core.write.Fingerprint;
import io.github.spaceliftoidc.core.write.GeneratedFile;
import io.github.spaceliftoidc.core.write.Manifest;
import io.github.spaceliftoidc.core.write.OutputWriter.SyncResult;
import io.github.spaceliftoidc.core.write.OutputWriter;
import io.github.spaceliftoidc.core.yaml.TreeReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The one entry point of the core: load and check the YAML, render it, and write it ({@code generate}) or compare it
 * with the disk ({@code check}). Both goals share this code path and differ only in the last step.
 *
 * <p>Failures the user can fix are {@link io.github.spaceliftoidc.core.problem.UserInputException}s (with every
 * problem of the YAML listed); anything else is a {@link io.github.spaceliftoidc.core.problem.GenerationException}.
 */
public final class SpaceliftOidc {

  private final Consumer<String> notices;

  /** @param notices told what the user should know while a run works, e.g. that it waits for another build */
  public SpaceliftOidc(Consumer<String> notices) {
    this.notices = notices;
  }

  public SpaceliftOidc() {
    this(notice -> {});
  }

  /**
   * A loaded and checked configuration.
   *
   * @param warnings what the user should know although nothing is wrong, in file and line order
   */
  public record Loaded(Config config, GenerationPlan plan, List<Path> inputFiles, List<Problem> warnings) {

    public Loaded {
      inputFiles = List.copyOf(inputFiles);
      warnings = List.copyOf(warnings);
    }
  }

  /** Reads, binds and checks the YAML; fails with every problem at once. */
  public Loaded load(GenerationRequest request) {
    Problems problems = new Problems();
    TreeReader reader = new TreeReader();
    // A readable tree may already have problems (a duplicate key); the binder and planner check the rest too, to
    // report all at once.
    Config config = new ConfigBinder(problems, request.hints())
        .read(reader, request.configFile(), request.configDisplayName());
    if (config == null) {
      problems.throwIfAny(); // unreadable, or not a map: nothing more to check
    }
    Planner.Result planned = new Planner(problems, request.maxTrustPolicySize(), reader, request.hints())
        .plan(config);
    problems.throwIfAny();
    List<Path> inputs = new ArrayList<>();
    inputs.add(request.configFile());
    inputs.addAll(planned.inputFiles());
    return new Loaded(config, planned.plan(), inputs, problems.warnings());
  }

  /** Brings the output directory up to date; skips everything when the fingerprint says nothing changed. */
  public GenerationResult generate(GenerationRequest request) {
    return generate(request, null);
  }

  /**
   * {@link #generate(GenerationRequest)}, and writes the explain report to {@code reportFile} (when not null), its
   * trust changes first: what CI posts on a pull request.
   */
  public GenerationResult generate(GenerationRequest request, Path reportFile) {
    Fingerprint fingerprint = request.workDirectory() == null ? Fingerprint.none()
        : Fingerprint.in(request.workDirectory(), request.fingerprintKey(), request.outputDirectory());
    String parameters = request.fingerprintParameters();
    // A journal means a run under way, or a killed one whose leftovers only a full run removes.
    Optional<Fingerprint.LastRun> unchanged = OutputWriter.hasJournal(request.outputDirectory()) ? Optional.empty()
        : fingerprint.unchangedOutputs(parameters, request.configFile(), request.templateDirectory());
    if (unchanged.isPresent()) {
      if (reportFile != null) {
        report(reportFile, TrustChanges.none(), load(request), request); // unchanged outputs: unchanged trust
      }
      // The warnings of the run that made these outputs still hold: the inputs are the same.
      return GenerationResult.alreadyUpToDate(unchangedFiles(unchanged.get().outputs()), unchanged.get().warnings());
    }
    Loaded loaded = load(request);
    List<GeneratedFile> files = render(request, loaded);
    TrustChanges trust = trustChanges(request, loaded, files); // before the write replaces the old trust
    fingerprint.invalidate(); // a run that fails halfway must not look up to date
    // Recorded under the output directory's lock: another build must not change the outputs in between.
    SyncResult sync = writer(request).write(files, ownership(request.selection(), loaded.plan()), written -> {
      List<String> outputs = new ArrayList<>();
      files.forEach(file -> outputs.add(file.path()));
      if (Files.exists(request.outputDirectory().resolve(Manifest.FILE_NAME))) {
        outputs.add(Manifest.FILE_NAME);
      }
      fingerprint.record(parameters, loaded.inputFiles(), request.templateDirectory(), outputs, loaded.warnings());
    });
    if (reportFile != null) {
      report(reportFile, trust, loaded, request);
    }
    return result(loaded, request.selection(), sync).withTrustChanges(trust);
  }

  /** Renders in memory and compares with the disk; writes nothing. */
  public GenerationResult check(GenerationRequest request) {
    return check(request, null);
  }

  /**
   * {@link #check(GenerationRequest)}, and writes the explain report to {@code reportFile} (when not null), its
   * trust changes first, also when the files are out of date.
   */
  public GenerationResult check(GenerationRequest request, Path reportFile) {
    Loaded loaded = load(request);
    List<GeneratedFile> files = render(request, loaded);
    SyncResult sync = writer(request).check(files, ownership(request.selection(), loaded.plan()));
    TrustChanges trust = sync.drift().isEmpty() ? TrustChanges.none() : trustChanges(request, loaded, files);
    if (reportFile != null) {
      report(reportFile, trust, loaded, request);
    }
    return result(loaded, request.selection(), sync).withTrustChanges(trust);
  }

  /** What writing {@code files} does to the trust of the IAM files on disk. */
  private static TrustChanges trustChanges(GenerationRequest request, Loaded loaded, List<GeneratedFile> files) {
    return TrustReview.compare(loaded.plan(), request.outputDirectory(), files,
        ownership(request.selection(), loaded.plan()));
  }

  private static void report(Path reportFile, TrustChanges trust, Loaded loaded, GenerationRequest request) {
    ReportFile.write(trust.markdown() + "\n", loaded.plan(), reportFile, request.hints());
  }

  private OutputWriter writer(GenerationRequest request) {
    return new OutputWriter(request.outputDirectory(), request.hints().generator(), notices);
  }

  /**
   * Which owners of manifest entries a run answers for, i.e. whose files it deletes once they are no longer
   * generated: those of its selection, and those of stacks and accounts that the YAML no longer defines. A filtered
   * run leaves the other stacks and accounts of the YAML to the modules that generate them, but a stack that left
   * the YAML is no module's any more, so whichever module runs first removes its files.
   */
  static Predicate<String> ownership(Selection selection, GenerationPlan plan) {
    if (selection.isAll()) {
      return owner -> true;
    }
    Set<String> defined = new HashSet<>();
    plan.stacks().forEach(stack -> defined.add(Selection.STACK_PREFIX + stack.id()));
    plan.accounts().forEach(account -> defined.add(Selection.ACCOUNT_PREFIX + account.name()));
    return owner -> selection.owns(owner)
        || (owner.startsWith(Selection.STACK_PREFIX) || owner.startsWith(Selection.ACCOUNT_PREFIX))
            && !defined.contains(owner);
  }

  /** The generated files among a fingerprint's outputs (all but the manifest), as unchanged files. */
  private static List<FileChange> unchangedFiles(List<String> outputs) {
    return outputs.stream()
        .filter(output -> !output.equals(Manifest.FILE_NAME))
        .map(output -> new FileChange(output, FileChange.Kind.UNCHANGED, ""))
        .toList();
  }

  /** Renders the selected files in memory. */
  public List<GeneratedFile> render(GenerationRequest request, Loaded loaded) {
    checkSelection(request.selection(), loaded.plan());
    return new Renderer(request.templateDirectory()).render(loaded.plan(), request.selection());
  }

  private static void checkSelection(Selection selection, GenerationPlan plan) {
    List<String> problems = new ArrayList<>();
    Set<String> stackIds = plan.stacks().stream().map(StackPlan::id).collect(Collectors.toSet());
    Set<String> accountNames = plan.accounts().stream().map(AccountPlan::name).collect(Collectors.toSet());
    for (String stack : selection.stacks()) {
      if (!stackIds.contains(stack)) {
        problems.add("the stacks filter names stack '" + stack + "', which the YAML does not define."
            + Suggestions.didYouMean(stack, stackIds));
      }
    }
    for (String account : selection.accounts()) {
      if (!accountNames.contains(account)) {
        problems.add("the accounts filter names account '" + account + "', which the YAML does not define."
            + Suggestions.didYouMean(account, accountNames) + " Known: " + String.join(", ", accountNames) + ".");
      }
    }
    if (!problems.isEmpty()) {
      throw new UserInputException(String.join("\n", problems));
    }
  }

  private static GenerationResult result(Loaded loaded, Selection selection, SyncResult sync) {
    GenerationPlan plan = loaded.plan();
    int accounts = (int) plan.accounts().stream().filter(a -> selection.includesAccount(a.name())).count();
    List<StackPlan> stacks = plan.stacks().stream().filter(s -> selection.includesStack(s.id())).toList();
    int modules = selection.isAll() ? plan.modules().size() : 0;
    List<String> notices = new ArrayList<>();
    if (plan.terraform().legacy() && !stacks.isEmpty()) {
      String names = stacks.stream().limit(10).map(StackPlan::id).collect(Collectors.joining(", "))
          + (stacks.size() > 10 ? " and " + (stacks.size() - 10) + " more" : "");
      notices.add("Terraform " + plan.terraform().version() + " predates OIDC in the S3 backend (1.6.0): add the"
          + " before_init hook `" + Renderer.HOOK_COMMAND + "` (stack settings, Hooks, Initialization: before) to"
          + " these stacks in Spacelift: " + names + ".");
    }
    return new GenerationResult(false, accounts, stacks.size(), modules, sync.changes(), sync.kept(), notices,
        loaded.warnings(), sync.manifestChanged());
  }

}
