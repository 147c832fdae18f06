package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.trust.Grant;
import io.github.spaceliftoidc.core.trust.SubjectTemplate;
import io.github.spaceliftoidc.core.trust.TrustPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Never a subject the YAML did not ask for, and every one it did: for random small configurations, each role's policy
 * allows exactly the runs that the YAML's stacks, modules and trust rules name for it, as the spec words their meaning.
 * The expected intent is computed here from the generated YAML, independently of {@link Grant}. Ids are prefixes of
 * each other ({@code app}, {@code app-prod}), and the subjects are built by plain text replacement in the template,
 * so a {@code *} that runs into a neighbouring value shows up as an allowed subject nobody asked for.
 */
class PlannerTrustPropertyTest {

  private static final String HOST = "acme.app.spacelift.io";
  private static final Map<String, String> SPACES = Map.of("root", "root",
      "production", "production-01HND497T9JKR76MR3KA2CDJHP", "shared", "shared-01HND4A0B2C3D4E5F6G7H8J9KM");
  private static final List<String> SPACE_NAMES = List.of("root", "production", "shared");
  private static final List<String> IDS = List.of("app", "app-prod", "b");
  private static final List<String> PROBED_IDS = List.of("app", "app-prod", "b", "app-prod-x", "prod", "b-app", "zz");
  private static final String RUN_ID = "01HND4C2D3E4F5G6H7J8K9MNPQ";
  private static final List<String> RUN_TYPES = List.of("PROPOSED", "TRACKED", "TASK", "TESTING", "DESTROY");
  private static final List<String> SCOPES = List.of("read", "write");
  private static final Map<String, String> ACCOUNTS = Map.of("production", "123456789012", "staging", "210987654321");

  /** What one stack, module or rule asks a role to trust: null or empty means any. */
  record Intent(String spaceId, String type, String id, Set<String> runTypes, Set<String> scopes) {
    boolean matches(String space, String callerType, String callerId, String runType, String scope) {
      return (spaceId == null || spaceId.equals(space)) && (type == null || type.equals(callerType))
          && (id == null || id.equals(callerId)) && (runTypes.isEmpty() || runTypes.contains(runType))
          && (scopes.isEmpty() || scopes.contains(scope));
    }
  }

  /** A generated configuration: its YAML, and for each "account/role" what the YAML asks it to trust. */
  record Generated(String yaml, Map<String, List<Intent>> intents) {}

  @ParameterizedTest
  @ValueSource(strings = {
      "space:{spaceId}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}",
      "v2|{spaceId}|{callerType}:{callerId}|{runType}|{scope}",
      "{callerType}:{callerId}:run:{runId}:{runType}:{scope}:in:{spaceId}"})
  void eachPolicyAllowsExactlyTheRunsTheYamlAsksFor(String template) {
    Random random = new Random(2024);
    int roles = 0;
    int allowed = 0;
    for (int i = 0; i < 200; i++) {
      Generated generated = generate(random, template);
      GenerationPlan plan = Plans.plan(generated.yaml());
      for (Map.Entry<String, List<Intent>> entry : generated.intents().entrySet()) {
        String[] accountAndRole = entry.getKey().split("/");
        RolePlan role = Plans.role(plan, accountAndRole[0], accountAndRole[1]);
        allowed += checkRole(role, entry.getValue(), generated.yaml(), template);
        roles++;
      }
    }
    assertTrue(roles > 400, "enough roles checked: " + roles);
    assertTrue(allowed > 10_000, "enough allowed subjects checked: " + allowed);
  }

  private static int checkRole(RolePlan role, List<Intent> intents, String yaml, String template) {
    TrustPolicy policy = role.trustPolicy();
    String where = "role " + role.name() + " of\n" + yaml;
    assertEquals(intents.size(), role.grants().size(), () -> "one grant per stack, module and rule: " + where);
    Set<String> produced = new TreeSet<>();
    for (Grant grant : role.grants()) {
      produced.addAll(grant.patterns(SubjectTemplate.parse(template)));
    }
    assertTrue(produced.containsAll(policy.subjects()), () -> "a pattern no grant produced: " + where);
    assertEquals(policy.subjects().stream().sorted().distinct().toList(), policy.subjects(), where);
    int allowed = 0;
    List<String> spaceIds = new ArrayList<>(SPACES.values());
    spaceIds.add("other-01HND4A0B2C3D4E5F6G7H8J9KN");
    for (String space : spaceIds) {
      for (String type : List.of("stack", "module")) {
        for (String id : PROBED_IDS) {
          for (String runType : RUN_TYPES) {
            for (String scope : SCOPES) {
              String sub = template.replace("{spaceId}", space).replace("{callerType}", type)
                  .replace("{callerId}", id).replace("{runId}", RUN_ID).replace("{runType}", runType)
                  .replace("{scope}", scope);
              boolean intended = intents.stream().anyMatch(intent -> intent.matches(space, type, id, runType, scope));
              assertEquals(intended, policy.allows(sub, HOST), () -> sub + (intended ? " is asked for but refused"
                  : " is allowed but not asked for") + " by " + policy.subjects() + " of " + where);
              assertFalse(policy.allows(sub, "other.app.spacelift.io"), "the audience is always pinned");
              allowed += intended ? 1 : 0;
            }
          }
        }
      }
    }
    return allowed;
  }

  private static Generated generate(Random random, String template) {
    Map<String, List<Intent>> intents = new LinkedHashMap<>();
    Map<String, List<String>> rolesByAccount = new LinkedHashMap<>();
    for (String account : random.nextBoolean() ? List.of("production") : List.of("production", "staging")) {
      List<String> roles = new ArrayList<>();
      for (int r = 1 + random.nextInt(3); r > 0; r--) {
        roles.add("r" + r);
        intents.put(account + "/r" + r, new ArrayList<>());
      }
      rolesByAccount.put(account, roles);
    }
    List<String> accounts = new ArrayList<>(rolesByAccount.keySet());
    StringBuilder callers = new StringBuilder();
    for (String kind : List.of("stack", "module")) {
      callers.append(kind).append("s:");
      List<String> ids = new ArrayList<>(IDS.subList(0, random.nextInt(IDS.size() + 1)));
      callers.append(ids.isEmpty() ? " []\n" : "\n");
      for (String id : ids) {
        String space = pick(random, SPACE_NAMES);
        String account = pick(random, accounts);
        String role = pick(random, rolesByAccount.get(account));
        Set<String> runTypes = subset(random, RUN_TYPES);
        Set<String> scopes = subset(random, SCOPES);
        callers.append("  - id: ").append(id).append("\n    space: ").append(space).append("\n    account: ")
            .append(account).append("\n    role: ").append(role).append('\n').append(list("    ", "runTypes",
                runTypes)).append(list("    ", "scopes", scopes));
        intents.get(account + "/" + role).add(new Intent(SPACES.get(space), kind, id, runTypes, scopes));
      }
    }
    StringBuilder accountsYaml = new StringBuilder();
    for (String account : accounts) {
      accountsYaml.append("  - name: ").append(account).append("\n    id: \"").append(ACCOUNTS.get(account))
          .append("\"\n    region: eu-west-1\n    roles:\n");
      for (String role : rolesByAccount.get(account)) {
        List<Intent> roleIntents = intents.get(account + "/" + role);
        accountsYaml.append("      - name: ").append(role).append('\n');
        int rules = random.nextInt(3);
        if (rules == 0 && roleIntents.isEmpty()) {
          rules = 1; // a role nothing trusts is an error
        }
        StringBuilder trust = new StringBuilder();
        boolean any = false;
        for (int k = 0; k < rules; k++) {
          String space = random.nextInt(4) == 0 ? "*" : pick(random, SPACE_NAMES);
          String kind = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> "stack";
            default -> "module";
          };
          String id = kind == null ? null : random.nextInt(3) == 0 ? "*" : pick(random, IDS);
          Set<String> runTypes = subset(random, RUN_TYPES);
          Set<String> scopes = subset(random, SCOPES);
          trust.append("          - space: \"").append(space).append("\"\n");
          if (kind != null) {
            trust.append("            ").append(kind).append(": \"").append(id).append("\"\n");
          }
          trust.append(list("            ", "runTypes", runTypes)).append(list("            ", "scopes", scopes));
          String spaceId = space.equals("*") ? null : SPACES.get(space);
          String callerId = "*".equals(id) ? null : id;
          any |= spaceId == null && callerId == null;
          roleIntents.add(new Intent(spaceId, kind, callerId, runTypes, scopes));
        }
        if (rules > 0) {
          accountsYaml.append("        trust:\n").append(trust);
        }
        if (any) {
          accountsYaml.append("        allowAnySubject: true\n");
        }
      }
    }
    String yaml = "spacelift:\n  hostname: " + HOST + "\n  subjectTemplate: \"" + template + "\"\naccounts:\n" + accountsYaml + "spaces:\n"
        + "  - name: root\n    id: root\n"
        + "  - name: production\n    id: " + SPACES.get("production") + "\n"
        + "  - name: shared\n    id: " + SPACES.get("shared") + "\n" + callers;
    return new Generated(yaml, intents);
  }

  private static String list(String indent, String key, Set<String> values) {
    return values.isEmpty() ? "" : indent + key + ": [" + String.join(", ", values) + "]\n";
  }

  /**
   * Empty (any) half of the time, otherwise a random non-empty subset of at most two values in random order (more
   * would push some policies over IAM's size quota).
   */
  private static Set<String> subset(Random random, List<String> values) {
    Set<String> subset = new java.util.LinkedHashSet<>();
    if (random.nextBoolean()) {
      List<String> shuffled = new ArrayList<>(values);
      java.util.Collections.shuffle(shuffled, random);
      subset.addAll(shuffled.subList(0, 1 + random.nextInt(2)));
    }
    return subset;
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
