package io.github.spaceliftoidc.core.write;

import io.github.spaceliftoidc.core.problem.GenerationException;
import io.github.spaceliftoidc.core.write.FileChange.Kind;
import io.github.spaceliftoidc.core.write.OutputWriter.SyncResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes a comparison found, staged for one output directory, and their application all or nothing: every new
 * content is first written to a temporary file next to its target, and only when all are written are they moved into
 * place, stale files deleted and the manifest replaced. A failure while staging leaves the directory untouched; a
 * failure after that puts back every file already changed, from the copies read before. Used once.
 */
final class Transaction {

  private final Path outputDirectory;
  private final FileOperations files;
  private final List<FileChange> changes = new ArrayList<>();
  private final List<String> kept = new ArrayList<>();
  private final Map<Path, byte[]> writes = new LinkedHashMap<>();
  private final List<Path> deletes = new ArrayList<>();
  /** What was on disk before, for every file to update or delete: a failed run puts it back. */
  private final Map<Path, byte[]> previous = new LinkedHashMap<>();
  private String manifestText;
  private byte[] previousManifest;
  private boolean manifestChanged;

  Transaction(Path outputDirectory, FileOperations files) {
    this.outputDirectory = outputDirectory;
    this.files = files;
  }

  /** A file that stays as it is. */
  void unchanged(String path) {
    changes.add(new FileChange(path, Kind.UNCHANGED, ""));
  }

  /**
   * A file to create, update or delete.
   *
   * @param content the new content, or null for a delete
   * @param onDisk what is there now, or null for a new file
   */
  void add(FileChange change, Path target, byte[] content, byte[] onDisk) {
    changes.add(change);
    if (change.kind() == Kind.DELETE) {
      deletes.add(target);
    } else {
      writes.put(target, content);
    }
    if (onDisk != null) {
      previous.put(target, onDisk);
    }
  }

  /** A stale file that lost the header: someone made it theirs, so it stays. */
  void keep(String path) {
    kept.add(path);
  }

  /**
   * The manifest the output directory will have.
   *
   * @param text its content, or null when there is none to write
   * @param onDisk the manifest there now, or null
   * @param changed whether it differs from the one on disk
   */
  void manifest(String text, byte[] onDisk, boolean changed) {
    manifestText = text;
    previousManifest = onDisk;
    manifestChanged = changed;
  }

  /** What the changes are, without applying them. */
  SyncResult result() {
    return new SyncResult(sortedChanges(), kept, manifestChanged, List.of());
  }

  private List<FileChange> sortedChanges() {
    List<FileChange> sorted = new ArrayList<>(changes);
    sorted.sort((a, b) -> a.path().compareTo(b.path()));
    return sorted;
  }

  /** Applies the changes; see the class comment for what a failure leaves. */
  SyncResult apply() {
    Path manifest = outputDirectory.resolve(Manifest.FILE_NAME);
    Map<Path, byte[]> all = new LinkedHashMap<>(writes);
    if (manifestChanged) {
      all.put(manifest, manifestText.getBytes(StandardCharsets.UTF_8));
      if (previousManifest != null) {
        previous.put(manifest, previousManifest);
      }
    }
    List<Path> createdDirectories = new ArrayList<>();
    Map<Path, Path> staged = new LinkedHashMap<>();
    Path current = null;
    try {
      for (Map.Entry<Path, byte[]> write : all.entrySet()) {
        current = write.getKey();
        createDirectories(current.getParent(), createdDirectories);
        staged.put(current, files.writeTemporary(current, write.getValue()));
      }
    } catch (IOException e) {
      staged.values().forEach(Transaction::deleteQuietly);
      removeDirectories(createdDirectories);
      throw new GenerationException("Cannot write " + current + " (" + describe(e) + "); nothing was changed below "
          + outputDirectory + ". Check that the directory is writable and the disk is not full, then run again.", e);
    }
    List<Path> touched = new ArrayList<>();
    try {
      for (Map.Entry<Path, Path> move : staged.entrySet()) {
        current = move.getKey();
        if (!current.equals(manifest)) {
          files.move(move.getValue(), current);
          touched.add(current);
        }
      }
      for (Path delete : deletes) {
        current = delete;
        files.delete(delete);
        touched.add(delete);
      }
      if (staged.containsKey(manifest)) {
        current = manifest;
        files.move(staged.get(manifest), manifest);
        touched.add(manifest);
      }
    } catch (IOException e) {
      staged.values().forEach(Transaction::deleteQuietly);
      List<Path> notRestored = rollBack(touched);
      removeDirectories(createdDirectories);
      throw new GenerationException("Cannot write " + current + " (" + describe(e) + "). "
          + (notRestored.isEmpty() ? "Every file changed so far was put back as it was."
              : "These files could not be put back and need a look: " + notRestored + ".")
          + " Check that the output directory is writable, then run again.", e);
    }
    for (Path delete : deletes) {
      pruneEmptyDirectories(delete.getParent());
    }
    return new SyncResult(sortedChanges(), kept, manifestChanged, touched);
  }

  /** Puts back the earlier content of every touched file (or removes it, if it is new); returns the failures. */
  private List<Path> rollBack(List<Path> touched) {
    List<Path> failed = new ArrayList<>();
    for (Path path : touched) {
      try {
        byte[] before = previous.get(path);
        if (before == null) {
          Files.deleteIfExists(path);
        } else {
          AtomicFiles.replace(path, before);
        }
      } catch (IOException e) {
        failed.add(path);
      }
    }
    return failed;
  }

  /** Creates {@code directory} and its missing parents, remembering which were new (deepest last). */
  private static void createDirectories(Path directory, List<Path> created) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path dir = directory; dir != null && !Files.isDirectory(dir); dir = dir.getParent()) {
      missing.add(0, dir);
    }
    for (Path dir : missing) {
      Files.createDirectory(dir);
      created.add(dir);
    }
  }

  private static void removeDirectories(List<Path> created) {
    for (int i = created.size() - 1; i >= 0; i--) {
      deleteQuietly(created.get(i));
    }
  }

  /**
   * Deletes now-empty directories from {@code directory} up to (not including) the output directory. An empty
   * directory left behind is harmless, so a failure only stops the pruning.
   */
  private void pruneEmptyDirectories(Path directory) {
    Path current = directory;
    try {
      while (current != null && current.startsWith(outputDirectory) && !current.equals(outputDirectory)) {
        Files.delete(current);
        current = current.getParent();
      }
    } catch (DirectoryNotEmptyException | NoSuchFileException e) {
      // still holds something (perhaps a hand-written file): keep it
    } catch (IOException e) {
      // harmless, see above
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // best effort: the caller reports the failure that matters
    }
  }

  private static String describe(IOException e) {
    return e instanceof AccessDeniedException ? "permission denied"
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
