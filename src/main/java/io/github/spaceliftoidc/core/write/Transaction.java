package io.github.spaceliftoidc.core.write;

import io.github.spaceliftoidc.core.problem.GenerationException;
import io.github.spaceliftoidc.core.write.FileChange.Kind;
import io.github.spaceliftoidc.core.write.OutputTree.Present;
import io.github.spaceliftoidc.core.write.OutputWriter.SyncResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The changes a comparison found, staged for one output directory, and their application. Every state that the run
 * can leave, even killed at any point, is one the next run repairs, with no generated file that no manifest lists:
 *
 * <ol>
 *   <li>the journal (in the lock file) names every temporary file and every directory the run may leave empty;
 *   <li>every new content is written to a temporary file next to its target (a failure here changes nothing);
 *   <li>the manifest is replaced first by one that lists every file the tree will hold during the moves (the old
 *       files and the new ones), unless the old one already does;
 *   <li>the files are moved into place and the stale ones deleted; the final manifest comes last, or first when no
 *       file is deleted (then it lists everything already);
 *   <li>emptied directories are pruned, and the journal is emptied.
 * </ol>
 *
 * An I/O failure after step 2 puts back every file already changed, from the copies read before, the manifest last. A
 * killed run leaves its journal: the next run deletes the temporary files and prunes the directories it lists, and
 * then finds, through the manifest, every file the killed run wrote. Used once.
 */
final class Transaction {

  /** A file to write: its logical path, where it goes, its new content and what is there now (or null). */
  private record Write(String path, Path real, byte[] content, byte[] onDisk) {}

  /** A stale generated file to delete. */
  private record Delete(String path, Path real, byte[] onDisk) {}

  /** One move of a temporary file into place. */
  private record Step(Path temporary, Path target, byte[] content) {}

  /**
   * A test hook: a system property naming a file that, once a run has staged its files (and holds the lock), the run
   * creates and then waits for a test to delete. It makes a test of two builds on one directory deterministic; a
   * YAML cannot set it.
   */
  static final String HOLD_PROPERTY = "spacelift-oidc.test.holdAfterStaging";

  private final OutputTree tree;
  private final FileOperations files;
  private final List<FileChange> changes = new ArrayList<>();
  private final List<String> kept = new ArrayList<>();
  private final List<Write> writes = new ArrayList<>();
  private final List<Delete> deletes = new ArrayList<>();
  private final Set<String> newDirectories = new LinkedHashSet<>();
  private String manifestText;
  private String unionText;
  private byte[] previousManifest;
  private boolean manifestChanged;

  Transaction(OutputTree tree, FileOperations files) {
    this.tree = tree;
    this.files = files;
  }

  /** A file that stays as it is. */
  void unchanged(String path) {
    changes.add(new FileChange(path, Kind.UNCHANGED, ""));
  }

  /**
   * A file to create or update.
   *
   * @param onDisk what is there now, or null for a new file
   */
  void write(FileChange change, Path real, byte[] content, byte[] onDisk) {
    changes.add(change);
    writes.add(new Write(change.path(), real, content, onDisk));
    if (onDisk == null) {
      String path = change.path();
      int slash = path.lastIndexOf('/');
      if (slash > 0) {
        newDirectories.add(path.substring(0, slash));
      }
    }
  }

  /** A stale generated file to delete. */
  void delete(FileChange change, Path real, byte[] onDisk) {
    changes.add(change);
    deletes.add(new Delete(change.path(), real, onDisk));
  }

  /** A temporary file that a killed run left, removed already ({@code generate}) or to remove ({@code check}). */
  void leftover(String path) {
    changes.add(new FileChange(path, Kind.DELETE, ""));
  }

  /** A stale file that stays, with the reason ("path: why"). */
  void keep(String description) {
    kept.add(io.github.spaceliftoidc.core.problem.Printable.of(description));
  }

  /**
   * The manifest the output directory will have.
   *
   * @param text its content, or null when there is none to write
   * @param union a manifest that lists the files of both the old and the new one, for the moves; null when the old
   *     one lists every file already
   * @param onDisk the manifest there now, or null
   * @param changed whether it differs from the one on disk
   */
  void manifest(String text, String union, byte[] onDisk, boolean changed) {
    manifestText = text;
    unionText = union;
    previousManifest = onDisk;
    manifestChanged = changed;
  }

  /** What the changes are, without applying them. */
  SyncResult result() {
    return new SyncResult(sortedChanges(), kept, manifestChanged, List.of());
  }

  private List<FileChange> sortedChanges() {
    List<FileChange> sorted = new ArrayList<>(changes);
    sorted.sort(Comparator.comparing(FileChange::path));
    return sorted;
  }

  /** Applies the changes; see the class comment for what a failure or a kill leaves. */
  SyncResult apply(OutputLock lock) {
    if (writes.isEmpty() && deletes.isEmpty() && !manifestChanged) {
      return result();
    }
    Path manifest = tree.realRoot().resolve(Manifest.FILE_NAME);
    boolean finalFirst = deletes.isEmpty();
    Step first = null;
    if (finalFirst && manifestChanged) {
      first = step(manifest, manifestText);
    } else if (!finalFirst && unionText != null) {
      first = step(manifest, unionText);
    }
    Step last = !finalFirst && manifestChanged ? step(manifest, manifestText) : null;
    List<Step> moves = new ArrayList<>(writes.size());
    writes.forEach(write -> moves.add(new Step(AtomicFiles.temporaryFor(write.real()), write.real(),
        write.content())));
    List<Step> all = new ArrayList<>(moves.size() + 2);
    if (first != null) {
      all.add(first);
    }
    all.addAll(moves);
    if (last != null) {
      all.add(last);
    }
    Map<Path, byte[]> previous = new HashMap<>();
    writes.forEach(write -> previous.put(write.real(), write.onDisk()));
    deletes.forEach(delete -> previous.put(delete.real(), delete.onDisk()));
    previous.put(manifest, previousManifest);

    Path current = null;
    List<Path> createdDirectories = new ArrayList<>();
    List<Step> staged = new ArrayList<>(all.size());
    try {
      current = lock.file();
      files.writeJournal(lock, OutputLock.Journal.render(ProcessHandle.current().pid(),
          all.stream().map(step -> relative(step.temporary())).toList(), journalDirectories()));
      for (Step step : all) {
        current = step.target();
        createDirectories(step.target().getParent(), createdDirectories);
        files.writeTemporary(step.temporary(), step.content());
        staged.add(step);
      }
    } catch (IOException e) {
      staged.forEach(step -> deleteQuietly(step.temporary()));
      removeDirectories(createdDirectories);
      clearJournal(lock);
      throw new GenerationException("Cannot write " + current + " (" + describe(e) + "); nothing was changed below "
          + tree.root() + ". Check that the directory is writable and the disk is not full, then run again.", e);
    }
    holdIfAsked();
    List<Path> touched = new ArrayList<>();
    List<Step> moved = new ArrayList<>();
    try {
      if (first != null) {
        current = manifest;
        files.move(first.temporary(), manifest);
        moved.add(first);
        touched.add(manifest);
      }
      for (Step step : moves) {
        current = step.target();
        files.move(step.temporary(), step.target());
        moved.add(step);
        touched.add(step.target());
      }
      for (Delete delete : deletes) {
        current = delete.real();
        files.delete(delete.real());
        touched.add(delete.real());
      }
      if (last != null) {
        current = manifest;
        files.move(last.temporary(), manifest);
        moved.add(last);
        if (first == null) {
          touched.add(manifest);
        }
      }
    } catch (IOException e) {
      staged.stream().filter(step -> !moved.contains(step)).forEach(step -> deleteQuietly(step.temporary()));
      List<Path> notRestored = rollBack(lock, touched, previous);
      removeDirectories(createdDirectories);
      if (notRestored.isEmpty()) {
        clearJournal(lock);
      }
      throw new GenerationException("Cannot write " + current + " (" + describe(e) + "). "
          + (notRestored.isEmpty() ? "Every file changed so far was put back as it was."
              : "These files could not be put back and need a look: " + notRestored + ".")
          + " Check that the output directory is writable, then run again.", e);
    }
    deletes.forEach(delete -> prune(parent(delete.path())));
    clearJournal(lock);
    return new SyncResult(sortedChanges(), kept, manifestChanged, touched);
  }

  /** The directories a run may leave empty: those of the files it deletes, and those it creates. */
  private List<String> journalDirectories() {
    Set<String> directories = new LinkedHashSet<>(newDirectories);
    deletes.forEach(delete -> {
      String parent = parent(delete.path());
      if (!parent.isEmpty()) {
        directories.add(parent);
      }
    });
    return List.copyOf(directories);
  }

  private static Step step(Path target, String text) {
    return new Step(AtomicFiles.temporaryFor(target), target, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Puts back the earlier content of every touched file (or removes it, if it is new), the last touched first, so
   * that the manifest, touched first, is put back last; returns the failures.
   */
  private List<Path> rollBack(OutputLock lock, List<Path> touched, Map<Path, byte[]> previous) {
    Map<Path, Path> temporaries = new HashMap<>();
    for (Path path : touched) {
      if (previous.get(path) != null) {
        temporaries.put(path, AtomicFiles.temporaryFor(path));
      }
    }
    try {
      files.appendJournal(lock, OutputLock.Journal.more(temporaries.values().stream().map(this::relative).toList()));
    } catch (IOException e) {
      // putting the files back matters more than a journal of it
    }
    List<Path> failed = new ArrayList<>();
    for (int i = touched.size() - 1; i >= 0; i--) {
      Path path = touched.get(i);
      byte[] before = previous.get(path);
      try {
        if (before == null) {
          files.delete(path);
        } else {
          files.writeTemporary(temporaries.get(path), before);
          files.move(temporaries.get(path), path);
        }
      } catch (IOException e) {
        failed.add(path);
        if (before != null) {
          deleteQuietly(temporaries.get(path));
        }
      }
    }
    return failed;
  }

  /**
   * Deletes the temporary files and prunes the directories that a killed run's journal names, and empties the
   * journal. Only what the plugin could have written is touched: a temporary file's name, a regular file, inside the
   * real output directory (a journal is a file in the tree, so a pull request could have put anything in it).
   *
   * @return the temporary files removed, relative to the output directory
   */
  static List<String> recover(OutputTree tree, OutputLock lock, FileOperations files) throws IOException {
    OutputLock.Journal journal = lock.journal();
    if (journal.isEmpty()) {
      if (OutputLock.hasJournal(tree.realRoot())) {
        files.writeJournal(lock, "");
      }
      return List.of();
    }
    List<String> removed = new ArrayList<>();
    for (Path temporary : leftovers(tree, journal)) {
      files.delete(temporary);
      removed.add(tree.realRoot().relativize(temporary).toString().replace('\\', '/'));
    }
    Transaction pruning = new Transaction(tree, files);
    journal.directories().stream().sorted(Comparator.comparing(String::length).reversed())
        .forEach(pruning::prune);
    files.writeJournal(lock, "");
    return removed;
  }

  /** The temporary files that {@code journal} names and that are still there (see {@link #recover}). */
  static List<Path> leftovers(OutputTree tree, OutputLock.Journal journal) {
    List<Path> found = new ArrayList<>();
    for (String path : journal.temporaryFiles()) {
      Path file = inside(tree, path);
      if (file == null || !AtomicFiles.isTemporary(file.getFileName().toString())) {
        continue;
      }
      BasicFileAttributes attributes = OutputTree.lstat(file);
      if (attributes != null && attributes.isRegularFile()) {
        found.add(file);
      }
    }
    return found;
  }

  /** {@code path} (relative to the real output directory) when it really is inside it; else null. */
  private static Path inside(OutputTree tree, String path) {
    if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("\0")) {
      return null;
    }
    Path file = tree.realRoot().resolve(path).normalize();
    if (!file.startsWith(tree.realRoot()) || file.equals(tree.realRoot())) {
      return null;
    }
    try {
      Path directory = file.getParent().toRealPath();
      return directory.startsWith(tree.realRoot()) ? directory.resolve(file.getFileName()) : null;
    } catch (IOException e) {
      return null; // its directory is gone, so is the file
    }
  }

  /** Creates {@code directory} and its missing parents, remembering which this run created (deepest last). */
  private void createDirectories(Path directory, List<Path> created) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path dir = directory; dir != null && dir.startsWith(tree.realRoot()) && OutputTree.lstat(dir) == null;
        dir = dir.getParent()) {
      missing.add(0, dir);
    }
    for (Path dir : missing) {
      if (files.createDirectory(dir)) {
        created.add(dir);
      }
    }
  }

  private void removeDirectories(List<Path> created) {
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        files.deleteEmptyDirectory(created.get(i));
      } catch (IOException e) {
        // an empty directory left behind is harmless
      }
    }
  }

  /**
   * Deletes now-empty directories from {@code path} (logical) up to, not including, the output directory. It stops
   * at the first that is not empty, and at a symbolic link, which is never removed (and neither is where it leads).
   * An empty directory left behind is harmless, so a failure only stops the pruning.
   */
  private void prune(String path) {
    String directory = path;
    try {
      while (!directory.isEmpty()) {
        String parent = parent(directory);
        if (!(tree.directory(parent) instanceof Present present)) {
          return;
        }
        Path real = present.real().resolve(directory.substring(directory.lastIndexOf('/') + 1));
        BasicFileAttributes attributes = OutputTree.lstat(real);
        if (attributes != null) {
          if (!attributes.isDirectory() || real.equals(tree.realRoot()) || !files.deleteEmptyDirectory(real)) {
            return;
          }
        }
        directory = parent;
      }
    } catch (IOException | GenerationException e) {
      // harmless, see above
    }
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private String relative(Path real) {
    return tree.realRoot().relativize(real).toString().replace('\\', '/');
  }

  private void clearJournal(OutputLock lock) {
    try {
      files.writeJournal(lock, "");
    } catch (IOException e) {
      // the next run finds the journal and finds nothing to remove
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // best effort: the caller reports the failure that matters
    }
  }

  /** See {@link #HOLD_PROPERTY}. */
  private static void holdIfAsked() {
    String hold = System.getProperty(HOLD_PROPERTY);
    if (hold == null || hold.isEmpty()) {
      return;
    }
    Path file = Path.of(hold);
    try {
      Files.writeString(file, Long.toString(ProcessHandle.current().pid()));
      while (Files.exists(file)) {
        Thread.sleep(20);
      }
    } catch (IOException e) {
      throw new GenerationException("Cannot create the hold file " + file + " (" + e + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String describe(IOException e) {
    return e instanceof AccessDeniedException ? "permission denied"
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
