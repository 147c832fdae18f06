package io.github.spaceliftoidc.core.write;

import io.github.spaceliftoidc.core.concurrent.Parallel;
import io.github.spaceliftoidc.core.problem.GenerationException;
import io.github.spaceliftoidc.core.problem.Hints;
import io.github.spaceliftoidc.core.problem.UserInputException;
import io.github.spaceliftoidc.core.write.FileChange.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Brings an output directory in line with the generated files: creates and updates what differs, leaves identical
 * files alone (their mtime too), deletes files it generated earlier that are no longer generated, and never
 * overwrites or deletes a file that lacks the header line. The writer compares; all checks happen before the first
 * write, and a {@link Transaction} applies what the comparison found, so a failing run leaves the directory as it was.
 */
public final class OutputWriter {

  /**
   * One lock per output directory for the whole JVM: modules of a parallel build that share an output directory
   * (one YAML, each module with its own stacks filter) take turns reading, merging and writing its manifest, and
   * a check never sees a half-written directory. This is the only static state, and it is synchronisation, not
   * data: the keys are immutable paths, the values hold nothing but the lock, and nothing reads anything through
   * them. Maven shares one plugin class realm between the modules of a build, so the modules share these locks; the
   * map grows by one entry per distinct output directory, which stays tiny.
   */
  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private static final byte[] HEADER = GeneratedFile.HEADER.getBytes(StandardCharsets.UTF_8);
  /** How many diff lines check shows per changed file: whole hunks, three lines of context each, up to this. */
  private static final int DIFF_LINES = 80;

  private final Path outputDirectory;
  private final String generator;
  private final FileOperations files;

  /** @param generator what the manifest says wrote the files (see {@link Hints#generator()}) */
  public OutputWriter(Path outputDirectory, String generator) {
    this(outputDirectory, generator, FileOperations.REAL);
  }

  public OutputWriter(Path outputDirectory) {
    this(outputDirectory, Hints.NEUTRAL.generator());
  }

  OutputWriter(Path outputDirectory, String generator, FileOperations files) {
    this.outputDirectory = outputDirectory.toAbsolutePath().normalize();
    this.generator = generator;
    this.files = files;
  }

  /**
   * The outcome of a sync.
   *
   * @param changes one entry per generated or deleted file, in path order
   * @param kept stale files that are no longer generated but were not deleted, because they lost the header
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
    return locked(() -> compare(files, owns, false).apply());
  }

  /** Reports what {@link #write} would change, writing nothing; fails likewise on a foreign file in the way. */
  public SyncResult check(List<GeneratedFile> files, Predicate<String> owns) {
    return locked(() -> compare(files, owns, true).result());
  }

  /** Runs {@code work} while holding this output directory's lock. */
  private SyncResult locked(Supplier<SyncResult> work) {
    ReentrantLock lock = LOCKS.computeIfAbsent(outputDirectory, directory -> new ReentrantLock());
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
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
  private Transaction compare(List<GeneratedFile> files, Predicate<String> owns, boolean withDiffs) {
    byte[] previousManifest = readIfExists(outputDirectory.resolve(Manifest.FILE_NAME));
    String previousText = previousManifest == null ? null : new String(previousManifest, StandardCharsets.UTF_8);
    Manifest previous = previousText == null ? Manifest.empty() : Manifest.parse(previousText);
    Transaction transaction = new Transaction(outputDirectory, this.files);
    List<String> foreign = new ArrayList<>();
    Set<String> generatedPaths = new HashSet<>();
    // Reading thousands of files is the slow part: read them on every core, then judge them in order.
    Map<Path, Boolean> missingDirectories = new ConcurrentHashMap<>();
    Map<Path, Boolean> directoryUsable = new ConcurrentHashMap<>();
    List<Read> reads = Parallel.map(files, file -> {
      Path target = resolve(file.path());
      if (missingDirectory(target.getParent(), missingDirectories)) {
        return new Read(target, file.content().getBytes(StandardCharsets.UTF_8), null, null); // new, nothing in the way
      }
      String obstacle = obstacle(target, directoryUsable);
      byte[] onDisk = obstacle == null ? readIfExists(target) : null;
      return new Read(target, file.content().getBytes(StandardCharsets.UTF_8), onDisk, obstacle);
    });
    for (int i = 0; i < files.size(); i++) {
      GeneratedFile file = files.get(i);
      Read read = reads.get(i);
      generatedPaths.add(file.path());
      if (read.obstacle() != null) {
        foreign.add(read.obstacle());
        continue;
      }
      byte[] onDisk = read.onDisk();
      if (onDisk == null) {
        transaction.add(new FileChange(file.path(), Kind.CREATE, ""), read.target(), read.content(), null);
      } else if (!hasHeader(onDisk)) {
        foreign.add(file.path());
      } else if (sameText(onDisk, read.content())) {
        transaction.unchanged(file.path());
      } else {
        String diff = withDiffs
            ? LineDiff.unified(file.path(), new String(onDisk, StandardCharsets.UTF_8), file.content(), DIFF_LINES)
            : "";
        transaction.add(new FileChange(file.path(), Kind.UPDATE, diff), read.target(), read.content(), onDisk);
      }
    }
    if (previousManifest != null && !hasHeader(previousManifest)) {
      foreign.add(Manifest.FILE_NAME);
    }
    if (!foreign.isEmpty()) {
      throw new UserInputException(foreignMessage(foreign));
    }
    Map<String, String> nextEntries = new LinkedHashMap<>();
    previous.entries().forEach((path, owner) -> {
      Path target = resolveInside(path);
      if (target == null) {
        return; // a hand-edited entry pointing outside the output directory: never touched, and dropped
      }
      if (!owns.test(owner)) {
        nextEntries.put(path, owner); // another module's file: not ours to judge
      } else if (!generatedPaths.contains(path) && Files.isRegularFile(target)) {
        byte[] onDisk = readIfExists(target);
        if (onDisk == null) {
          return; // gone already
        }
        if (hasHeader(onDisk)) {
          transaction.add(new FileChange(path, Kind.DELETE, ""), target, null, onDisk);
        } else {
          transaction.keep(path);
        }
      }
    });
    files.forEach(file -> nextEntries.put(file.path(), file.owner()));
    String nextText = new Manifest(nextEntries).render(generator);
    String manifestText = nextEntries.isEmpty() && previousText == null ? null : nextText;
    boolean manifestChanged = manifestText != null
        && (previousText == null || !nextText.equals(previousText.replace("\r\n", "\n")));
    transaction.manifest(manifestText, previousManifest, manifestChanged);
    return transaction;
  }

  /**
   * What stands where a generated file must go, as the path to name in the error, or null: a directory at the
   * file's path, or a file where one of its directories must be. Checked before the first write, so such a run
   * fails without writing anything.
   */
  private String obstacle(Path target, Map<Path, Boolean> directoryUsable) {
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      return relative(target) + " (a directory, where the plugin writes a file)";
    }
    for (Path directory = target.getParent(); directory != null && directory.startsWith(outputDirectory);
        directory = directory.getParent()) {
      boolean usable = directoryUsable.computeIfAbsent(directory, d -> !Files.exists(d) || Files.isDirectory(d));
      if (!usable) {
        return relative(directory) + " (a file where the directory of " + relative(target) + " must be)";
      }
    }
    return null;
  }

  /**
   * Whether {@code directory} does not exist while its nearest existing ancestor is a directory, so that no file can
   * be in it or in its way. In a fresh output tree this is one cheap check per directory instead of a failed open per
   * file, each with an exception (java.io reports absence without one).
   */
  private boolean missingDirectory(Path directory, Map<Path, Boolean> cache) {
    Boolean known = cache.get(directory);
    if (known != null) {
      return known;
    }
    boolean missing = false;
    if (directory.startsWith(outputDirectory) && !directory.toFile().exists()) {
      Path parent = directory.getParent();
      missing = parent != null && (parent.toFile().isDirectory() || missingDirectory(parent, cache));
    }
    cache.put(directory, missing);
    return missing;
  }

  /** A generated file's target, its bytes, the bytes on disk (null when absent), and what is in its way, if any. */
  private record Read(Path target, byte[] content, byte[] onDisk, String obstacle) {}

  private String relative(Path path) {
    String shown = path.equals(outputDirectory) ? path.toString() : outputDirectory.relativize(path).toString();
    return shown.replace('\\', '/');
  }

  private String foreignMessage(List<String> foreign) {
    return "These are in the way of generated files: files that do not start with the line \""
        + GeneratedFile.HEADER + "\" (the plugin never overwrites or deletes those), or a directory where a file"
        + " goes; nothing was written (paths relative to " + outputDirectory + "):\n"
        + foreign.stream().sorted().map(p -> "  " + p).collect(Collectors.joining("\n"))
        + "\nMove your own code to another file name (the generated names never clash with main.tf, providers.tf,"
        + " backend.tf, variables.tf, outputs.tf or versions.tf), or delete the file if it is an old copy of"
        + " generated output, then run again.";
  }

  private Path resolve(String relative) {
    Path target = resolveInside(relative);
    if (target == null) {
      throw new IllegalArgumentException("Refusing to touch " + relative + " outside " + outputDirectory);
    }
    return target;
  }

  /** The path below the output directory, or null when {@code relative} leads out of it (or is absolute). */
  private Path resolveInside(String relative) {
    Path target = outputDirectory.resolve(relative).normalize();
    return target.startsWith(outputDirectory) && !target.equals(outputDirectory) ? target : null;
  }

  private static byte[] readIfExists(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new GenerationException("Cannot read " + path + " (" + e + "); check that the output directory "
          + "is a directory this build may read and write.", e);
    }
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
