package io.github.spaceliftoidc.core.write;

import io.github.spaceliftoidc.core.concurrent.Parallel;
import io.github.spaceliftoidc.core.problem.GenerationException;
import io.github.spaceliftoidc.core.problem.Hints;
import io.github.spaceliftoidc.core.problem.Printable;
import io.github.spaceliftoidc.core.problem.UserInputException;
import io.github.spaceliftoidc.core.write.FileChange.Kind;
import io.github.spaceliftoidc.core.write.OutputTree.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Brings an output directory in line with the generated files: creates and updates what differs, leaves identical
 * files alone (their mtime too), deletes files it generated earlier that are no longer generated, and never
 * overwrites or deletes a file that lacks the header line. The writer compares; all checks happen before the first
 * write, and a {@link Transaction} applies what the comparison found, so a failing run leaves the directory as it was
 * and a killed one leaves what the next run repairs. Both hold the directory's {@link OutputLock}, so two builds on
 * one directory take turns, and work on real paths inside the real output directory ({@link OutputTree}), so no
 * symbolic link takes a write or a delete out of it.
 */
public final class OutputWriter {

  /** The lock file's name in the output directory (it holds a run's journal; git-ignore it). */
  public static final String LOCK_FILE = OutputLock.FILE_NAME;

  private static final byte[] HEADER = GeneratedFile.HEADER.getBytes(StandardCharsets.UTF_8);
  /** How many diff lines check shows per changed file: whole hunks, three lines of context each, up to this. */
  private static final int DIFF_LINES = 80;
  /** Names at the top of the output directory that belong to the writer itself; a manifest entry never names them. */
  private static final Set<String> RESERVED = Set.of(Manifest.FILE_NAME, OutputLock.FILE_NAME);

  private final Path outputDirectory;
  private final String generator;
  private final FileOperations files;
  private final Consumer<String> notices;

  /**
   * @param generator what the manifest says wrote the files (see {@link Hints#generator()})
   * @param notices told what the user should know while the writer works: that it waits for another build
   */
  public OutputWriter(Path outputDirectory, String generator, Consumer<String> notices) {
    this(outputDirectory, generator, FileOperations.REAL, notices);
  }

  /** @param generator what the manifest says wrote the files (see {@link Hints#generator()}) */
  public OutputWriter(Path outputDirectory, String generator) {
    this(outputDirectory, generator, FileOperations.REAL, notice -> {});
  }

  public OutputWriter(Path outputDirectory) {
    this(outputDirectory, Hints.NEUTRAL.generator());
  }

  OutputWriter(Path outputDirectory, String generator, FileOperations files) {
    this(outputDirectory, generator, files, notice -> {});
  }

  OutputWriter(Path outputDirectory, String generator, FileOperations files, Consumer<String> notices) {
    this.outputDirectory = outputDirectory.toAbsolutePath().normalize();
    this.generator = generator;
    this.files = files;
    this.notices = notices;
  }

  /**
   * The outcome of a sync.
   *
   * @param changes one entry per generated or deleted file, in path order
   * @param kept stale files that are no longer generated but were not deleted, each as "path: the reason"
   * @param manifestChanged whether the manifest had to change
   * @param written the files actually written or deleted: all changes in write mode, none in check mode
   */
  public record SyncResult(List<FileChange> changes, List<String> kept, boolean manifestChanged, List<Path> written) {

    public long count(Kind kind) {
      return changes.stream().filter(c -> c.kind() == kind).count();
    }

    /** The changes other than UNCHANGED. */
    public List<FileChange> drift() {
      return changes.stream().filter(c -> c.kind() != Kind.UNCHANGED).toList();
    }
  }

  /**
   * Writes the changes; fails, writing nothing, when a foreign file is in the way.
   *
   * @param owns which owners of the manifest's entries this run answers for: their files are deleted when no longer
   *     generated; the entries of other owners (other modules sharing the directory) are kept as they are
   */
  public SyncResult write(List<GeneratedFile> files, Predicate<String> owns) {
    return write(files, owns, result -> {});
  }

  /**
   * {@link #write(List, Predicate)}, then {@code whileLocked} before the lock is released: what must describe the
   * directory exactly as this run left it (the up-to-date fingerprint) is recorded before another build changes it.
   */
  public SyncResult write(List<GeneratedFile> files, Predicate<String> owns, Consumer<SyncResult> whileLocked) {
    try {
      Files.createDirectories(outputDirectory);
    } catch (IOException e) {
      throw new GenerationException("Cannot create the output directory " + outputDirectory + " (" + e + "); check"
          + " that the output directory is a directory this build may read and write.", e);
    }
    Path real = new OutputTree(outputDirectory).realRoot();
    try (OutputLock lock = OutputLock.exclusive(real, notices)) {
      List<String> recovered;
      try {
        recovered = Transaction.recover(new OutputTree(outputDirectory), lock, this.files);
      } catch (IOException e) {
        throw new GenerationException("Cannot clean up after an interrupted run in " + outputDirectory + " (" + e
            + "); check that the directory is writable.", e);
      }
      Transaction transaction = compare(files, owns, false, new OutputTree(outputDirectory));
      recovered.forEach(transaction::leftover);
      SyncResult result = transaction.apply(lock);
      whileLocked.accept(result);
      return result;
    }
  }

  /**
   * Reports what {@link #write} would change, writing nothing; fails likewise on a foreign file in the way. The
   * temporary files that a killed run left count as files to delete.
   */
  public SyncResult check(List<GeneratedFile> files, Predicate<String> owns) {
    OutputTree tree = new OutputTree(outputDirectory);
    try (OutputLock lock = OutputLock.shared(tree.realRoot(), notices)) {
      Transaction transaction = compare(files, owns, true, tree);
      for (Path leftover : Transaction.leftovers(tree, lock.journal())) {
        transaction.leftover(tree.realRoot().relativize(leftover).toString().replace('\\', '/'));
      }
      return transaction.result();
    } catch (IOException e) {
      throw new GenerationException("Cannot read the lock file in " + outputDirectory + " (" + e + ").", e);
    }
  }

  /**
   * Whether a run is under way in {@code outputDirectory}, or a killed one left its journal: then an up-to-date
   * fingerprint must not be trusted, and a full run repairs the directory. One stat.
   */
  public static boolean hasJournal(Path outputDirectory) {
    return OutputLock.hasJournal(outputDirectory);
  }

  /**
   * The text of the regular file at {@code path} (relative to {@code outputDirectory}) as the writer would see it:
   * inside the real output directory, never through a link, within the size limit; empty for anything else (missing,
   * a link, a FIFO or device, too large). For readers above the writer, such as the trust review, so that a tree from
   * a pull request cannot make them read a device, follow a link out, or hang.
   */
  public static Optional<String> readRegularFile(Path outputDirectory, String path) {
    return Optional.ofNullable(readRegularFiles(outputDirectory, List.of(path)).get(path));
  }

  /** {@link #readRegularFile} for several paths, through one view of the tree: the texts of those that are there. */
  public static Map<String, String> readRegularFiles(Path outputDirectory, List<String> paths) {
    OutputTree tree = new OutputTree(outputDirectory);
    Map<String, String> texts = new LinkedHashMap<>();
    for (String path : paths) {
      Target target = tree.file(path);
      if (target.obstacle() == null && target.content() != null) {
        texts.put(path, new String(target.content(), StandardCharsets.UTF_8));
      }
    }
    return texts;
  }

  /** The manifest on disk, or an empty one. */
  public Manifest readManifest() {
    Path path = outputDirectory.resolve(Manifest.FILE_NAME);
    try {
      return Manifest.parse(Files.readString(path, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Manifest.empty();
    } catch (IOException e) {
      throw new GenerationException("Cannot read " + path + " (" + e + "); check that the output directory "
          + "is a directory this build may read and write.", e);
    }
  }

  /** Compares the files with the disk and stages what a write must do; fails on anything in the way. */
  private Transaction compare(List<GeneratedFile> files, Predicate<String> owns, boolean withDiffs, OutputTree tree) {
    Target manifestTarget = tree.file(Manifest.FILE_NAME);
    byte[] previousManifest = manifestTarget.content();
    String previousText = previousManifest == null ? null : new String(previousManifest, StandardCharsets.UTF_8);
    Manifest previous = previousText == null ? Manifest.empty() : Manifest.parse(previousText);
    Transaction transaction = new Transaction(tree, this.files);
    List<String> foreign = new ArrayList<>();
    if (manifestTarget.obstacle() != null) {
      foreign.add(manifestTarget.obstacle());
    }
    Set<String> generatedPaths = new HashSet<>();
    // Reading thousands of files is the slow part: read them on every core, then judge them in order.
    List<Target> reads = Parallel.map(files, file -> tree.file(file.path()));
    Map<Path, String> byRealPath = new HashMap<>();
    byRealPath.put(tree.realRoot().resolve(Manifest.FILE_NAME), Manifest.FILE_NAME);
    byRealPath.put(tree.realRoot().resolve(OutputLock.FILE_NAME), OutputLock.FILE_NAME);
    List<String> aliases = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      GeneratedFile file = files.get(i);
      Target read = reads.get(i);
      generatedPaths.add(file.path());
      if (read.obstacle() != null) {
        foreign.add(read.obstacle());
        continue;
      }
      String other = byRealPath.putIfAbsent(read.real(), file.path());
      if (other != null) {
        aliases.add(other + " and " + file.path() + " are the same file, " + read.real());
        continue;
      }
      byte[] content = file.content().getBytes(StandardCharsets.UTF_8);
      byte[] onDisk = read.content();
      if (onDisk == null) {
        transaction.write(new FileChange(file.path(), Kind.CREATE, ""), read.real(), content, null);
      } else if (!hasHeader(onDisk)) {
        foreign.add(file.path());
      } else if (sameText(onDisk, content)) {
        transaction.unchanged(file.path());
      } else {
        String diff = withDiffs
            ? LineDiff.unified(file.path(), new String(onDisk, StandardCharsets.UTF_8), file.content(), DIFF_LINES)
            : "";
        transaction.write(new FileChange(file.path(), Kind.UPDATE, diff), read.real(), content, onDisk);
      }
    }
    if (previousManifest != null && !hasHeader(previousManifest)) {
      foreign.add(Manifest.FILE_NAME);
    }
    if (!aliases.isEmpty()) {
      throw new UserInputException(aliasMessage(aliases));
    }
    if (!foreign.isEmpty()) {
      throw new UserInputException(foreignMessage(foreign));
    }
    Map<String, String> nextEntries = new LinkedHashMap<>();
    Map<String, String> unionEntries = new LinkedHashMap<>();
    previous.entries().forEach((path, owner) -> {
      if (!isEntryPath(path)) {
        return; // a hand-edited entry: outside the output directory, or the writer's own files; dropped
      }
      unionEntries.put(path, owner);
      if (!owns.test(owner)) {
        nextEntries.put(path, owner); // another module's file: not ours to judge
        return;
      }
      if (generatedPaths.contains(path)) {
        return;
      }
      Target stale = tree.file(path);
      if (stale.obstacle() != null) {
        java.nio.file.attribute.BasicFileAttributes there = stale.real() == null ? null
            : OutputTree.lstat(stale.real());
        if (stale.outside() || there != null && !there.isDirectory()) {
          transaction.keep(path + ": the manifest lists it, but the plugin does not delete it: "
              + stale.obstacle());
        }
      } else if (stale.exists()) {
        if (hasHeader(stale.content())) {
          transaction.delete(new FileChange(path, Kind.DELETE, ""), stale.real(), stale.content());
        } else {
          transaction.keep(path + ": the manifest lists it, but it does not start with the header line, so it"
              + " counts as hand-written (someone removed the header, or edited the manifest)");
        }
      }
    });
    boolean newPaths = false;
    for (GeneratedFile file : files) {
      nextEntries.put(file.path(), file.owner());
      newPaths |= unionEntries.put(file.path(), file.owner()) == null;
    }
    String nextText = new Manifest(nextEntries).render(generator);
    String manifestText = nextEntries.isEmpty() && previousText == null ? null : nextText;
    boolean manifestChanged = manifestText != null
        && (previousText == null || !nextText.equals(previousText.replace("\r\n", "\n")));
    String unionText = newPaths ? new Manifest(unionEntries).render(generator) : null;
    transaction.manifest(manifestText, unionText, previousManifest, manifestChanged);
    return transaction;
  }

  /**
   * Whether a manifest entry can name a generated file: a relative path that stays inside the output directory and
   * is not one of the writer's own files.
   */
  private static boolean isEntryPath(String path) {
    if (path.isEmpty() || RESERVED.contains(path) || path.startsWith("/") || path.contains("\\")
        || path.matches("[A-Za-z]:.*")) {
      return false;
    }
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private String foreignMessage(List<String> foreign) {
    boolean link = foreign.stream().anyMatch(entry -> entry.contains("symbolic link"));
    return "These are in the way of generated files: files that do not start with the line \""
        + GeneratedFile.HEADER + "\" (the plugin never overwrites or deletes those), or what is noted after their"
        + " path; nothing was written (paths relative to " + outputDirectory + "):\n"
        + foreign.stream().sorted().distinct().map(p -> "  " + Printable.of(p)).collect(Collectors.joining("\n"))
        + "\nMove your own code to another file name (the generated names never clash with main.tf, providers.tf,"
        + " backend.tf, variables.tf, outputs.tf or versions.tf), or delete the file if it is an old copy of"
        + " generated output, then run again."
        + (link ? " A directory on the way may be a symbolic link to a directory inside the output directory; a"
            + " generated file itself may not be a link." : "");
  }

  private String aliasMessage(List<String> aliases) {
    return "Two generated files would be one file, through a symbolic link (paths relative to " + outputDirectory
        + "):\n" + aliases.stream().sorted().map(a -> "  " + Printable.of(a)).collect(Collectors.joining("\n"))
        + "\nGive each stack and account a directory of its own; a symbolic link must not make two of them one.";
  }

  /**
   * Whether a file starts with the header line: the mark of a file this plugin owns. The line may end in CRLF, as
   * in a Windows checkout with {@code core.autocrlf}: such a file is still ours.
   */
  static boolean hasHeader(byte[] content) {
    if (content.length < HEADER.length + 1) {
      return false;
    }
    for (int i = 0; i < HEADER.length; i++) {
      if (content[i] != HEADER[i]) {
        return false;
      }
    }
    int end = HEADER.length;
    return content[end] == '\n' || content[end] == '\r' && end + 1 < content.length && content[end + 1] == '\n';
  }

  /**
   * Whether the file on disk holds the generated text. Line endings do not count: a CRLF checkout of a committed LF
   * file (git's {@code core.autocrlf}) is up to date, and rewriting it would only churn on every build.
   */
  static boolean sameText(byte[] onDisk, byte[] generated) {
    if (Arrays.equals(onDisk, generated)) {
      return true;
    }
    int i = 0;
    int j = 0;
    while (i < onDisk.length && j < generated.length) {
      if (onDisk[i] == '\r' && i + 1 < onDisk.length && onDisk[i + 1] == '\n' && generated[j] == '\n') {
        i++;
      }
      if (onDisk[i++] != generated[j++]) {
        return false;
      }
    }
    return i == onDisk.length && j == generated.length;
  }
}
