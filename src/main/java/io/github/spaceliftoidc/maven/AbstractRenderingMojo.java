package io.github.spaceliftoidc.maven;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.plan.Selection;
import java.io.File;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The parameters of the goals that render and compare with the disk ({@code generate}, {@code check}): one set, so
 * that {@code check} always judges exactly what {@code generate} would write.
 */
abstract class AbstractRenderingMojo extends AbstractPlanningMojo {

  /** At most this many trust changes are logged; the {@code explainFile} report has them all. */
  static final int MAX_TRUST_LINES = 40;

  /**
   * Where the directories named in the YAML ({@code iam/<account>}, {@code stacks/<id>}, ...) resolve, and where the
   * manifest of generated files ({@code .spacelift-oidc.manifest}) is kept.
   *
   * <p><code>${basedir}</code> is the project's base directory (without a project, the current directory).
   * Example: <code>&lt;outputDirectory&gt;${project.basedir}/infra&lt;/outputDirectory&gt;</code>.
   */
  @Parameter(property = "spacelift-oidc.outputDirectory", defaultValue = "${basedir}")
  File outputDirectory;

  /**
   * Only generate these stacks (by Spacelift stack id), so that several modules can share one YAML. With a filter,
   * only the listed stacks and accounts are generated, and only their stale files are deleted.
   *
   * <p>Default: none (everything). Example: {@code -Dspacelift-oidc.stacks=network,app} or
   * {@code <stacks><stack>network</stack></stacks>}.
   */
  @Parameter(property = "spacelift-oidc.stacks")
  List<String> stacks;

  /**
   * Only generate the IAM root modules of these accounts (by their name in the YAML); see {@code stacks}.
   *
   * <p>Default: none (everything). Example: {@code -Dspacelift-oidc.accounts=production}.
   */
  @Parameter(property = "spacelift-oidc.accounts")
  List<String> accounts;

  /**
   * A directory of FreeMarker templates that replace the bundled ones of the same name ({@code account.tf.ftl},
   * {@code stack.tf.ftl}, {@code before-init.sh.ftl}, {@code _hcl.ftl}); the others still come from the plugin, so
   * copy only the templates you change from the plugin's {@code templates/} folder. The README documents the data
   * model they see ({@code plan}, {@code header}, {@code spacelift}, {@code terraform}, {@code hookFile}, and
   * {@code account} or {@code stack}). The templates are part of the up-to-date fingerprint: editing one regenerates.
   *
   * <p>Default: none. Example:
   * <code>&lt;templateDirectory&gt;${project.basedir}/src/spacelift-oidc&lt;/templateDirectory&gt;</code>.
   */
  @Parameter(property = "spacelift-oidc.templateDirectory")
  File templateDirectory;

  /**
   * Where {@code generate} keeps its up-to-date fingerprint (a digest of the plugin version, the parameters, the YAML,
   * the policy files and the user templates, and the size and time of every output). Read-only; {@code mvn clean}
   * removes it, and the next run then compares every file.
   */
  @Parameter(defaultValue = "${project.build.directory}/spacelift-oidc", readonly = true, required = true)
  File workDirectory;

  /** The plugin's own descriptor, for its version (part of the fingerprint). Read-only. */
  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  PluginDescriptor plugin;

  /** The core request these parameters describe. */
  @Override
  GenerationRequest request() {
    Selection selection = new Selection(names(stacks), names(accounts));
    return new GenerationRequest(configFile.toPath(), outputDirectory.toPath(), baseDirectory.toPath(),
        workDirectory == null ? null : workDirectory.toPath(),
        templateDirectory == null ? null : templateDirectory.toPath(), selection, maxTrustPolicySize,
        pluginIdentity(), MavenHints.HINTS);
  }

  /**
   * The plugin's version, for the fingerprint. A SNAPSHOT's version stays the same while its code and templates
   * change, so for a SNAPSHOT the jar's size and time are added: a rebuilt plugin regenerates.
   */
  private String pluginIdentity() {
    if (plugin == null) {
      return "unknown";
    }
    String version = plugin.getVersion();
    File jar = plugin.getPluginArtifact() == null ? null : plugin.getPluginArtifact().getFile();
    if (version != null && version.endsWith("-SNAPSHOT") && jar != null && jar.isFile()) {
      return version + " (jar of " + jar.length() + " bytes from " + jar.lastModified() + ")";
    }
    return version;
  }

  private static Set<String> names(List<String> values) {
    if (values == null) {
      return Set.of();
    }
    // Maven splits a -D property at commas; tolerate spaces around them too.
    return values.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip)
        .filter(v -> !v.isEmpty()).collect(Collectors.toSet());
  }
}
