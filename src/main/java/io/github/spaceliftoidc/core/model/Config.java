package io.github.spaceliftoidc.core.model;

import java.nio.file.Path;
import java.util.List;

/**
 * The whole {@code spacelift-oidc.yaml}.
 *
 * @param file the YAML file; relative inline-policy files resolve against its directory
 * @param displayName how messages name the file
 */
public record Config(
    Path file,
    String displayName,
    int version,
    SpaceliftSettings spacelift,
    TerraformSettings terraform,
    List<Account> accounts,
    List<Space> spaces,
    List<Stack> stacks,
    List<SpaceliftModule> modules,
    Origin origin) {

  public Config {
    accounts = List.copyOf(accounts);
    spaces = List.copyOf(spaces);
    stacks = List.copyOf(stacks);
    modules = List.copyOf(modules);
  }
}
