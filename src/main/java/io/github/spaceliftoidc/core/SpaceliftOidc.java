package io.github.spaceliftoidc.core;

import io.github.spaceliftoidc.core.config.ConfigBinder;
import io.github.spaceliftoidc.core.config.Suggestions;
import io.github.spaceliftoidc.core.model.Config;
import io.github.spaceliftoidc.core.plan.AccountPlan;
import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.plan.Planner;
import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.plan.StackPlan;
import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.problem.UserInputException;
import io.github.spaceliftoidc.core.render.Renderer;
import io.github.spaceliftoidc.core.write.FileChange;
import io.github.spaceliftoidc.core.write.Fingerprint;
import io.github.spaceliftoidc.core.write.GeneratedFile;
import io.github.spaceliftoidc.core.write.Manifest;
import io.github.spaceliftoidc.core.write.OutputWriter;
import io.github.spaceliftoidc.core.write.OutputWriter.SyncResult;
import io.github.spaceliftoidc.core.yaml.TreeReader;
import io.github.spaceliftoidc.core.yaml.YNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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

  /** A loaded and checked configuration. */
  public record Loaded(Config config, GenerationPlan plan, List<Path> inputFiles) {}

  /** Reads, binds and checks the YAML; fails with every problem at once. */
  public Loaded load(GenerationRequest request) {
    Problems problems = new Problems();
    TreeReader reader = new TreeReader();
    String displayName = request.configDisplayName();
    YNode root = reader.read(request.configFile(), displayName, TreeReader.Format.YAML, problems).orElse(null);
    if (root == null) {
      problems.throwIfAny(); // unreadable: nothing more to check
    }
    // A readable tree may already have problems (a duplicate key); check the rest too, to report all at once.
    Config config = new ConfigBinder(problems).bind(root, request.configFile(), displayName);
    if (config == null) {
      problems.throwIfAny();
    }
    Planner planner = new Planner(problems, request.maxTrustPolicySize(), reader);
    GenerationPlan plan = planner.plan(config);
    problems.throwIfAny();
    List<Path> inputs = new ArrayList<>();
    inputs.add(request.configFile());
    inputs.addAll(planner.inputFiles());
    return new Loaded(config, plan, List.copyOf(inputs));
  }

  /** Brings the output directory up to date; skips everything when the fingerprint says nothing changed. */
  public GenerationResult generate(GenerationRequest request) {
    Fingerprint fingerprint = fingerprint(request);
    String parameters = request.fingerprintParameters();
    if (fingerprint != null) {
      Optional<List<String>> unchanged =
          fingerprint.unchangedOutputs(parameters, request.configFile(), request.templateDirectory());
      if (unchanged.isPresent()) {
        return GenerationResult.alreadyUpToDate(unchangedFiles(unchanged.get()));
      }
    }
    Loaded loaded = load(request);
    List<GeneratedFile> files = render(request, loaded);
    OutputWriter writer = new OutputWriter(request.outputDirectory());
    if (fingerprint != null) {
      fingerprint.invalidate(); // a run that fails halfway must not look up to date
    }
    SyncResult sync = writer.write(files, ownership(request.selection(), loaded.plan()));
    if (fingerprint != null) {
      List<String> outputs = new ArrayList<>();
      files.forEach(file -> outputs.add(file.path()));
      if (Files.exists(request.outputDirectory().resolve(Manifest.FILE_NAME))) {
        outputs.add(Manifest.FILE_NAME);
      }
      fingerprint.record(parameters, loaded.inputFiles(), request.templateDirectory(), outputs);
    }
    return result(loaded.plan(), request.selection(), sync);
  }

  /** Renders in memory and compares with the disk; writes nothing. */
  public GenerationResult check(GenerationRequest request) {
    Loaded loaded = load(request);
    List<GeneratedFile> files = render(request, loaded);
    SyncResult sync = new OutputWriter(request.outputDirectory())
        .check(files, ownership(request.selection(), loaded.plan()));
    return result(loaded.plan(), request.selection(), sync);
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

  private static GenerationResult result(GenerationPlan plan, Selection selection, SyncResult sync) {
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
        sync.manifestChanged());
  }

  private static Fingerprint fingerprint(GenerationRequest request) {
    if (request.workDirectory() == null) {
      return null;
    }
    // One stamp per configuration, output directory and filter, so that executions never share one. The filter is
    // sorted: a Set's order may differ from one JVM to the next, and the stamp must be found again.
    String key = request.configFile() + "\n" + request.outputDirectory() + "\n"
        + new TreeSet<>(request.selection().stacks()) + "\n" + new TreeSet<>(request.selection().accounts());
    return new Fingerprint(request.workDirectory().resolve("fingerprint-" + sha256(key).substring(0, 16) + ".txt"),
        request.outputDirectory());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }
}
