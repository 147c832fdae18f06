package io.github.spaceliftoidc.core.write;

import io.github.spaceliftoidc.core.concurrent.Parallel;
import io.github.spaceliftoidc.core.problem.GenerationException;
import io.github.spaceliftoidc.core.problem.Mark;
import io.github.spaceliftoidc.core.problem.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;

/**
 * The fingerprint kept in a stamp file: a digest of every input (the plugin version and parameters, the YAML, the
 * policy files it reads, the user templates) and the size and mtime of every output. When neither changed since the
 * last successful run, the run can skip all work. Outputs are only stat'ed, never read, so the check stays cheap at
 * scale.
 */
final class StampFile implements Fingerprint {

  /** Bump when the stamp format or the meaning of the digest changes; old stamps then never match. */
  private static final String FORMAT = "spacelift-oidc-fingerprint 3";

  private final Path stampFile;
  private final Path outputDirectory;

  /**
   * @param stampFile where the last successful run's fingerprint is kept (under target/)
   * @param outputDirectory what the outputs' paths are relative to (part of the digested parameters)
   */
  StampFile(Path stampFile, Path outputDirectory) {
    this.stampFile = stampFile;
    this.outputDirectory = outputDirectory;
  }

  /** The stamp file of {@code key} in {@code workDirectory}: a name no other configuration, output or filter gets. */
  static StampFile in(Path workDirectory, String key, Path outputDirectory) {
    String name = HexFormat.of().formatHex(sha256().digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    return new StampFile(workDirectory.resolve("fingerprint-" + name + ".txt"), outputDirectory);
  }

  /** A stat of one output (its path relative to the output directory), compared instead of its content. */
  record OutputStat(long size, long modifiedMillis, String path) {

    /** Whether the file is still there with this size and mtime. */
    boolean isCurrent(Path outputDirectory) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(outputDirectory.resolve(path),
            BasicFileAttributes.class);
        return attributes.size() == size && attributes.lastModifiedTime().toMillis() == modifiedMillis;
      } catch (IOException | InvalidPathException e) {
        return false; // deleted, unreadable, or a damaged stamp: not up to date
      }
    }
  }

  @Override
  public Optional<LastRun> unchangedOutputs(String parameters, Path configFile, Path templateDirectory) {
    List<String> lines;
    try {
      lines = Files.readAllLines(stampFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty(); // no stamp, or an unreadable one: that only costs a full run
    }
    if (lines.size() < 2 || !lines.get(0).equals(FORMAT)) {
      return Optional.empty();
    }
    List<Path> inputs = new ArrayList<>();
    List<OutputStat> outputs = new ArrayList<>(lines.size());
    List<Problem> warnings = new ArrayList<>();
    String recordedDigest = null;
    for (String line : lines.subList(1, lines.size())) {
      if (line.startsWith("output ")) {
        OutputStat output = parseOutput(line);
        if (output == null) {
          return Optional.empty(); // a damaged stamp only costs a full run
        }
        outputs.add(output);
      } else if (line.startsWith("digest ")) {
        recordedDigest = line.substring(7);
      } else if (line.startsWith("warning ")) {
        Problem warning = parseWarning(line);
        if (warning == null) {
          return Optional.empty();
        }
        warnings.add(warning);
      } else if (line.startsWith("input ")) {
        try {
          inputs.add(Path.of(line.substring(6)));
        } catch (InvalidPathException e) {
          return Optional.empty();
        }
      }
    }
    if (inputs.isEmpty() || !inputs.get(0).equals(configFile.toAbsolutePath())) {
      return Optional.empty();
    }
    // A no-op run is only this check, in a cold JVM: hash the inputs on one thread while the outputs are stat'ed on
    // the others.
    FutureTask<String> digest = new FutureTask<>(() -> digest(parameters, inputs, templateDirectory));
    Thread hasher = new Thread(digest, "spacelift-oidc-fingerprint");
    hasher.setDaemon(true);
    hasher.setContextClassLoader(Thread.currentThread().getContextClassLoader());
    hasher.start();
    try {
      if (Parallel.map(outputs, output -> output.isCurrent(outputDirectory)).contains(Boolean.FALSE)
          || !digest.get().equals(recordedDigest)) {
        return Optional.empty();
      }
    } catch (ExecutionException e) {
      return Optional.empty(); // a missing or unreadable input: not up to date
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      digest.cancel(true); // stops the hash when the outputs already decided; nothing once it is done
    }
    return Optional.of(new LastRun(outputs.stream().map(OutputStat::path).toList(), warnings));
  }

  /** "warning FILE\tLINE\tCOLUMN\tMESSAGE", the message with its line breaks and backslashes escaped; null if damaged. */
  private static Problem parseWarning(String line) {
    String[] parts = line.substring(8).split("\t", 4);
    if (parts.length != 4) {
      return null;
    }
    try {
      return new Problem(new Mark(unescape(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])),
          unescape(parts[3]));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
  }

  private static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        out.append(next == 'n' ? '\n' : next == 't' ? '\t' : next == 'r' ? '\r' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** "output SIZE MTIME PATH", parsed without regular expressions (10,000 lines in a cold JVM); null if damaged. */
  private static OutputStat parseOutput(String line) {
    int afterSize = line.indexOf(' ', 7);
    int afterTime = afterSize < 0 ? -1 : line.indexOf(' ', afterSize + 1);
    if (afterTime < 0 || afterTime == line.length() - 1) {
      return null;
    }
    try {
      return new OutputStat(Long.parseLong(line, 7, afterSize, 10), Long.parseLong(line, afterSize + 1, afterTime, 10),
          line.substring(afterTime + 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public void record(String parameters, List<Path> inputs, Path templateDirectory, List<String> outputs,
      List<Problem> warnings) {
    try {
      StringBuilder stamp = new StringBuilder(FORMAT).append('\n');
      stamp.append("digest ").append(digest(parameters, inputs, templateDirectory)).append('\n');
      for (Path input : inputs) {
        stamp.append("input ").append(input.toAbsolutePath()).append('\n');
      }
      for (Problem warning : warnings) {
        stamp.append("warning ").append(escape(warning.mark().file())).append('\t').append(warning.mark().line())
            .append('\t').append(warning.mark().column()).append('\t').append(escape(warning.message())).append('\n');
      }
      for (String output : outputs) {
        BasicFileAttributes stat;
        try {
          stat = Files.readAttributes(outputDirectory.resolve(output), BasicFileAttributes.class);
        } catch (IOException e) {
          invalidate(); // an output that cannot be stat'ed: the next run is a full one, which is all it costs
          return;
        }
        stamp.append("output ").append(stat.size()).append(' ').append(stat.lastModifiedTime().toMillis())
            .append(' ').append(output).append('\n');
      }
      AtomicFiles.replace(stampFile, stamp.toString());
    } catch (IOException e) {
      throw new GenerationException("Cannot record the up-to-date fingerprint in " + stampFile + ": " + e, e);
    }
  }

  @Override
  public void invalidate() {
    try {
      Files.deleteIfExists(stampFile);
    } catch (IOException e) {
      // a stale stamp is still checked against the outputs' stats, so this is not fatal
    }
  }

  static String digest(String parameters, List<Path> inputs, Path templateDirectory) throws IOException {
    MessageDigest sha = sha256();
    update(sha, parameters);
    for (Path input : inputs) {
      update(sha, "input " + input.toAbsolutePath());
      hashFile(sha, input);
    }
    if (templateDirectory != null && Files.isDirectory(templateDirectory)) {
      try (Stream<Path> walk = Files.walk(templateDirectory)) {
        for (Path template : walk.filter(Files::isRegularFile).sorted().toList()) {
          update(sha, "template " + templateDirectory.relativize(template));
          hashFile(sha, template);
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void hashFile(MessageDigest sha, Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      // A FIFO would never end and a device never stop: such an input is not up to date, and the run refuses it.
      throw new IOException(file + " is not a regular file");
    }
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int read;
      while ((read = in.read(buffer)) > 0) {
        sha.update(buffer, 0, read);
      }
    }
    update(sha, "\n");
  }

  private static void update(MessageDigest sha, String text) {
    sha.update(text.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }
}
