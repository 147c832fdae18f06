package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.plan.StatePolicyPlan.Condition;
import io.github.spaceliftoidc.core.plan.StatePolicyPlan.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The least-privilege access to S3 state that a role needs for the backends that use its credentials, as the
 * Terraform S3 backend calls AWS (README, "State access"): per stack its key (read, or read and write where the role
 * applies), its lock (the {@code .tflock} object, or the DynamoDB items of its lock id), its workspaces' keys under
 * {@code workspaceKeyPrefix}, and its KMS key; a listing of the bucket only under those keys. A role that several
 * stacks use gets the union, and never a grant on a whole bucket or table.
 */
final class StatePolicies {

  private static final List<String> READ = List.of("s3:GetObject");
  private static final List<String> WRITE = List.of("s3:GetObject", "s3:PutObject");
  private static final List<String> READ_WRITE_DELETE = List.of("s3:DeleteObject", "s3:GetObject", "s3:PutObject");
  private static final List<String> LOCK_ITEMS = List.of("dynamodb:DeleteItem", "dynamodb:GetItem",
      "dynamodb:PutItem");
  private static final List<String> KMS = List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey");
  private static final String LEADING_KEYS = "dynamodb:LeadingKeys";

  private StatePolicies() {}

  /**
   * One stack's state, reached with a role's credentials.
   *
   * @param dynamodbTable the lock table's name, or null; it is looked up in the role's account
   * @param kmsKeyId the KMS key's ARN, or null
   * @param workspaceKeyPrefix the prefix of non-default workspaces, or null when only the default one is covered
   * @param bucketAccountId the account that owns the bucket
   * @param writes whether the role applies, and so writes the state
   */
  record Access(String stackId, String bucket, String key, String region, String dynamodbTable, boolean useLockfile,
      String kmsKeyId, String workspaceKeyPrefix, String bucketAccountId, boolean writes) {}

  /** The policy for these accesses of one role; null when there are none. */
  static StatePolicyPlan plan(List<Access> accesses, String partition, String roleAccountId, String resourceName) {
    if (accesses.isEmpty()) {
      return null;
    }
    Map<String, Set<String>> prefixesByBucket = new TreeMap<>();
    Set<String> read = new TreeSet<>();
    Set<String> write = new TreeSet<>();
    Set<String> workspacesRead = new TreeSet<>();
    Set<String> workspacesWrite = new TreeSet<>();
    Set<String> lockFiles = new TreeSet<>();
    Map<String, LockItems> tables = new TreeMap<>();
    Set<String> kmsKeys = new TreeSet<>();
    List<String> stacks = new ArrayList<>();
    for (Access access : accesses) {
      if (!stacks.contains(access.stackId())) {
        stacks.add(access.stackId());
      }
      String bucketArn = bucketArn(partition, access.bucket());
      Set<String> prefixes = prefixesByBucket.computeIfAbsent(bucketArn, b -> new TreeSet<>());
      prefixes.add(access.key());
      String state = bucketArn + "/" + access.key();
      (access.writes() ? write : read).add(state);
      String workspaces = null;
      if (access.workspaceKeyPrefix() != null) {
        // Terraform lists <prefix>/ to find the workspaces, and keeps each at <prefix>/<workspace>/<key>.
        prefixes.add(access.workspaceKeyPrefix() + "/");
        workspaces = bucketArn + "/" + access.workspaceKeyPrefix() + "/*/" + access.key();
        (access.writes() ? workspacesWrite : workspacesRead).add(workspaces);
      }
      if (access.useLockfile()) {
        lockFiles.add(state + ".tflock");
        if (workspaces != null) {
          lockFiles.add(workspaces + ".tflock");
        }
      }
      if (access.dynamodbTable() != null) {
        String table = "arn:" + partition + ":dynamodb:" + access.region() + ":" + roleAccountId + ":table/"
            + access.dynamodbTable();
        LockItems items = tables.computeIfAbsent(table, t -> new LockItems());
        // The lock item is <bucket>/<key>, the state's digest <bucket>/<key>-md5; a workspace's have its path.
        items.add(access.bucket() + "/" + access.key(), access.writes(), false);
        if (access.workspaceKeyPrefix() != null) {
          items.add(access.bucket() + "/" + access.workspaceKeyPrefix() + "/*/" + access.key(), access.writes(),
              true);
        }
      }
      if (access.kmsKeyId() != null) {
        kmsKeys.add(access.kmsKeyId());
      }
    }
    read.removeAll(write);
    workspacesRead.removeAll(workspacesWrite);
    List<Statement> statements = new ArrayList<>();
    int bucketNumber = 0;
    for (Map.Entry<String, Set<String>> bucket : prefixesByBucket.entrySet()) {
      statements.add(new Statement(numbered("ListStateKeys", ++bucketNumber, prefixesByBucket.size()),
          List.of("s3:ListBucket"), List.of(bucket.getKey()),
          List.of(new Condition("StringEquals", "s3:prefix", List.copyOf(bucket.getValue())))));
    }
    Set<String> readAll = new TreeSet<>(read);
    readAll.addAll(workspacesRead);
    add(statements, "ReadState", READ, readAll);
    add(statements, "WriteState", WRITE, write);
    add(statements, "WriteWorkspaceStates", READ_WRITE_DELETE, workspacesWrite);
    add(statements, "LockFiles", READ_WRITE_DELETE, lockFiles);
    int tableNumber = 0;
    for (Map.Entry<String, LockItems> table : tables.entrySet()) {
      LockItems items = table.getValue();
      items.readDigests.removeAll(items.writeDigests);
      tableNumber++;
      String operator = items.patterns ? "ForAllValues:StringLike" : "ForAllValues:StringEquals";
      Set<String> keys = new TreeSet<>(items.locks);
      keys.addAll(items.writeDigests);
      statements.add(new Statement(numbered("LockTable", tableNumber, tables.size()), LOCK_ITEMS,
          List.of(table.getKey()), List.of(new Condition(operator, LEADING_KEYS, List.copyOf(keys)))));
      if (!items.readDigests.isEmpty()) {
        statements.add(new Statement(numbered("ReadStateDigests", tableNumber, tables.size()),
            List.of("dynamodb:GetItem"), List.of(table.getKey()),
            List.of(new Condition(operator, LEADING_KEYS, List.copyOf(items.readDigests)))));
      }
    }
    add(statements, "StateKeys", KMS, kmsKeys);
    return new StatePolicyPlan(StatePolicyPlan.NAME, resourceName, stacks, statements);
  }

  /** The lock ids and digests of one DynamoDB table. */
  private static final class LockItems {
    final Set<String> locks = new TreeSet<>();
    final Set<String> writeDigests = new TreeSet<>();
    final Set<String> readDigests = new TreeSet<>();
    boolean patterns;

    void add(String lockId, boolean writes, boolean pattern) {
      locks.add(lockId);
      (writes ? writeDigests : readDigests).add(lockId + "-md5");
      patterns |= pattern;
    }
  }

  /**
   * The statements of {@code policy} that a bucket policy of {@code bucket} must repeat when the bucket belongs to
   * another account: its listing and its objects, each limited to that bucket.
   */
  static List<Statement> forBucket(StatePolicyPlan policy, String partition, String bucket) {
    String bucketArn = bucketArn(partition, bucket);
    List<Statement> statements = new ArrayList<>();
    for (Statement statement : policy.statements()) {
      if (!statement.actions().get(0).startsWith("s3:")) {
        continue;
      }
      List<String> resources = statement.resources().stream()
          .filter(r -> r.equals(bucketArn) || r.startsWith(bucketArn + "/")).toList();
      if (!resources.isEmpty()) {
        statements.add(new Statement(statement.sid(), statement.actions(), resources, statement.conditions()));
      }
    }
    return statements;
  }

  /** The statement that a KMS key's policy must hold when the key belongs to another account. */
  static Statement forKey() {
    return new Statement("StateKey", KMS, List.of("*"), List.of());
  }

  static String bucketArn(String partition, String bucket) {
    return "arn:" + partition + ":s3:::" + bucket;
  }

  private static void add(List<Statement> statements, String sid, List<String> actions, Set<String> resources) {
    if (!resources.isEmpty()) {
      statements.add(new Statement(sid, actions, List.copyOf(resources), List.of()));
    }
  }

  private static String numbered(String sid, int number, int count) {
    return count == 1 ? sid : sid + number;
  }
}
