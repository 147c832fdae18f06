package io.github.spaceliftoidc.core.write;

import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.problem.GenerationException;
import io.github.spaceliftoidc.core.problem.UserInputException;
import io.github.spaceliftoidc.core.write.FileChange.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Brings an output directory in line with the generated files: creates and updates what differs, leaves identical
 * files alone (their mtime too), deletes files it generated earlier that are no longer generated, and never
 * overwrites or deletes a file that lacks the header line. All checks happen before the first write, and each file
 * is replaced atomically, so a failing run leaves the directory as it was.
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

  private static final byte[] HEADER = GenerationPlan.HEADER.getBytes(StandardCharsets.UTF_8);
  private static final int DIFF_LINES = 40;

  private final Path outputDirectory;

  public OutputWriter(Path outputDirectory) {
    this.outputDirectory = outputDirectory.toAbsolutePath().normalize();
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

  /** Writes the changes; fails, writing nothing, when a foreign file is in the way. */
  public SyncResult write(List<GeneratedFile> files, Selection selection) {
    return write(files, selection::owns);
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
  public SyncResult check(List<GeneratedFile> files, Selection selection) {
    return check(files, selection::owns);
  }

  /** Reports what {@link #write(List, Predicate)} would change, writing nothing. */
  public SyncResult check(List<GeneratedFile> files, Predicate<String> owns) {
    return locked(() -> {
      Pending pending = compare(files, owns, true);
      return new SyncResult(pending.changes, pending.kept, pending.manifestChanged, List.of());
    });
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
      throw new GenerationException("Cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  private Pending compare(List<GeneratedFile> files, Predicate<String> owns, boolean withDiffs) {
    String previousText = readManifestText();
    Manifest previous = previousText == null ? Manifest.empty() : Manifest.parse(previousText);
    Pending pending = new Pending();
    List<String> foreign = new ArrayList<>();
    Map<Path, Boolean> directoryUsable = new HashMap<>();
    Set<String> generatedPaths = new HashSet<>();
    for (GeneratedFile file : files) {
      generatedPaths.add(file.path());
      byte[] content = file.content().getBytes(StandardCharsets.UTF_8);
      Path target = resolve(file.path());
      String obstacle = obstacle(target, directoryUsable);
      if (obstacle != null) {
        foreign.add(obstacle);
        continue;
      }
      byte[] onDisk = readIfExists(target);
      if (onDisk == null) {
        pending.add(new FileChange(file.path(), Kind.CREATE, ""), target, content);
      } else if (!hasHeader(onDisk)) {
        foreign.add(file.path());
      } else if (sameText(onDisk, content)) {
        pending.changes.add(new FileChange(file.path(), Kind.UNCHANGED, ""));
      } else {
        String diff = withDiffs
            ? LineDiff.unified(file.path(), new String(onDisk, StandardCharsets.UTF_8), file.content(), DIFF_LINES)
            : "";
        pending.add(new FileChange(file.path(), Kind.UPDATE, diff), target, content);
      }
    }
    if (previousText != null && !hasHeader(previousText.getBytes(StandardCharsets.UTF_8))) {
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
          pending.add(new FileChange(path, Kind.DELETE, ""), target, null);
        } else {
          pending.kept.add(path); // it lost the header: someone made it theirs
        }
      }
    });
    files.forEach(file -> nextEntries.put(file.path(), file.owner()));
    Manifest next = new Manifest(nextEntries);
    String nextText = next.render();
    pending.manifestText = nextEntries.isEmpty() && previousText == null ? null : nextText;
    pending.manifestChanged = pending.manifestText != null
        && (previousText == null || !nextText.equals(previousText.replace("\r\n", "\n")));
    pending.changes.sort((a, b) -> a.path().compareTo(b.path()));
    return pending;
  }

  /**
   * What stands where a generated file must go, as the path to name in the error, or null: a directory at the
   * file's path, or a file where one of its directories must be. Checked before the first write, so such a run
   * fails without writing anything.
   */
  private String obstacle(Path target, Map<Path, Boolean> directoryUsable) {
    if (Files.isDirectory(target)) {
      return relative(target) + " (a directory)";
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

  private String relative(Path path) {
    String shown = path.equals(outputDirectory) ? path.toString() : outputDirectory.relativize(path).toString();
    return shown.replace('\\', '/');
  }

  private String readManifestText() {
    byte[] bytes = readIfExists(outputDirectory.resolve(Manifest.FILE_NAME));
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private String foreignMessage(List<String> foreign) {
    return "These files are in the way and do not start with the line \"" + GenerationPlan.HEADER + "\", so the"
        + " plugin will not overwrite them; nothing was written (paths relative to " + outputDirectory + "):\n"
        + foreign.stream().sorted().map(p -> "  " + p).collect(Collectors.joining("\n"))
        + "\nMove your own code to another file name (the generated names never clash with main.tf, providers.tf,"
        + " backend.tf, variables.tf, outputs.tf or versions.tf), or delete the file if it is an old copy of"
        + " generated output, then run again.";
  }

  /** Changes computed against the disk, not yet applied. */
  private final class Pending {
    final List<FileChange> changes = new ArrayList<>();
    final List<String> kept = new ArrayList<>();
    final Map<Path, byte[]> writes = new LinkedHashMap<>();
    final List<Path> deletes = new ArrayList<>();
    String manifestText;
    boolean manifestChanged;

    void add(FileChange change, Path target, byte[] content) {
      changes.add(change);
      if (change.kind() == Kind.DELETE) {
        deletes.add(target);
      } else {
        writes.put(target, content);
      }
    }

    SyncResult apply() {
      List<Path> touched = new ArrayList<>();
      Set<Path> knownDirectories = new HashSet<>();
      try {
        for (Map.Entry<Path, byte[]> write : writes.entrySet()) {
          Path parent = write.getKey().getParent();
          if (knownDirectories.add(parent)) {
            Files.createDirectories(parent);
          }
          writeAtomically(write.getKey(), write.getValue());
          touched.add(write.getKey());
        }
        for (Path delete : deletes) {
          Files.deleteIfExists(delete);
          touched.add(delete);
          pruneEmptyDirectories(delete.getParent());
        }
        if (manifestChanged) {
          Path manifest = outputDirectory.resolve(Manifest.FILE_NAME);
          Files.createDirectories(outputDirectory);
          writeAtomically(manifest, manifestText.getBytes(StandardCharsets.UTF_8));
          touched.add(manifest);
        }
      } catch (IOException e) {
        throw new GenerationException("Cannot write below " + outputDirectory + ": " + e, e);
      }
      return new SyncResult(changes, kept, manifestChanged, touched);
    }
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

  /** Deletes now-empty directories from {@code directory} up to (not including) the output directory. */
  private void pruneEmptyDirectories(Path directory) throws IOException {
    Path current = directory;
    while (current != null && current.startsWith(outputDirectory) && !current.equals(outputDirectory)) {
      try {
        Files.delete(current);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return; // still holds something (perhaps a hand-written file): keep it
      }
      current = current.getParent();
    }
  }

  private static void writeAtomically(Path target, byte[] content) throws IOException {
    Path temporary = target.resolveSibling("." + target.getFileName() + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    try {
      Files.write(temporary, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static byte[] readIfExists(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new GenerationException("Cannot read " + path + ": " + e, e);
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
