package io.github.spaceliftoidc.core.model;

/**
 * The Terraform (or OpenTofu) that runs the generated code.
 *
 * @param version the version Spacelift runs; below 1.6.0 the S3 backend cannot assume a role with OIDC
 * @param awsProviderVersion the constraint written into the IAM modules' {@code required_providers}
 * @param engine which CLI runs the stacks; {@code version} is a version of it
 */
public record TerraformSettings(String version, String awsProviderVersion, Engine engine, Origin origin) {

  public static final String DEFAULT_VERSION = "1.6.0";
  public static final String DEFAULT_AWS_PROVIDER_VERSION = ">= 5.81";
  public static final Engine DEFAULT_ENGINE = Engine.TERRAFORM;
}
