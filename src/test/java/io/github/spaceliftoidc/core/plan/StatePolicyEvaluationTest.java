package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.testing.IdentityPolicy;
import io.github.spaceliftoidc.testing.IdentityPolicy.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The generated state policies, evaluated statement by statement as IAM would ({@link IdentityPolicy}), over many
 * random configurations: Terraform versions on both sides of 1.6.0 and of S3-native locking, roles shared by stacks
 * with different buckets, locks, KMS keys and workspace prefixes, plan roles, and roles that opt out. For every
 * stack and every role whose credentials its backend uses, the policy allows exactly the calls the S3 backend makes
 * for that stack (reading, locking, and writing only where the role applies), and denies another stack's key and
 * lock, another bucket, and a listing of the whole bucket. Which role reaches which state, and whether it writes, is
 * worked out here from the YAML's intent, independently of the planner.
 */
class StatePolicyEvaluationTest {

  private static final String ACCOUNT = "123456789012";
  private static final String REGION = "eu-west-1";
  private static final List<String> BUCKETS = List.of("state-a", "state-b");
  private static final List<String> KMS_KEYS = List.of(
      "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      "arn:aws:kms:eu-west-1:123456789012:key/mrk-1234567890abcdef1234567890abcdef");
  private static final List<String> ROLES = List.of("r1", "r2", "r3");

  /** A stack's backend as the generated YAML sets it. */
  record Backend(String bucket, String key, boolean lockfile, String table, String kms, String workspaces) {}

  /** A stack as the generated YAML sets it. */
  record StackIntent(String id, String role, String planRole, List<String> runTypes, Backend backend) {
    boolean applies() {
      return runTypes.isEmpty() || runTypes.stream().anyMatch(t -> !t.equals("PROPOSED"));
    }

    boolean proposes() {
      return runTypes.isEmpty() || runTypes.contains("PROPOSED");
    }
  }

  /** A role that a stack's backend reaches its state with, and whether that role writes the state. */
  record Reach(String role, boolean writes) {}

  @Test
  void eachStatePolicyAllowsItsStacksStateAndNothingElse() {
    Random random = new Random(1102);
    int checkedPairs = 0;
    int allowedProbes = 0;
    int deniedProbes = 0;
    for (int i = 0; i < 150; i++) {
      String version = List.of("1.5.7", "1.9.8", "1.11.4").get(random.nextInt(3));
      boolean lockfileAvailable = version.equals("1.11.4");
      List<StackIntent> stacks = stacks(random, lockfileAvailable);
      Map<String, Boolean> optOut = new LinkedHashMap<>();
      ROLES.forEach(role -> optOut.put(role, random.nextInt(5) == 0));
      String yaml = yaml(version, stacks, optOut);
      GenerationPlan plan = Plans.plan(yaml);
      boolean legacy = version.equals("1.5.7");
      for (String role : ROLES) {
        RolePlan rolePlan = Plans.role(plan, "production", role);
        List<StackIntent> reached = new ArrayList<>();
        List<StackIntent> notReached = new ArrayList<>();
        for (StackIntent stack : stacks) {
          Reach reach = stack.backend() == null ? null : reaches(stack, role, legacy);
          if (reach != null && !optOut.get(role)) {
            reached.add(stack);
          } else if (stack.backend() != null) {
            notReached.add(stack);
          }
        }
        if (reached.isEmpty()) {
          assertNull(rolePlan.statePolicy(), () -> role + " reaches no state, or opts out:\n" + yaml);
          continue;
        }
        IdentityPolicy policy = IdentityPolicy.parse(rolePlan.statePolicy().json());
        for (StackIntent stack : reached) {
          boolean writes = reaches(stack, role, legacy).writes();
          allowedProbes += assertAllowed(policy, stack, writes, role + " for " + stack + " in\n" + yaml);
          deniedProbes += assertDeniedBeyond(policy, stack, writes, role + " for " + stack + " in\n" + yaml);
          checkedPairs++;
        }
        for (StackIntent other : notReached) {
          if (reached.stream().noneMatch(s -> s.backend().bucket().equals(other.backend().bucket())
              && s.backend().key().equals(other.backend().key()))) {
            deniedProbes += assertNothingOf(policy, other, role + " must not reach " + other + " in\n" + yaml);
          }
        }
      }
    }
    assertTrue(checkedPairs > 200, "enough stack and role pairs: " + checkedPairs);
    assertTrue(allowedProbes > 2_000 && deniedProbes > 2_000, allowedProbes + " allowed, " + deniedProbes + " denied");
  }

  /** Which of the stack's roles its backend's credentials come from, if {@code role} is one of them. */
  private static Reach reaches(StackIntent stack, String role, boolean legacy) {
    if (stack.planRole() == null) {
      return stack.role().equals(role) ? new Reach(role, stack.applies()) : null;
    }
    if (!legacy) {
      // From 1.6.0 the backend assumes the plan role in every run, applies included.
      return stack.planRole().equals(role) ? new Reach(role, stack.applies()) : null;
    }
    // Before 1.6.0 the before_init script's credentials: the plan role for PROPOSED runs, the stack's role otherwise.
    if (stack.planRole().equals(role) && stack.proposes()) {
      return new Reach(role, false);
    }
    return stack.role().equals(role) && stack.applies() ? new Reach(role, true) : null;
  }

  /** The calls the S3 backend makes for the stack (Terraform 1.11.4 traces, README "State access"). */
  private static int assertAllowed(IdentityPolicy policy, StackIntent stack, boolean writes, String where) {
    List<Request> allowed = new ArrayList<>();
    Backend b = stack.backend();
    String bucket = "arn:aws:s3:::" + b.bucket();
    String state = bucket + "/" + b.key();
    allowed.add(Request.of("s3:ListBucket", bucket).with("s3:prefix", b.key()));
    allowed.add(Request.of("s3:GetObject", state));
    if (writes) {
      allowed.add(Request.of("s3:PutObject", state));
    }
    String workspace = b.workspaces() == null ? null : bucket + "/" + b.workspaces() + "/dev/" + b.key();
    if (workspace != null) {
      allowed.add(Request.of("s3:ListBucket", bucket).with("s3:prefix", b.workspaces() + "/"));
      allowed.add(Request.of("s3:GetObject", workspace));
      if (writes) {
        allowed.add(Request.of("s3:PutObject", workspace));
        allowed.add(Request.of("s3:DeleteObject", workspace));
      }
    }
    if (b.lockfile()) {
      for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject")) {
        allowed.add(Request.of(action, state + ".tflock"));
        if (workspace != null) {
          allowed.add(Request.of(action, workspace + ".tflock"));
        }
      }
    }
    if (b.table() != null) {
      String table = table(b.table());
      String lock = b.bucket() + "/" + b.key();
      String workspaceLock = b.workspaces() == null ? null : b.bucket() + "/" + b.workspaces() + "/dev/" + b.key();
      for (String id : workspaceLock == null ? List.of(lock) : List.of(lock, workspaceLock)) {
        for (String action : List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem")) {
          allowed.add(Request.of(action, table).with("dynamodb:LeadingKeys", id));
        }
        allowed.add(Request.of("dynamodb:GetItem", table).with("dynamodb:LeadingKeys", id + "-md5"));
        if (writes) {
          allowed.add(Request.of("dynamodb:PutItem", table).with("dynamodb:LeadingKeys", id + "-md5"));
        }
      }
    }
    if (b.kms() != null) {
      allowed.add(Request.of("kms:Decrypt", b.kms()));
      allowed.add(Request.of("kms:GenerateDataKey", b.kms()));
    }
    for (Request request : allowed) {
      assertTrue(policy.allows(request), () -> "denied: " + request + ", for " + where);
    }
    return allowed.size();
  }

  /** What even the stack's own role may not do: list the whole bucket, delete the state, write where it reads. */
  private static int assertDeniedBeyond(IdentityPolicy policy, StackIntent stack, boolean writes, String where) {
    List<Request> denied = new ArrayList<>();
    Backend b = stack.backend();
    String bucket = "arn:aws:s3:::" + b.bucket();
    String state = bucket + "/" + b.key();
    denied.add(Request.of("s3:ListBucket", bucket));
    denied.add(Request.of("s3:ListBucket", bucket).with("s3:prefix", ""));
    denied.add(Request.of("s3:ListBucket", bucket).with("s3:prefix", stack.id() + "/"));
    denied.add(Request.of("s3:DeleteObject", state));
    denied.add(Request.of("s3:GetObject", state + ".backup"));
    denied.add(Request.of("s3:GetObject", bucket + "/" + stack.id() + "/other.tfstate"));
    denied.add(Request.of("s3:DeleteBucket", bucket));
    denied.add(Request.of("s3:PutBucketPolicy", bucket));
    String elsewhere = "arn:aws:s3:::state-c";
    denied.add(Request.of("s3:ListBucket", elsewhere).with("s3:prefix", b.key()));
    denied.add(Request.of("s3:GetObject", elsewhere + "/" + b.key()));
    if (!writes) {
      denied.add(Request.of("s3:PutObject", state));
      if (b.workspaces() != null) {
        denied.add(Request.of("s3:PutObject", bucket + "/" + b.workspaces() + "/dev/" + b.key()));
      }
    }
    if (!b.lockfile()) {
      denied.add(Request.of("s3:PutObject", state + ".tflock"));
    }
    if (b.table() != null) {
      String table = table(b.table());
      String lock = b.bucket() + "/" + b.key();
      denied.add(Request.of("dynamodb:PutItem", table).with("dynamodb:LeadingKeys", lock, "state-c/other"));
      denied.add(Request.of("dynamodb:GetItem", table).with("dynamodb:LeadingKeys", "state-c/" + b.key()));
      denied.add(Request.of("dynamodb:Scan", table));
      denied.add(Request.of("dynamodb:DeleteTable", table));
      denied.add(Request.of("dynamodb:GetItem", table("other-locks")).with("dynamodb:LeadingKeys", lock));
      if (!writes) {
        denied.add(Request.of("dynamodb:PutItem", table).with("dynamodb:LeadingKeys", lock + "-md5"));
      }
    }
    denied.add(Request.of("kms:Decrypt", "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-4000-8000-000000000000"));
    for (Request request : denied) {
      assertFalse(policy.allows(request), () -> "allowed: " + request + ", for " + where);
    }
    return denied.size();
  }

  /** Nothing of another stack's state: its key, its lock, its listing. */
  private static int assertNothingOf(IdentityPolicy policy, StackIntent other, String where) {
    Backend b = other.backend();
    String bucket = "arn:aws:s3:::" + b.bucket();
    String state = bucket + "/" + b.key();
    List<Request> denied = new ArrayList<>(List.of(
        Request.of("s3:GetObject", state),
        Request.of("s3:PutObject", state),
        Request.of("s3:PutObject", state + ".tflock"),
        Request.of("s3:ListBucket", bucket).with("s3:prefix", b.key())));
    if (b.table() != null) {
      denied.add(Request.of("dynamodb:PutItem", table(b.table())).with("dynamodb:LeadingKeys",
          b.bucket() + "/" + b.key()));
    }
    for (Request request : denied) {
      assertFalse(policy.allows(request), () -> "allowed: " + request + ": " + where);
    }
    return denied.size();
  }

  private static String table(String name) {
    return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + name;
  }

  private static List<StackIntent> stacks(Random random, boolean lockfileAvailable) {
    List<StackIntent> stacks = new ArrayList<>();
    for (int s = 1; s <= 2 + random.nextInt(3); s++) {
      String id = "s" + s;
      String role = ROLES.get(random.nextInt(ROLES.size()));
      String planRole = null;
      List<String> runTypes;
      if (random.nextInt(3) == 0) {
        List<String> others = ROLES.stream().filter(r -> !r.equals(role)).toList();
        planRole = others.get(random.nextInt(others.size()));
        runTypes = random.nextBoolean() ? List.of() : List.of("PROPOSED", "TRACKED");
      } else {
        runTypes = List.<List<String>>of(List.of(), List.of("TRACKED"), List.of("PROPOSED"),
            List.of("PROPOSED", "TASK")).get(random.nextInt(4));
      }
      Backend backend = null;
      if (random.nextInt(4) != 0) {
        boolean lockfile = lockfileAvailable && random.nextBoolean();
        String table = !lockfile || random.nextBoolean() ? "locks-" + random.nextInt(2) : null;
        if (random.nextInt(5) == 0) {
          table = null; // no lock at all
        }
        backend = new Backend(BUCKETS.get(random.nextInt(BUCKETS.size())), id + "/terraform.tfstate", lockfile,
            table, random.nextBoolean() ? KMS_KEYS.get(random.nextInt(2)) : null,
            List.of("", "env:", "ws/" + id).get(random.nextInt(3)));
        if (backend.workspaces().isEmpty()) {
          backend = new Backend(backend.bucket(), backend.key(), lockfile, table, backend.kms(), null);
        }
      }
      stacks.add(new StackIntent(id, role, planRole, runTypes, backend));
    }
    return stacks;
  }

  private static String yaml(String version, List<StackIntent> stacks, Map<String, Boolean> optOut) {
    StringBuilder yaml = new StringBuilder("spacelift:\n  hostname: acme.app.spacelift.io\nterraform:\n  version: "
        + version + "\naccounts:\n  - name: production\n    id: \"" + ACCOUNT + "\"\n    region: " + REGION
        + "\n    roles:\n");
    for (String role : ROLES) {
      // A rule of its own, so that a role that no stack uses is still trusted by something.
      yaml.append("      - name: ").append(role).append("\n        statePolicy: ").append(!optOut.get(role))
          .append("\n        trust: [{space: production, stack: other-").append(role).append(", runTypes: [TRACKED]}]\n");
    }
    yaml.append("spaces:\n  - name: production\n    id: production-01HND497T9JKR76MR3KA2CDJHP\nstacks:\n");
    for (StackIntent stack : stacks) {
      yaml.append("  - id: ").append(stack.id()).append("\n    space: production\n    account: production\n")
          .append("    role: ").append(stack.role()).append('\n');
      if (stack.planRole() != null) {
        yaml.append("    planRole: ").append(stack.planRole()).append('\n');
      }
      if (!stack.runTypes().isEmpty()) {
        yaml.append("    runTypes: [").append(String.join(", ", stack.runTypes())).append("]\n");
      }
      Backend b = stack.backend();
      if (b != null) {
        yaml.append("    backend:\n      bucket: ").append(b.bucket()).append("\n      key: ").append(b.key())
            .append("\n      region: ").append(REGION).append("\n      useLockfile: ").append(b.lockfile()).append('\n');
        if (b.table() != null) {
          yaml.append("      dynamodbTable: ").append(b.table()).append('\n');
        }
        if (b.kms() != null) {
          yaml.append("      kmsKeyId: ").append(b.kms()).append('\n');
        }
        if (b.workspaces() != null) {
          yaml.append("      workspaceKeyPrefix: \"").append(b.workspaces()).append("\"\n");
        }
      }
    }
    return yaml.toString();
  }

  @Test
  void theGeneratorCoversTheCasesThatMatter() {
    Random random = new Random(1102);
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < 150; i++) {
      boolean lockfileAvailable = List.of("1.5.7", "1.9.8", "1.11.4").get(random.nextInt(3)).equals("1.11.4");
      for (StackIntent stack : stacks(random, lockfileAvailable)) {
        seen.merge(stack.planRole() == null ? "single role" : "plan role", 1, Integer::sum);
        if (stack.backend() != null) {
          Backend b = stack.backend();
          seen.merge(b.lockfile() ? "lockfile" : "no lockfile", 1, Integer::sum);
          seen.merge(b.table() == null ? "no table" : "table", 1, Integer::sum);
          seen.merge(b.kms() == null ? "no kms" : "kms", 1, Integer::sum);
          seen.merge(b.workspaces() == null ? "no workspaces" : "workspaces", 1, Integer::sum);
        }
      }
      ROLES.forEach(role -> random.nextInt(5));
    }
    assertEquals(List.of("single role", "plan role", "lockfile", "no lockfile", "table", "no table", "kms", "no kms",
        "workspaces", "no workspaces").stream().sorted().toList(), seen.keySet().stream().sorted().toList(),
        seen.toString());
    seen.values().forEach(count -> assertTrue(count > 20, seen.toString()));
  }
}
