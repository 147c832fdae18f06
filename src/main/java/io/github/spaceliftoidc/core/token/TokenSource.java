package io.github.spaceliftoidc.core.token;

import io.github.spaceliftoidc.core.problem.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where a token comes from: a file (in a Spacelift run, {@value #RUN_FILE}), or, for the value {@value #ENVIRONMENT},
 * the environment variable {@value #VARIABLE}, in which Spacelift passes the same token. A file is read only up to
 * the size a token can have, and the token is never part of a message.
 */
public final class TokenSource {

  /** The value that names the environment variable instead of a file. */
  public static final String ENVIRONMENT = "env";
  /** The environment variable that holds the token in a Spacelift run. */
  public static final String VARIABLE = "SPACELIFT_OIDC_TOKEN";
  /** The file that holds the token in a Spacelift run. */
  public static final String RUN_FILE = "/mnt/workspace/spacelift.oidc";

  private TokenSource() {}

  /**
   * Reads and decodes the token.
   *
   * @param where a file's path (relative ones resolve against {@code baseDirectory}), or {@value #ENVIRONMENT}
   * @param environment the process environment, as {@link System#getenv(String)} reads it
   */
  public static OidcToken read(String where, Path baseDirectory, Function<String, String> environment) {
    String name = where.strip();
    if (name.equals(ENVIRONMENT)) {
      String value = environment.apply(VARIABLE);
      if (value == null) {
        throw new UserInputException(VARIABLE + " is not set. Spacelift sets it in every run, with the same token"
            + " as " + RUN_FILE + "; outside a run, save a run's token to a file and name the file instead of "
            + ENVIRONMENT + ".");
      }
      return OidcToken.decode(value, "the token in " + VARIABLE);
    }
    Path file = baseDirectory.resolve(name).normalize();
    return OidcToken.decode(readFile(file), "the token in " + file);
  }

  private static String readFile(Path file) {
    if (Files.isDirectory(file)) {
      throw new UserInputException(file + " is a directory; name the token file (in a Spacelift run, " + RUN_FILE
          + ").");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(OidcToken.MAX_LENGTH + 2); // a token, its line break, and one byte to tell it is more
    } catch (NoSuchFileException e) {
      throw new UserInputException("There is no token file " + file + ". In a Spacelift run the token is in "
          + RUN_FILE + " and in " + VARIABLE + " (name " + ENVIRONMENT + " for that); elsewhere, save a run's"
          + " token to a file and name that file.");
    } catch (IOException e) {
      throw new UserInputException("Cannot read the token file " + file + " (" + e.getClass().getSimpleName()
          + "); check that it is a file this build may read.");
    }
    if (bytes.length > OidcToken.MAX_LENGTH + 1) {
      throw new UserInputException(String.format(java.util.Locale.ROOT, "The token file %s has more than %,d bytes:"
          + " a Spacelift OIDC token has about a thousand, so this is not one, and it was not read further.", file,
          OidcToken.MAX_LENGTH));
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new UserInputException("The token file " + file + " is not text (not UTF-8), so it holds no token.");
    }
  }
}
