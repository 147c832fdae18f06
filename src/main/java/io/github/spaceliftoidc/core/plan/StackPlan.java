package io.github.spaceliftoidc.core.plan;

import java.util.List;

/**
 * One stack's provider configuration.
 *
 * @param directory relative to the output directory, with forward slashes
 * @param role the role the stack's runs assume; with a plan role, only those that apply
 * @param roleArn its ARN
 * @param sessionDuration the session length to request for it, as a duration such as {@code 2h}, or null for
 *     STS's default of one hour (the role allows no more)
 * @param sessionSeconds the same in seconds, for the before_init script, or null
 * @param planRole the role of the runs and phases that only plan, or null
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
    String sessionDuration,
    Integer sessionSeconds,
    PlanRolePlan planRole,
    String tokenFile,
    boolean legacy,
    BackendPlan backend,
    List<AliasPlan> aliases) {

  public StackPlan {
    aliases = List.copyOf(aliases);
  }

  /**
   * The role of the runs and phases that only plan: PROPOSED runs, and a tracked run while it plans where the engine
   * tells the phases apart.
   *
   * @param sessionDuration as for the stack's role, or null
   * @param sessionSeconds as for the stack's role, or null
   */
  public record PlanRolePlan(String name, String arn, String sessionDuration, Integer sessionSeconds) {}

  /**
   * An S3 state backend.
   *
   * @param dynamodbTable the lock table, or null
   * @param useLockfile S3-native locking, as configured or by the version's default
   * @param encrypt server-side encryption, as configured or by default (on with a KMS key)
   * @param kmsKeyId the KMS key's ARN, or null
   * @param workspaceKeyPrefix the prefix of non-default workspaces' keys, or null for the default
   * @param roleArn the role the backend assumes: the plan role where the stack has one (a backend block cannot
   *     choose by phase, so it needs the role that every run may assume), else the stack's role
   * @param sessionDuration the session length to request for that role, or null
   */
  public record BackendPlan(String bucket, String key, String region, String dynamodbTable, boolean useLockfile,
      boolean encrypt, String kmsKeyId, String workspaceKeyPrefix, String roleArn, String sessionDuration) {}

  /** An aliased provider configuration in another region. */
  public record AliasPlan(String name, String region) {}
}
