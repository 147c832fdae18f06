package io.github.spaceliftoidc.maven;

import io.github.spaceliftoidc.core.problem.GenerationException;
import io.github.spaceliftoidc.core.problem.InvalidConfigurationException;
import io.github.spaceliftoidc.core.problem.Problem;
import io.github.spaceliftoidc.core.problem.UserInputException;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal shares: the YAML file, {@code skip}, and the mapping of core failures to Maven's two kinds. A
 * mistake the user can fix is a {@link MojoFailureException} (BUILD FAILURE, no stack trace); anything unexpected is
 * a {@link MojoExecutionException}.
 */
abstract class AbstractSpaceliftOidcMojo extends AbstractMojo {

  /**
   * The YAML description of Spacelift spaces, stacks and modules and of AWS accounts and roles.
   *
   * <p><code>${basedir}</code> is the project's base directory (without a project, for {@code init} and
   * {@code explain}, the current directory). Example:
   * <code>&lt;configFile&gt;${maven.multiModuleProjectDirectory}/spacelift-oidc.yaml&lt;/configFile&gt;</code>, to
   * share one file between the modules of a build.
   */
  @Parameter(property = "spacelift-oidc.configFile", defaultValue = "${basedir}/spacelift-oidc.yaml")
  File configFile;

  /**
   * Skips the goal; it logs that it skipped and does nothing else.
   *
   * <p>Example: {@code -Dspacelift-oidc.skip=true} on the command line.
   */
  @Parameter(property = "spacelift-oidc.skip", defaultValue = "false")
  boolean skip;

  /**
   * The project's base directory: messages show paths relative to it. Read-only.
   *
   * <p><code>${basedir}</code> is <code>${project.basedir}</code>, or without a project the current directory,
   * since <code>${project.basedir}</code> is then unset.
   */
  @Parameter(defaultValue = "${basedir}", readonly = true, required = true)
  File baseDirectory;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping spacelift-oidc:" + goal() + " (spacelift-oidc.skip is true)");
      return;
    }
    try {
      run();
    } catch (InvalidConfigurationException e) {
      // Maven prints every line of the message as an [ERROR] line: one per problem, with its file:line:column.
      reportProblems(e);
      throw new MojoFailureException(e.getMessage());
    } catch (UserInputException e) {
      throw new MojoFailureException(e.getMessage());
    } catch (GenerationException | UncheckedIOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    } catch (RuntimeException e) {
      // A bug, not the user's doing: say so, and keep the stack trace for the report.
      throw new MojoExecutionException("Internal error in spacelift-oidc:" + goal() + " (" + e + "). This is a bug"
          + " in the plugin; please report it with the output of mvn -e.", e);
    }
  }

  /** The goal's name, for log lines. */
  abstract String goal();

  /** Does the goal's work. */
  abstract void run() throws MojoExecutionException, MojoFailureException;

  /** Logs the core's located warnings, one [WARNING] line each, as a compiler would. */
  void logWarnings(List<Problem> warnings) {
    warnings.forEach(warning -> getLog().warn(warning.toString()));
  }

  /** Lets an IDE show the problems as markers; nothing on the command line. */
  void reportProblems(InvalidConfigurationException e) {}
}
