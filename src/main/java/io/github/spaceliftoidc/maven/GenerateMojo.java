package io.github.spaceliftoidc.maven;

import io.github.spaceliftoidc.core.GenerationResult;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.problem.InvalidConfigurationException;
import io.github.spaceliftoidc.core.problem.Problem;
import io.github.spaceliftoidc.core.write.FileChange;
import io.github.spaceliftoidc.core.write.Manifest;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.sonatype.plexus.build.incremental.BuildContext;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/**
 * Generates the Terraform of Spacelift OIDC for AWS: one IAM root module per AWS account, and the provider (and S3
 * backend) file of every stack. Writes only files whose content changed, deletes files it generated earlier that
 * are no longer generated, never touches a file without its header line, and names each file it writes or deletes
 * (the first 20 of them).
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends AbstractRenderingMojo {

  /** How many written or deleted files are listed by name; a first run over a large organisation writes thousands. */
  static final int LISTED_FILES = 20;

  private static final Map<FileChange.Kind, String> PAST_TENSE = Map.of(FileChange.Kind.CREATE, "Created",
      FileChange.Kind.UPDATE, "Updated", FileChange.Kind.DELETE, "Deleted");

  /** Refreshes written and deleted files in an IDE (m2e); does nothing on the command line. */
  @Inject
  BuildContext buildContext;

  @Override
  String goal() {
    return "generate";
  }

  @Override
  void run() {
    GenerationResult result = new SpaceliftOidc(getLog()::info).generate(request(), reportFile());
    logWarnings(result.warnings());
    result.trustChangeLines(MAX_TRUST_LINES, MavenHints.HINTS).forEach(getLog()::info); // before the file list
    List<FileChange> drift = result.drift();
    for (int i = 0; i < drift.size(); i++) {
      FileChange change = drift.get(i);
      File file = new File(outputDirectory, change.path());
      if (i < LISTED_FILES || getLog().isDebugEnabled()) {
        getLog().info(PAST_TENSE.get(change.kind()) + " " + shown(file));
      }
      refresh(file);
    }
    if (drift.size() > LISTED_FILES && !getLog().isDebugEnabled()) {
      getLog().info(String.format(Locale.ROOT, "... and %,d more (-X lists them all)", drift.size() - LISTED_FILES));
    }
    if (result.manifestChanged()) {
      refresh(new File(outputDirectory, Manifest.FILE_NAME));
    }
    result.keptWarnings().forEach(getLog()::warn);
    getLog().info(result.summary());
    logReportWritten();
    for (String notice : result.notices()) {
      getLog().warn(notice);
    }
  }

  /** The file as the user finds it: relative to the project's base directory when it lies below it. */
  private String shown(File file) {
    Path path = file.toPath().toAbsolutePath().normalize();
    Path base = baseDirectory.toPath().toAbsolutePath().normalize();
    return path.startsWith(base) ? base.relativize(path).toString().replace('\\', '/') : path.toString();
  }

  /**
   * Tells the IDE that a file changed. A deleted file's directory may be gone too (emptied directories are pruned),
   * so the IDE is told about the nearest directory that still exists, which it rescans.
   */
  private void refresh(File file) {
    if (buildContext == null) {
      return;
    }
    File existing = file;
    while (!existing.exists() && existing.getParentFile() != null && !existing.equals(outputDirectory)) {
      existing = existing.getParentFile();
    }
    buildContext.refresh(file.exists() ? file : existing);
  }

  @Override
  void reportProblems(InvalidConfigurationException e) {
    if (buildContext == null || buildContext instanceof DefaultBuildContext) {
      return;
    }
    buildContext.removeMessages(configFile);
    for (Problem problem : e.problems()) {
      buildContext.addMessage(configFile, problem.mark().line(), problem.mark().column(), problem.message(),
          BuildContext.SEVERITY_ERROR, null);
    }
  }
}
