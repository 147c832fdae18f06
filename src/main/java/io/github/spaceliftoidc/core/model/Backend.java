package io.github.spaceliftoidc.core.model;

/**
 * A stack's S3 state backend.
 *
 * @param dynamodbTable the lock table, or null
 */
public record Backend(String bucket, String key, String region, String dynamodbTable, Origin origin) {}
