package io.github.spaceliftoidc.core;

import io.github.spaceliftoidc.core.problem.Hints;
import io.github.spaceliftoidc.core.problem.Problem;
import io.github.spaceliftoidc.core.review.TrustChanges;
import io.github.spaceliftoidc.core.write.FileChange.Kind;
import io.github.spaceliftoidc.core.write.FileChange;
import io.github.spaceliftoidc.core.write.Manifest;
import java.util.List;
import java.util.Locale;

/**
 * What a {@code generate} or {@code check} run found or did.
 *
 * @param upToDate the fingerprint matched, so nothing was rendered or compared
 * @param changes one entry per generated or deleted file
 * @param kept stale files left alone, each as "path: the reason" (no header line, or a symbolic link)
 * @param notices things the user must do outside the plugin (e.g. add a Spacelift hook)
 * @param warnings located warnings about the YAML: nothing failed, but the user should know
 * @param manifestChanged whether the manifest of generated files differs from the one on disk
 * @param trustChanges how the trust the YAML asks for differs from the trust of the IAM files on disk (none when
 *     the run was skipped or the files are up to date)
 */
public record GenerationResult(
    boolean upToDate,
    int accounts,
    int stacks,
    int modules,
    List<FileChange> changes,
    List<String> kept,
    List<String> notices,
    List<Problem> warnings,
    boolean manifestChanged,
    TrustChanges trustChanges) {

  public GenerationResult {
    changes = List.copyOf(changes);
    kept = List.copyOf(kept);
    notices = List.copyOf(notices);
    warnings = List.copyOf(warnings);
    trustChanges = trustChanges == null ? TrustChanges.none() : trustChanges;
  }

  /** A result without trust changes. */
  public GenerationResult(boolean upToDate, int accounts, int stacks, int modules, List<FileChange> changes,
      List<String> kept, List<String> notices, List<Problem> warnings, boolean manifestChanged) {
    this(upToDate, accounts, stacks, modules, changes, kept, notices, warnings, manifestChanged, null);
  }

  /** This result with the trust changes of its run. */
  GenerationResult withTrustChanges(TrustChanges trust) {
    return new GenerationResult(upToDate, accounts, stacks, modules, changes, kept, notices, warnings,
        manifestChanged, trust);
  }

  /**
   * The trust changes for a console, at most {@code maxLines} lines; empty when the trust did not change.
   *
   * @param hints how the last line names the setting that writes the whole report
   */
  public List<String> trustChangeLines(int maxLines, Hints hints) {
    return trustChanges.lines(maxLines, 10, "the Markdown report has them all: " + hints.reportFileExample());
  }

  /** A run the fingerprint skipped: every file it generated last time is there, unchanged, and so are its warnings. */
  static GenerationResult alreadyUpToDate(List<FileChange> unchanged, List<Problem> warnings) {
    return new GenerationResult(true, 0, 0, 0, unchanged, List.of(), List.of(), warnings, false);
  }

  public long count(Kind kind) {
    return changes.stream().filter(change -> change.kind() == kind).count();
  }

  /** Files created or updated. */
  public long written() {
    return count(Kind.CREATE) + count(Kind.UPDATE);
  }

  /** The changes other than UNCHANGED: what check reports. */
  public List<FileChange> drift() {
    return changes.stream().filter(change -> change.kind() != Kind.UNCHANGED).toList();
  }

  /** "Generated 6 files in 6 directories (2 AWS accounts, 4 stacks, 1 module): 2 written, 4 unchanged, 0 deleted". */
  public String summary() {
    if (upToDate) {
      return String.format(Locale.ROOT, "Spacelift OIDC output is up to date (inputs and outputs unchanged since the"
          + " last run): 0 written, %d unchanged, 0 deleted", count(Kind.UNCHANGED));
    }
    List<FileChange> generated = changes.stream().filter(change -> change.kind() != Kind.DELETE).toList();
    long directories = generated.stream()
        .map(change -> change.path().contains("/") ? change.path().substring(0, change.path().lastIndexOf('/')) : "")
        .distinct()
        .count();
    return String.format(Locale.ROOT, "Generated %d %s in %d %s (%s, %s, %s): %d written, %d unchanged, %d deleted",
        generated.size(), plural(generated.size(), "file", "files"), directories,
        plural(directories, "directory", "directories"), count(accounts, "AWS account", "AWS accounts"),
        count(stacks, "stack", "stacks"), count(modules, "module", "modules"), written(), count(Kind.UNCHANGED),
        count(Kind.DELETE));
  }

  /** What check says when every file and the manifest are as generate would write them. */
  public String upToDateOnDiskSummary() {
    return "Spacelift OIDC output is up to date: " + changes.size() + " generated "
        + plural(changes.size(), "file matches", "files match") + " (" + count(accounts, "AWS account", "AWS accounts")
        + ", " + count(stacks, "stack", "stacks") + ", " + count(modules, "module", "modules") + ")";
  }

  /** One warning per file that is no longer generated but was kept (it lost the header line). */
  public List<String> keptWarnings() {
    return kept.stream().map(file -> "Kept " + file + ". It is no longer generated; delete it yourself if it is not"
        + " needed.").toList();
  }

  private static String count(long n, String one, String many) {
    return n + " " + plural(n, one, many);
  }

  private static String plural(long n, String one, String many) {
    return n == 1 ? one : many;
  }

  /**
   * What check reports when the files on disk differ from what generate would write.
   *
   * @param hints how the report names the command that updates the files
   */
  public String driftReport(Hints hints) {
    StringBuilder out = new StringBuilder("The generated Spacelift OIDC files are out of date: generate would ");
    List<FileChange> drift = drift();
    if (!drift.isEmpty()) {
      out.append("change ").append(drift.size()).append(drift.size() == 1 ? " file" : " files");
    }
    if (manifestChanged) {
      out.append(drift.isEmpty() ? "rewrite" : " and rewrite").append(" the manifest ")
          .append(Manifest.FILE_NAME);
    }
    out.append(":\n");
    for (FileChange change : drift) {
      out.append(String.format(Locale.ROOT, "  %-7s %s%n", change.kind().verb(), change.path()));
      if (!change.diff().isEmpty()) {
        change.diff().lines().forEach(line -> out.append("      ").append(line).append('\n'));
      }
    }
    for (String reason : kept) {
      out.append(String.format(Locale.ROOT, "  %-7s %s; it is no longer generated, and generate keeps it (delete"
          + " it yourself if it is not needed)%n", "keep", reason));
    }
    out.append("Run ").append(hints.generateCommand()).append(" to update them.");
    return out.toString();
  }

  /** Whether check passes: every file and the manifest are as generate would write them. */
  public boolean isUpToDateOnDisk() {
    return upToDate || drift().isEmpty() && !manifestChanged;
  }
}
