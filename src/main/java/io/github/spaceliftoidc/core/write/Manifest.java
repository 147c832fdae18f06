package io.github.spaceliftoidc.core.write;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The list of files the plugin generated into an output directory, each with its owner. It is committed with the
 * output, so that a later run (on any machine) deletes exactly the files that are no longer generated.
 */
public final class Manifest {

  /** The manifest's name in the output directory. */
  public static final String FILE_NAME = ".spacelift-oidc.manifest";

  private final Map<String, String> ownerByPath;

  public Manifest(Map<String, String> ownerByPath) {
    this.ownerByPath = new TreeMap<>(ownerByPath);
  }

  public static Manifest empty() {
    return new Manifest(Map.of());
  }

  /** Parses a manifest; lines it cannot read are ignored, which at worst keeps a stale file on disk. */
  public static Manifest parse(String text) {
    Map<String, String> entries = new TreeMap<>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int space = trimmed.indexOf(' ');
      if (space > 0) {
        entries.put(trimmed.substring(space + 1), trimmed.substring(0, space));
      }
    }
    return new Manifest(entries);
  }

  /** Paths (relative, forward slashes) to owners. */
  public Map<String, String> entries() {
    return Collections.unmodifiableMap(ownerByPath);
  }

  /**
   * The manifest as the file holds it.
   *
   * @param generator what wrote the files, as the tool that runs the core names it
   */
  public String render(String generator) {
    StringBuilder out = new StringBuilder(64 + ownerByPath.size() * 64);
    out.append(GeneratedFile.HEADER).append('\n')
        .append("# The files ").append(generator).append(" wrote below this directory, with their owners; it deletes")
        .append(" them when they stop being generated.\n");
    ownerByPath.forEach((path, owner) -> out.append(owner).append(' ').append(path).append('\n'));
    return out.toString();
  }
}
