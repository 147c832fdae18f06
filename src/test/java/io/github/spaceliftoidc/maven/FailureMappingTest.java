package io.github.spaceliftoidc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.problem.GenerationException;
import io.github.spaceliftoidc.core.problem.InvalidConfigurationException;
import io.github.spaceliftoidc.core.problem.Mark;
import io.github.spaceliftoidc.core.problem.Problem;
import io.github.spaceliftoidc.core.problem.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * Every goal maps core failures the same way: the user's mistakes are a {@link MojoFailureException} (BUILD
 * FAILURE) with the complete message and no cause, so Maven prints no stack trace; anything else is a
 * {@link MojoExecutionException} (BUILD ERROR) that keeps its cause. {@code MojoHarnessTest} shows real causes of
 * each through an injected goal.
 */
class FailureMappingTest {

  /** A goal whose work is to throw. */
  private static final class Throwing extends AbstractSpaceliftOidcMojo {
    private final RuntimeException failure;

    Throwing(RuntimeException failure) {
      this.failure = failure;
    }

    @Override
    String goal() {
      return "generate";
    }

    @Override
    void run() {
      throw failure;
    }
  }

  @Test
  void invalidConfigurationIsAFailureListingEveryProblemWithoutCause() {
    InvalidConfigurationException problems = new InvalidConfigurationException(List.of(
        new Problem(new Mark("spacelift-oidc.yaml", 3, 13), "hostname 'x': fix it."),
        new Problem(new Mark("spacelift-oidc.yaml", 9, 5), "unknown key 'rgion'. Did you mean 'region'?")));

    MojoFailureException failure = assertThrows(MojoFailureException.class, new Throwing(problems)::execute);

    assertEquals("The Spacelift OIDC configuration has 2 problems; nothing was written:\n"
        + "spacelift-oidc.yaml:3:13: hostname 'x': fix it.\n"
        + "spacelift-oidc.yaml:9:5: unknown key 'rgion'. Did you mean 'region'?", failure.getMessage());
    assertNull(failure.getCause(), "no stack trace for a mistake in the YAML");
  }

  @Test
  void otherUserMistakesAreFailuresWithoutCause() {
    UserInputException inTheWay = new UserInputException("These are in the way of generated files: ...");

    MojoFailureException failure = assertThrows(MojoFailureException.class, new Throwing(inTheWay)::execute);

    assertEquals(inTheWay.getMessage(), failure.getMessage());
    assertNull(failure.getCause());
  }

  @Test
  void generationFailuresAreExecutionErrorsThatKeepTheirCause() {
    IOException io = new IOException("No space left on device");
    GenerationException internal = new GenerationException("Cannot write x.tf (No space left on device); nothing"
        + " was changed below /out. Check that the directory is writable and the disk is not full.", io);

    MojoExecutionException error = assertThrows(MojoExecutionException.class, new Throwing(internal)::execute);

    assertEquals(internal.getMessage(), error.getMessage());
    assertSame(internal, error.getCause());
  }

  @Test
  void unreadableFilesAreExecutionErrors() {
    UncheckedIOException io = new UncheckedIOException("Could not parse x", new IOException("boom"));

    MojoExecutionException error = assertThrows(MojoExecutionException.class, new Throwing(io)::execute);

    assertSame(io, error.getCause());
  }

  @Test
  void aBugIsAnExecutionErrorThatSaysSoAndKeepsTheStackTrace() {
    NullPointerException bug = new NullPointerException("plan.accounts() is null");

    MojoExecutionException error = assertThrows(MojoExecutionException.class, new Throwing(bug)::execute);

    assertTrue(error.getMessage().startsWith("Internal error in spacelift-oidc:generate"), error.getMessage());
    assertTrue(error.getMessage().contains("please report it"), error.getMessage());
    assertSame(bug, error.getCause());
  }
}
