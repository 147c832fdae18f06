package io.github.spaceliftoidc.core.write;

import io.github.spaceliftoidc.core.problem.GenerationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The up-to-date check: a digest of every input (the plugin version and parameters, the YAML, the policy files it
 * reads, the user templates) and the size and mtime of every output. When neither changed since the last successful
 * run, the run can skip all work. Outputs are only stat'ed, never read, so the check stays cheap at scale.
 */
public final class Fingerprint {

  /** Bump when the stamp format or the meaning of the digest changes; old stamps then never match. */
  private static final String FORMAT = "spacelift-oidc-fingerprint 1";

  private final Path stampFile;

  /** @param stampFile where the last successful run's fingerprint is kept (under target/) */
  public Fingerprint(Path stampFile) {
    this.stampFile = stampFile;
  }

  /** A stat of one output, compared instead of its content. */
  record OutputStat(long size, long modifiedMillis, Path path) {
    static OutputStat of(Path path) throws IOException {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      return new OutputStat(attributes.size(), attributes.lastModifiedTime().toMillis(), path);
    }
  }

  /**
   * Whether the last successful run had the same inputs and its outputs are untouched.
   *
   * @param parameters everything else that shapes the output (plugin version, paths, filters, limits)
   * @param configFile the YAML; the other input files are those the last run recorded, since an unchanged YAML
   *     references the same ones
   * @param templateDirectory user templates, or null
   */
  public boolean isUpToDate(String parameters, Path configFile, Path templateDirectory) {
    return unchangedOutputs(parameters, configFile, templateDirectory).isPresent();
  }

  /**
   * The outputs of the last successful run (absolute paths), when it had the same inputs and its outputs are
   * untouched; empty when a run is needed.
   */
  public Optional<List<Path>> unchangedOutputs(String parameters, Path configFile, Path templateDirectory) {
    List<String> lines;
    try {
      lines = Files.readAllLines(stampFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // an unreadable stamp only costs a full run
    }
    if (lines.size() < 2 || !lines.get(0).equals(FORMAT)) {
      return Optional.empty();
    }
    List<Path> inputs = new ArrayList<>();
    List<OutputStat> outputs = new ArrayList<>();
    String recordedDigest = null;
    for (String line : lines.subList(1, lines.size())) {
      if (line.startsWith("digest ")) {
        recordedDigest = line.substring(7);
      } else if (line.startsWith("input ")) {
        inputs.add(Path.of(line.substring(6)));
      } else if (line.startsWith("output ")) {
        String[] parts = line.split(" ", 4);
        if (parts.length < 4) {
          return Optional.empty();
        }
        try {
          outputs.add(new OutputStat(Long.parseLong(parts[1]), Long.parseLong(parts[2]), Path.of(parts[3])));
        } catch (RuntimeException e) {
          return Optional.empty(); // a damaged stamp only costs a full run
        }
      }
    }
    if (inputs.isEmpty() || !inputs.get(0).equals(configFile.toAbsolutePath())) {
      return Optional.empty();
    }
    try {
      for (OutputStat recorded : outputs) {
        if (!recorded.equals(OutputStat.of(recorded.path()))) {
          return Optional.empty();
        }
      }
      if (!digest(parameters, inputs, templateDirectory).equals(recordedDigest)) {
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty(); // a missing input or output: not up to date
    }
    return Optional.of(outputs.stream().map(OutputStat::path).toList());
  }

  /** Records a successful run. */
  public void record(String parameters, List<Path> inputs, Path templateDirectory, List<Path> outputs) {
    try {
      StringBuilder stamp = new StringBuilder(FORMAT).append('\n');
      stamp.append("digest ").append(digest(parameters, inputs, templateDirectory)).append('\n');
      for (Path input : inputs) {
        stamp.append("input ").append(input.toAbsolutePath()).append('\n');
      }
      for (Path output : outputs) {
        OutputStat stat = OutputStat.of(output);
        stamp.append("output ").append(stat.size()).append(' ').append(stat.modifiedMillis()).append(' ')
            .append(output.toAbsolutePath()).append('\n');
      }
      Files.createDirectories(stampFile.getParent());
      Path temporary = Files.createTempFile(stampFile.getParent(), stampFile.getFileName().toString(), ".tmp");
      try {
        Files.writeString(temporary, stamp, StandardCharsets.UTF_8);
        Files.move(temporary, stampFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new GenerationException("Cannot record the up-to-date fingerprint in " + stampFile + ": " + e, e);
    }
  }

  /** Forgets the last run, e.g. when its outputs failed to write. */
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
