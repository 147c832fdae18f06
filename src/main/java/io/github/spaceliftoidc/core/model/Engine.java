package io.github.spaceliftoidc.core.model;

import java.util.Locale;

/**
 * The CLI that runs the stacks. Terraform and OpenTofu read the same files, but their versions differ in what the
 * generated code may use: {@code terraform.applying}, S3-native locking and the deprecation of {@code dynamodb_table}.
 */
public enum Engine {
  TERRAFORM,
  OPENTOFU;

  /** The YAML's spelling, lower case. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The product's name, for messages and comments. */
  public String displayName() {
    return this == TERRAFORM ? "Terraform" : "OpenTofu";
  }
}
