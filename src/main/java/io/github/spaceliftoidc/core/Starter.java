package io.github.spaceliftoidc.core;

import io.github.spaceliftoidc.core.problem.GenerationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The commented starter configuration that the tool's init command (see {@code Hints}) writes. */
public final class Starter {

  private static final String RESOURCE = "/init/spacelift-oidc.yaml";

  private Starter() {}

  /** The starter YAML. */
  public static byte[] content() {
    try (InputStream in = Starter.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The plugin jar lacks " + RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new GenerationException("Cannot read the starter configuration from the plugin: " + e, e);
    }
  }

  /** Writes the starter unless a file exists there; returns whether it wrote. */
  public static boolean writeIfAbsent(Path file) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      // CREATE_NEW: the check and the creation are one step, so an existing file can never be overwritten.
      Files.write(file, content(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new GenerationException("Cannot write " + file + ": " + e, e);
    }
  }
}
