package io.github.spaceliftoidc.core.write;

import io.github.spaceliftoidc.core.problem.FileKinds;
import io.github.spaceliftoidc.core.problem.GenerationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The output directory as the writer sees it: the paths of the manifest and the YAML (relative, with '/') resolved to
 * real paths inside the real output directory, which is where every read, write and delete goes.
 *
 * <ul>
 *   <li>A directory on the way may be a symbolic link, as monorepos link stack directories, provided that it leads to
 *       a directory inside the real output directory: the files go where it leads, and the link itself is never
 *       removed. A link that leads out of the output directory, or nowhere, blocks everything below it, and so does
 *       a file where a directory must be.
 *   <li>A file itself must be a regular file, or absent: a link, a directory, a FIFO, a device or a socket at a
 *       generated path is in the way. It is described from its attributes, never opened, so a FIFO is never waited on
 *       and a device never read; and a regular file is read with a bound.
 * </ul>
 *
 * Directories are resolved once each (one {@code lstat}), and safely from several threads.
 */
final class OutputTree {

  /** Far larger than anything the plugin generates: a larger file at a generated path is not one of its files. */
  static final long MAX_FILE_SIZE = 16L * 1024 * 1024;

  private final Path root;
  private final Path realRoot;
  private final Map<String, Directory> directories = new ConcurrentHashMap<>();

  /** A directory on the way to a file. */
  sealed interface Directory {}

  /** An existing directory, at this real path. */
  record Present(Path real) implements Directory {}

  /** A directory that does not exist yet; creating it makes it this real path, below an existing one. */
  record Absent(Path real) implements Directory {}

  /**
   * Something where a directory must be, or a link that leads where the plugin must not go.
   *
   * @param path the logical path of the directory
   * @param what what is there, e.g. "a symbolic link to /elsewhere"
   * @param outside whether it leads out of the output directory (rather than being merely in the way)
   */
  record Blocked(String path, String what, boolean outside) implements Directory {}

  /**
   * What is at a file path.
   *
   * @param path the logical path, relative to the output directory
   * @param real where the file is or will be; null when a blocked directory is on the way
   * @param content the file's bytes, or null when there is no regular file
   * @param obstacle what is in the way of the file, as the error lists it ("stacks/web (a file where the directory
   *     of ... must be)"); or null
   * @param outside whether the obstacle is that the path leads out of the output directory
   */
  record Target(String path, Path real, byte[] content, String obstacle, boolean outside) {

    boolean exists() {
      return content != null;
    }
  }

  /** @param root the output directory, absolute and normalised; it may not exist yet */
  OutputTree(Path root) {
    this.root = root;
    Path real = root;
    try {
      if (Files.exists(root)) {
        real = root.toRealPath();
      }
    } catch (IOException e) {
      throw new GenerationException("Cannot resolve the output directory " + root + " (" + e + "); check that it"
          + " is a directory this build may read and write.", e);
    }
    this.realRoot = real;
  }

  Path root() {
    return root;
  }

  /** The output directory with every link resolved: nothing is written or deleted outside it. */
  Path realRoot() {
    return realRoot;
  }

  /** The directory {@code path} (logical, "" for the output directory itself). */
  Directory directory(String path) {
    Directory known = directories.get(path);
    if (known != null) {
      return known;
    }
    Directory resolved = path.isEmpty()
        ? (Files.isDirectory(realRoot) ? new Present(realRoot) : new Absent(realRoot))
        : resolveDirectory(path);
    Directory previous = directories.putIfAbsent(path, resolved);
    return previous == null ? resolved : previous;
  }

  private Directory resolveDirectory(String path) {
    int slash = path.lastIndexOf('/');
    Directory parent = directory(slash < 0 ? "" : path.substring(0, slash));
    String name = path.substring(slash + 1);
    if (parent instanceof Blocked) {
      return parent;
    }
    if (parent instanceof Absent absent) {
      return new Absent(absent.real().resolve(name));
    }
    Path candidate = ((Present) parent).real().resolve(name);
    BasicFileAttributes attributes = lstat(candidate);
    if (attributes == null) {
      return new Absent(candidate);
    }
    if (attributes.isDirectory()) {
      return new Present(candidate);
    }
    if (!attributes.isSymbolicLink()) {
      return new Blocked(path, FileKinds.describe(candidate, attributes, LinkOption.NOFOLLOW_LINKS)
          .replace("a regular file", "a file"), false);
    }
    Path target;
    try {
      target = candidate.toRealPath();
    } catch (IOException e) {
      return new Blocked(path, "a symbolic link that leads nowhere", false);
    }
    if (!target.startsWith(realRoot)) {
      return new Blocked(path, "a symbolic link to " + target + ", outside the output directory " + realRoot, true);
    }
    if (!Files.isDirectory(target)) {
      return new Blocked(path, "a symbolic link to a file", false);
    }
    return new Present(target);
  }

  /** What is at {@code path}; its content is read when it is a regular file. */
  Target file(String path) {
    int slash = path.lastIndexOf('/');
    Directory directory = directory(slash < 0 ? "" : path.substring(0, slash));
    String name = path.substring(slash + 1);
    if (directory instanceof Blocked blocked) {
      String why = blocked.outside() ? blocked.what()
          : blocked.what() + " where the directory of " + path + " must be";
      return new Target(path, null, null, blocked.path() + " (" + why + ")", blocked.outside());
    }
    if (directory instanceof Absent absent) {
      return new Target(path, absent.real().resolve(name), null, null, false); // nothing can be in the way
    }
    Path real = ((Present) directory).real().resolve(name);
    BasicFileAttributes attributes = lstat(real);
    if (attributes == null) {
      return new Target(path, real, null, null, false);
    }
    if (!attributes.isRegularFile()) {
      String kind = FileKinds.describe(real, attributes, LinkOption.NOFOLLOW_LINKS);
      String why = attributes.isSymbolicLink()
          ? "a symbolic link, where the plugin writes a file; it never writes through a link or replaces one"
          : kind + ", where the plugin writes a file";
      return new Target(path, real, null, path + " (" + why + ")", false);
    }
    if (attributes.size() > MAX_FILE_SIZE) {
      return new Target(path, real, null, path + String.format(java.util.Locale.ROOT, " (%,d bytes, far more than"
          + " any file the plugin generates)", attributes.size()), false);
    }
    byte[] content = read(real, attributes.size());
    return content == null ? new Target(path, real, null, null, false) : new Target(path, real, content, null, false);
  }

  /** The attributes of {@code path} itself (a link is not followed), or null when nothing is there. */
  static BasicFileAttributes lstat(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new GenerationException("Cannot read " + path + " (" + e + "); check that the output directory "
          + "is a directory this build may read and write.", e);
    }
  }

  /** The bytes of the regular file {@code path} (never through a link), at most {@code size}; null if it is gone. */
  private static byte[] read(Path path, long size) {
    try (SeekableByteChannel channel = Files.newByteChannel(path, StandardOpenOption.READ,
        LinkOption.NOFOLLOW_LINKS)) {
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      while (buffer.hasRemaining() && channel.read(buffer) > 0) {
        // read until full, or until the file turns out shorter than it was
      }
      return buffer.hasRemaining() ? Arrays.copyOf(buffer.array(), buffer.position()) : buffer.array();
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new GenerationException("Cannot read " + path + " (" + e + "); check that the output directory "
          + "is a directory this build may read and write.", e);
    }
  }
}
