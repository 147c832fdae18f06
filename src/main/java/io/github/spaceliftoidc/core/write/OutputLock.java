package io.github.spaceliftoidc.core.write;

import io.github.spaceliftoidc.core.problem.FileKinds;
import io.github.spaceliftoidc.core.problem.GenerationException;
import io.github.spaceliftoidc.core.problem.UserInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The lock of one output directory, across threads and processes: an OS file lock ({@link FileChannel#lock}) on
 * {@value #FILE_NAME} in the output directory, under a lock of this JVM (the OS lock belongs to the process, so the
 * threads of one build take turns on the JVM's). {@code generate} holds it exclusively from the comparison to the
 * last write, {@code check} shared while it compares; two builds (an IDE next to a command line, two CI jobs in one
 * workspace) therefore never interleave their changes.
 *
 * <p>The lock file is also the journal of the run that holds it: before a run creates its first temporary file, it
 * writes the names of all of them there, and it empties the file once done. A file with content is thus what a killed
 * run left, and the next run removes what it lists. The file stays in the output directory, empty; git-ignore it.
 */
final class OutputLock implements AutoCloseable {

  /** The lock file's name in the output directory. */
  static final String FILE_NAME = ".spacelift-oidc.lock";

  /**
   * One lock per output directory for the whole JVM: modules of a parallel build that share an output directory
   * take turns, and only one thread at a time holds the OS lock (which the JVM does not allow twice). This is
   * synchronisation, not data: the keys are immutable paths, the values hold nothing but the lock, and the map grows
   * by one entry per distinct output directory, which stays tiny.
   */
  private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

  /** Bounds what is read of a journal: 200,000 temporary files' names; a longer one is not one the plugin wrote. */
  private static final int MAX_JOURNAL = 64 * 1024 * 1024;

  private final ReentrantLock jvmLock;
  private final Path file;
  private final FileChannel channel;
  private final FileLock fileLock;

  private OutputLock(ReentrantLock jvmLock, Path file, FileChannel channel, FileLock fileLock) {
    this.jvmLock = jvmLock;
    this.file = file;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /**
   * The exclusive lock of {@code directory} (real, existing), waiting for other builds; creates the lock file.
   *
   * @param notices told once when another build holds the lock, before this one waits for it
   */
  static OutputLock exclusive(Path directory, Consumer<String> notices) {
    ReentrantLock jvmLock = jvmLock(directory);
    Path file = directory.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      refuseIfNotRegular(file);
      try {
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
            LinkOption.NOFOLLOW_LINKS);
      } catch (AccessDeniedException | ReadOnlyFileSystemException e) {
        return readOnly(jvmLock, file);
      } catch (FileSystemException e) {
        if (e.getReason() == null || !e.getReason().contains("Read-only")) {
          throw e;
        }
        return readOnly(jvmLock, file); // EROFS
      }
      return new OutputLock(jvmLock, file, channel, acquire(channel, false, directory, notices));
    } catch (IOException | RuntimeException e) {
      throw released(e, channel, jvmLock, directory, file, "; check that the directory is writable");
    }
  }

  /**
   * A read-only tree: nothing can write here, so there is nothing to wait for; a run with something to write fails at
   * its first write (the journal), saying that the directory is not writable.
   */
  private static OutputLock readOnly(ReentrantLock jvmLock, Path file) {
    return new OutputLock(jvmLock, file, null, null);
  }

  /**
   * The shared lock of {@code directory}, for a run that only reads: when there is no lock file (no generate ever
   * ran here, or the directory does not exist) or it cannot be opened (a read-only checkout), only this JVM's lock is
   * held, since nothing could be writing there; a reading run never creates the file.
   */
  static OutputLock shared(Path directory, Consumer<String> notices) {
    ReentrantLock jvmLock = jvmLock(directory);
    Path file = directory.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      BasicFileAttributes attributes = OutputTree.lstat(file);
      if (attributes == null || !attributes.isRegularFile()) {
        return new OutputLock(jvmLock, file, null, null); // an odd lock file is for generate to refuse
      }
      try {
        channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        return new OutputLock(jvmLock, file, null, null);
      }
      return new OutputLock(jvmLock, file, channel, acquire(channel, true, directory, notices));
    } catch (IOException | RuntimeException e) {
      throw released(e, channel, jvmLock, directory, file, "");
    }
  }

  /** Gives up what a failed locking took (the channel, this JVM's lock); returns the failure to throw. */
  private static RuntimeException released(Exception e, FileChannel channel, ReentrantLock jvmLock, Path directory,
      Path file, String hint) {
    closeQuietly(channel);
    jvmLock.unlock();
    return e instanceof RuntimeException unchecked ? unchecked : new GenerationException("Cannot lock the output"
        + " directory " + directory + " through " + file + " (" + e + ")" + hint + ".", e);
  }

  /** Whether a journal is left in {@code directory}: a run is under way there, or one was killed. One stat. */
  static boolean hasJournal(Path directory) {
    try {
      return Files.size(directory.resolve(FILE_NAME)) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static ReentrantLock jvmLock(Path directory) {
    ReentrantLock lock = IN_THIS_JVM.computeIfAbsent(directory, key -> new ReentrantLock());
    lock.lock();
    return lock;
  }

  /** A link, a directory or a special file named like the lock file is never opened: it is in the way. */
  private static void refuseIfNotRegular(Path file) {
    BasicFileAttributes attributes = OutputTree.lstat(file);
    if (attributes != null && !attributes.isRegularFile()) {
      throw new UserInputException("The lock file " + file + " is "
          + FileKinds.describe(file, attributes, LinkOption.NOFOLLOW_LINKS) + "; the plugin keeps an empty regular"
          + " file there while it writes. Remove it, then run again.");
    }
  }

  private static FileLock acquire(FileChannel channel, boolean shared, Path directory, Consumer<String> notices)
      throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock(0, Long.MAX_VALUE, shared);
    } catch (IOException e) {
      // Some network file systems have no locks (ENOLCK): carry on, as before there were OS locks.
      notices.accept("Cannot lock " + directory.resolve(FILE_NAME) + " (" + e.getMessage() + "); make sure that no"
          + " other build writes " + directory + " at the same time.");
      return null;
    }
    if (lock == null) {
      String holder = holder(channel);
      notices.accept("Waiting for another build" + (holder.isEmpty() ? "" : " (" + holder + ")") + " that "
          + (shared ? "writes " : "uses ") + directory + " to finish; it holds " + directory.resolve(FILE_NAME)
          + ".");
      lock = channel.lock(0, Long.MAX_VALUE, shared);
    }
    return lock;
  }

  /** "process 1234", when the run that holds the lock has written its journal. */
  private static String holder(FileChannel channel) {
    try {
      for (String line : read(channel).split("\n")) {
        if (line.startsWith(Journal.PROCESS)) {
          return "process " + line.substring(Journal.PROCESS.length());
        }
      }
    } catch (IOException e) {
      // only a nicer message lost
    }
    return "";
  }

  /** The journal as the last run left it ("" when it finished, or when there is no lock file). */
  Journal journal() throws IOException {
    return channel == null ? Journal.EMPTY : Journal.parse(read(channel));
  }

  /** Replaces the journal with {@code text} (empty: the run is done). */
  void writeJournal(String text) throws IOException {
    writable().truncate(0);
    write(text, 0);
  }

  /** Adds {@code text} to the end of the journal, losing nothing of it even if the run dies while writing. */
  void appendJournal(String text) throws IOException {
    write(text, writable().size());
  }

  private FileChannel writable() throws IOException {
    if (channel == null) {
      throw new AccessDeniedException(file.toString(), null, "the lock file cannot be written");
    }
    return channel;
  }

  private void write(String text, long position) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    long at = position;
    while (buffer.hasRemaining()) {
      at += channel.write(buffer, at);
    }
  }

  private static String read(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size == 0 || size > MAX_JOURNAL) {
      return "";
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
      // read it all
    }
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
  }

  Path file() {
    return file;
  }

  @Override
  public void close() {
    try {
      if (fileLock != null && fileLock.isValid()) {
        fileLock.release();
      }
    } catch (IOException e) {
      // closing the channel releases it too
    } finally {
      closeQuietly(channel);
      jvmLock.unlock();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing left to do with it
      }
    }
  }

  /**
   * What a run writes to the lock file before it creates its first temporary file: its process, its temporary files
   * and the directories it may leave empty, all relative to the real output directory. Only whole lines count: a run
   * killed while writing the journal had not created anything yet.
   */
  record Journal(List<String> temporaryFiles, List<String> directories) {

    static final Journal EMPTY = new Journal(List.of(), List.of());
    static final String HEADER = "spacelift-oidc journal 1";
    static final String PROCESS = "process ";
    static final String TEMPORARY = "temporary ";
    static final String DIRECTORY = "directory ";

    Journal {
      temporaryFiles = List.copyOf(temporaryFiles);
      directories = List.copyOf(directories);
    }

    boolean isEmpty() {
      return temporaryFiles.isEmpty() && directories.isEmpty();
    }

    static Journal parse(String text) {
      List<String> temporary = new ArrayList<>();
      List<String> directories = new ArrayList<>();
      int end = text.lastIndexOf('\n');
      if (end < 0 || !text.startsWith(HEADER + "\n")) {
        return EMPTY;
      }
      for (String line : text.substring(0, end).split("\n")) {
        if (line.startsWith(TEMPORARY)) {
          temporary.add(line.substring(TEMPORARY.length()));
        } else if (line.startsWith(DIRECTORY)) {
          directories.add(line.substring(DIRECTORY.length()));
        }
      }
      return new Journal(temporary, List.copyOf(Set.copyOf(directories)));
    }

    /** The journal's text, for {@code process}. */
    static String render(long process, List<String> temporaryFiles, List<String> directories) {
      StringBuilder out = new StringBuilder(64 + 96 * temporaryFiles.size());
      out.append(HEADER).append('\n').append(PROCESS).append(process).append('\n');
      temporaryFiles.forEach(path -> out.append(TEMPORARY).append(path).append('\n'));
      directories.forEach(path -> out.append(DIRECTORY).append(path).append('\n'));
      return out.toString();
    }

    /** Lines to append for more temporary files. */
    static String more(List<String> temporaryFiles) {
      StringBuilder out = new StringBuilder();
      temporaryFiles.forEach(path -> out.append(TEMPORARY).append(path).append('\n'));
      return out.toString();
    }
  }
}
