package io.github.spaceliftoidc.core.model;

/**
 * A stack's S3 state backend.
 *
 * @param dynamodbTable the lock table, or null
 * @param useLockfile S3-native locking (a {@code .tflock} object next to the state), or null for the version's
 *     default
 * @param encrypt server-side encryption of the state and lock objects, or null for the default (on with a KMS key)
 * @param kmsKeyId the ARN of the KMS key that encrypts them, or null
 * @param workspaceKeyPrefix the prefix of the keys of non-default workspaces, or null for Terraform's {@code env:}
 * @param bucketAccountId the 12-digit id of the account that owns the bucket, or null for the account of the stack
 */
public record Backend(
    String bucket,
    String key,
    String region,
    String dynamodbTable,
    Boolean useLockfile,
    Boolean encrypt,
    String kmsKeyId,
    String workspaceKeyPrefix,
    String bucketAccountId,
    Origin origin) {}
