package io.github.spaceliftoidc.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key each kind of YAML object accepts, in the order the reference documents them. The binder rejects any
 * other key, and a test holds the JSON Schema to exactly this catalogue.
 */
public final class Keys {

  private Keys() {}

  public static final List<String> ROOT =
      List.of("version", "spacelift", "terraform", "accounts", "spaces", "stacks", "modules");
  public static final List<String> SPACELIFT = List.of("hostname", "audiences", "tokenFile", "subjectTemplate");
  public static final List<String> TERRAFORM = List.of("version", "awsProviderVersion", "engine");
  public static final List<String> ACCOUNT =
      List.of("name", "id", "region", "partition", "oidcProvider", "thumbprints", "directory", "roles");
  public static final List<String> ROLE = List.of("name", "description", "path", "maxSessionDuration",
      "permissionsBoundary", "managedPolicies", "inlinePolicies", "tags", "sessionTagging", "trust",
      "allowAnySubject", "statePolicy");
  public static final List<String> INLINE_POLICY = List.of("name", "file", "document");
  public static final List<String> TRUST_RULE = List.of("space", "spaceId", "subspaces", "stack", "module",
      "runTypes", "scopes", "subjectTemplate");
  public static final List<String> SPACE = List.of("name", "id", "path", "parent");
  public static final List<String> STACK = List.of("id", "space", "account", "role", "planRole",
      "region", "directory", "runTypes", "scopes", "backend", "aliases");
  public static final List<String> MODULE = List.of("id", "space", "account", "role", "runTypes", "scopes");
  public static final List<String> BACKEND = List.of("bucket", "key", "region", "dynamodbTable",
      "useLockfile", "encrypt", "kmsKeyId", "workspaceKeyPrefix", "bucketAccountId");
  public static final List<String> ALIAS = List.of("name", "region");

  /** The catalogue by object kind, for tests and documentation. */
  public static Map<String, List<String>> all() {
    Map<String, List<String>> all = new LinkedHashMap<>();
    all.put("root", ROOT);
    all.put("spacelift", SPACELIFT);
    all.put("terraform", TERRAFORM);
    all.put("account", ACCOUNT);
    all.put("role", ROLE);
    all.put("inlinePolicy", INLINE_POLICY);
    all.put("trustRule", TRUST_RULE);
    all.put("space", SPACE);
    all.put("stack", STACK);
    all.put("module", MODULE);
    all.put("backend", BACKEND);
    all.put("alias", ALIAS);
    return all;
  }
}
