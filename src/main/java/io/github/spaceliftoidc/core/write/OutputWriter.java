package io.github.spaceliftoidc.core.write;

import io.github.spaceliftoidc.core.concurrent.Parallel;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
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
   * take turns reading and merging its manifest. This is synchronisation, not shared data.
   */
  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private static final byte[] HEADER = (GenerationPlan.HEADER + "\n").getBytes(StandardCharsets.UTF_8);
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
    ReentrantLock lock = LOCKS.computeIfAbsent(outputDirectory, d -> new ReentrantLock());
    lock.lock();
    try {
      Pending pending = compare(files, selection, false);
      return pending.apply();
    } finally {
      lock.unlock();
    }
  }

  /** Reports what {@link #write} would change, writing nothing; fails likewise on a foreign file in the way. */
  public SyncResult check(List<GeneratedFile> files, Selection selection) {
    Pending pending = compare(files, selection, true);
    return new SyncResult(pending.changes, pending.kept, pending.manifestChanged, List.of());
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

  private Pending compare(List<GeneratedFile> files, Selection selection, boolean withDiffs) {
    Manifest previous = readManifest();
    Pending pending = new Pending();
    List<String> foreign = new ArrayList<>();
    Set<String> generatedPaths = new HashSet<>();
    // Reading thousands of files is the slow part: read them on every core, then judge them in order.
    Map<Path, Boolean> missingDirectories = new ConcurrentHashMap<>();
    List<Read> reads = Parallel.map(files, file -> {
      Path target = resolve(file.path());
      byte[] onDisk = missingDirectory(target.getParent(), missingDirectories) ? null : readIfExists(target);
      return new Read(target, file.content().getBytes(StandardCharsets.UTF_8), onDisk);
    });
    for (int i = 0; i < files.size(); i++) {
      GeneratedFile file = files.get(i);
      generatedPaths.add(file.path());
      byte[] content = reads.get(i).content();
      Path target = reads.get(i).target();
      byte[] onDisk = reads.get(i).onDisk();
      if (onDisk == null) {
        pending.add(new FileChange(file.path(), Kind.CREATE, ""), target, content);
      } else if (!hasHeader(onDisk)) {
        foreign.add(file.path());
      } else if (Arrays.equals(onDisk, content)) {
        pending.changes.add(new FileChange(file.path(), Kind.UNCHANGED, ""));
      } else {
        String diff = withDiffs
            ? LineDiff.unified(file.path(), new String(onDisk, StandardCharsets.UTF_8), file.content(), DIFF_LINES)
            : "";
        pending.add(new FileChange(file.path(), Kind.UPDATE, diff), target, content);
      }
    }
    if (!foreign.isEmpty()) {
      throw new UserInputException(foreignMessage(foreign));
    }
    Map<String, String> nextEntries = new LinkedHashMap<>();
    previous.entries().forEach((path, owner) -> {
      if (!selection.owns(owner)) {
        nextEntries.put(path, owner); // another module's file: not ours to judge
      } else if (!generatedPaths.contains(path)) {
        Path target = resolve(path);
        byte[] onDisk = readIfExists(target);
        if (onDisk != null && hasHeader(onDisk)) {
          pending.add(new FileChange(path, Kind.DELETE, ""), target, null);
        } else if (onDisk != null) {
          pending.kept.add(path);
        }
      }
    });
    files.forEach(file -> nextEntries.put(file.path(), file.owner()));
    Manifest next = new Manifest(nextEntries);
    String nextText = next.render();
    String previousText = readManifestText();
    pending.manifestText = nextEntries.isEmpty() && previousText == null ? null : nextText;
    pending.manifestChanged = pending.manifestText != null && !nextText.equals(previousText);
    pending.changes.sort((a, b) -> a.path().compareTo(b.path()));
    return pending;
  }

  /**
   * Whether {@code directory} does not exist while its parent is a directory (or is missing likewise), so that no file
   * can be in it. In a fresh output tree this is one cheap check per directory instead of a failed open per file,
   * each with an exception. java.io reports absence without one. Anything else (a file where the directory should
   * be, say) answers false, and the read fails as it always did, before anything is written.
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

  /** A generated file's target, its bytes, and the bytes on disk (null when absent). */
  private record Read(Path target, byte[] content, byte[] onDisk) {}

  private String readManifestText() {
    byte[] bytes = readIfExists(outputDirectory.resolve(Manifest.FILE_NAME));
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private static String foreignMessage(List<String> foreign) {
    return "These files are in the way and do not start with the line \"" + GenerationPlan.HEADER + "\", so the"
        + " plugin will not overwrite them; nothing was written:\n"
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
        // One thread: creating files and directories serialises in the kernel, so more threads measured no faster
        // on 2 cores and burnt twice the CPU (see "Performance" in the README).
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
    Path target = outputDirectory.resolve(relative).normalize();
    if (!target.startsWith(outputDirectory)) {
      throw new IllegalArgumentException("Refusing to touch " + target + " outside " + outputDirectory);
    }
    return target;
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
    boolean moved = false;
    try {
      Files.write(temporary, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temporary); // only a failed write leaves it: two system calls per file saved at scale
      }
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

  /** Whether a file starts with the header line: the mark of a file this plugin owns. */
  static boolean hasHeader(byte[] content) {
    if (content.length < HEADER.length) {
      return false;
    }
    for (int i = 0; i < HEADER.length; i++) {
      if (content[i] != HEADER[i]) {
        return false;
      }
    }
    return true;
  }
}
