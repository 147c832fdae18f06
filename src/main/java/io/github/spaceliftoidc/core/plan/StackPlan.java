package io.github.spaceliftoidc.core.plan;

import java.util.List;

/**
 * One stack's provider configuration.
 *
 * @param directory relative to the output directory, with forward slashes
 * @param roleArn the role the stack's runs assume
 * @param legacy below Terraform 1.6.0: credentials come from the before_init script
 * @param backend the S3 backend, or null
 * @param aliases extra provider configurations
 */
public record StackPlan(
    String id,
    String space,
    String spaceId,
    String account,
    String accountId,
    String partition,
    String region,
    String directory,
    String role,
    String roleArn,
    String tokenFile,
    boolean legacy,
    BackendPlan backend,
    List<AliasPlan> aliases) {

  public StackPlan {
    aliases = List.copyOf(aliases);
  }

  /** An S3 state backend; {@code dynamodbTable} may be null. */
  public record BackendPlan(String bucket, String key, String region, String dynamodbTable) {}

  /** An aliased provider configuration in another region. */
  public record AliasPlan(String name, String region) {}
}
