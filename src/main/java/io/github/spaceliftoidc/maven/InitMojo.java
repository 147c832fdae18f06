package io.github.spaceliftoidc.maven;

import io.github.spaceliftoidc.core.Starter;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Writes a commented starter {@code spacelift-oidc.yaml} where none exists. It never overwrites an existing file.
 */
@Mojo(name = "init", requiresProject = false, threadSafe = true)
public class InitMojo extends AbstractSpaceliftOidcMojo {

  @Override
  String goal() {
    return "init";
  }

  @Override
  void run() {
    if (Starter.writeIfAbsent(configFile.toPath())) {
      getLog().info("Wrote a starter " + configFile + "; edit its example values, then run"
          + " mvn spacelift-oidc:generate");
    } else {
      getLog().info(configFile + " already exists; left it as it is");
    }
  }
}
