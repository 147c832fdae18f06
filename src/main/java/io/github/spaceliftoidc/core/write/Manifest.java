package io.github.spaceliftoidc.core.write;

import io.github.spaceliftoidc.core.plan.GenerationPlan;
import java.util.Map;
import java.util.TreeMap;

/**
 * The list of files the plugin generated into an output directory, each with its owner. It is committed with the
 * output, so that a later run (on any machine) deletes exactly the files that are no longer generated.
 */
public final class Manifest {

  /** The manifest's name in the output directory. */
  public static final String FILE_NAME = ".spacelift-oidc.manifest";

  private static final String INTRO = "# The files spacelift-oidc:generate wrote below this directory, with their"
      + " owners; it deletes them when they stop being generated.";

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
    return java.util.Collections.unmodifiableMap(ownerByPath);
  }

  public String render() {
    StringBuilder out = new StringBuilder(64 + ownerByPath.size() * 64);
    out.append(GenerationPlan.HEADER).append('\n').append(INTRO).append('\n');
    ownerByPath.forEach((path, owner) -> out.append(owner).append(' ').append(path).append('\n'));
    return out.toString();
  }
}
