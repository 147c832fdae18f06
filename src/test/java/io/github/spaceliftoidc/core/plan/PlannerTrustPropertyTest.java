package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.trust.Grant;
import io.github.spaceliftoidc.core.trust.SubjectTemplate;
import io.github.spaceliftoidc.core.trust.TrustPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Never a subject the YAML did not ask for, and every one it did: for random small configurations, each role's policy
 * allows exactly the runs that the YAML's stacks, modules and trust rules name for it, as the README words their
 * meaning, under one subject template or two listed side by side (with rules limited to one of them).
 *
 * <p>The oracle is independent of the code under test: the expected intent is computed here from the generated YAML
 * (prefixes with {@code startsWith}, subtrees from this test's own table of parents and paths), the subjects are
 * built by plain text replacement in the template, and a policy's answer is taken from its patterns through IAM's
 * wildcards as a regular expression (and checked against the project's {@code StringLike} too). Ids are prefixes of
 * each other ({@code app}, {@code app-prod}), space ids share prefixes ({@code production-}, {@code production-eu-},
 * {@code production-archive-}), and some probed spaces are not declared at all: created later below a subtree, or
 * merely sharing its path's prefix. So a {@code *} that runs into a neighbouring value, a subtree that reaches a
 * sibling, or a subtree that claims later spaces under a template without {@code {spacePath}} shows up as a subject
 * allowed that nobody asked for.
 */
class PlannerTrustPropertyTest {

  private static final String HOST = "acme.app.spacelift.io";
  private static final String DEFAULT = "space:{spaceId}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}";
  private static final String V2 = "v2|{spaceId}|{callerType}:{callerId}|{runType}|{scope}";
  private static final String WITH_PATH =
      "space:{spaceId}:space_path:{spacePath}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}";

  /** A space: declared ones have a name; the others are probed only (created later, or unrelated). */
  record ProbeSpace(String name, String id, String path, String parent) {}

  private static final List<ProbeSpace> DECLARED = List.of(
      new ProbeSpace("root", "root", "/root", null),
      new ProbeSpace("legacy", "legacy", "/root/legacy", "root"),
      new ProbeSpace("production", "production-01HND497T9JKR76MR3KA2CDJHP", "/root/production", "root"),
      new ProbeSpace("prod-eu", "production-eu-01HND4A0B2C3D4E5F6G7H8J9KM", "/root/production/eu", "production"),
      new ProbeSpace("us-east-1", "us-east-1", "/root/production/us-east-1", "production"),
      new ProbeSpace("archive", "production-archive-01HND4B1C2D3E4F5G6H7J8K9MN", "/root/production-archive", "root"),
      new ProbeSpace("shared", "shared-01HND4A0B2C3D4E5F6G7H8J9KN", "/root/shared", "root"));
  private static final List<ProbeSpace> PROBED;

  static {
    List<ProbeSpace> probed = new ArrayList<>(DECLARED);
    probed.add(new ProbeSpace(null, "other-01HND4A0B2C3D4E5F6G7H8J9KP", "/root/other", null));
    probed.add(new ProbeSpace(null, "production-new-01HND4D3E4F5G6H7J8K9MNPQRS", "/root/production/new", null));
    probed.add(new ProbeSpace(null, "batch-01HND4C2D3E4F5G6H7J8K9MNPQ", "/root/production/eu/batch", null));
    probed.add(new ProbeSpace(null, "prod", "/root/prod", null));
    PROBED = List.copyOf(probed);
  }

  private static final List<String> SPACE_NAMES = DECLARED.stream().map(ProbeSpace::name).toList();
  private static final List<String> SPACE_ID_PREFIXES =
      List.of("production-*", "production-e*", "p*", "us-*", "shared*", "production-01*");
  private static final List<String> IDS = List.of("app", "app-prod", "b");
  private static final List<String> ID_PREFIXES = List.of("app-*", "app*", "b*", "zz*");
  private static final List<String> PROBED_IDS =
      List.of("app", "app-prod", "b", "app-prod-x", "prod", "b-app", "zz", "apple");
  private static final String RUN_ID = "01HND4C2D3E4F5G6H7J8K9MNPQ";
  private static final List<String> RUN_TYPES = List.of("PROPOSED", "TRACKED", "TASK", "TESTING", "DESTROY");
  private static final List<String> SCOPES = List.of("read", "write");
  private static final Map<String, String> ACCOUNTS = Map.of("production", "123456789012", "staging", "210987654321");

  /**
   * What one stack, module or rule asks a role to trust. Exactly one way of naming spaces is set (none: any space):
   * an exact id, an id prefix, or the name of a subtree's top. Null or empty means any; {@code format} is the one
   * template a rule is limited to, or null for all.
   */
  record Intent(String spaceId, String spacePrefix, String subtree, String type, String id, String idPrefix,
      Set<String> runTypes, Set<String> scopes, String format) {

    boolean matches(ProbeSpace space, String callerType, String callerId, String runType, String scope,
        String template) {
      return (format == null || format.equals(template)) && spaceMatches(space, template)
          && (type == null || type.equals(callerType)) && (id == null || id.equals(callerId))
          && (idPrefix == null || callerId.startsWith(idPrefix)) && (runTypes.isEmpty() || runTypes.contains(runType))
          && (scopes.isEmpty() || scopes.contains(scope));
    }

    private boolean spaceMatches(ProbeSpace space, String template) {
      if (spaceId != null) {
        return spaceId.equals(space.id());
      }
      if (spacePrefix != null) {
        return space.id().startsWith(spacePrefix);
      }
      if (subtree != null) {
        if (template.contains("{spacePath}")) {
          String top = declared(subtree).path();
          return space.path().equals(top) || space.path().startsWith(top + "/");
        }
        return space.name() != null && declaredSubtree(subtree).contains(space.name());
      }
      return true;
    }
  }

  /** A generated configuration: its YAML, its templates, and for each "account/role" what the YAML asks it to trust. */
  record Generated(String yaml, List<String> templates, Map<String, List<Intent>> intents) {}

  @ParameterizedTest
  @ValueSource(strings = {
      DEFAULT,
      V2,
      "{callerType}:{callerId}:run:{runId}:{runType}:{scope}:in:{spaceId}",
      WITH_PATH,
      "{spacePath}|{callerType}:{callerId}|{runType}|{scope}",
      // Two formats listed side by side, as in a migration, with rules limited to one of them. Each pair's patterns
      // start with a literal that the other's subjects never do, so each subject's answer comes from its own format.
      DEFAULT + "\n" + V2,
      V2 + "\n" + WITH_PATH})
  void eachPolicyAllowsExactlyTheRunsTheYamlAsksFor(String listed) {
    List<String> templates = List.of(listed.split("\n"));
    Random random = new Random(2024 + listed.hashCode());
    int roles = 0;
    int allowed = 0;
    int configurations = templates.size() == 1 ? 70 : 45;
    for (int i = 0; i < configurations; i++) {
      Generated generated = generate(random, templates);
      GenerationPlan plan = Plans.planWithLimit(generated.yaml(), 20_000);
      for (Map.Entry<String, List<Intent>> entry : generated.intents().entrySet()) {
        String[] accountAndRole = entry.getKey().split("/");
        RolePlan role = Plans.role(plan, accountAndRole[0], accountAndRole[1]);
        allowed += checkRole(role, entry.getValue(), generated);
        roles++;
      }
    }
    assertTrue(roles > 100, "enough roles checked: " + roles);
    assertTrue(allowed > 20_000, "enough allowed subjects checked: " + allowed);
  }

  private static int checkRole(RolePlan role, List<Intent> intents, Generated generated) {
    TrustPolicy policy = role.trustPolicy();
    String where = "role " + role.name() + " of\n" + generated.yaml();
    assertEquals(intents.size(), role.grants().size(), () -> "one grant per stack, module and rule: " + where);
    Set<String> produced = new TreeSet<>();
    for (Grant grant : role.grants()) {
      for (String template : generated.templates()) {
        SubjectTemplate parsed = SubjectTemplate.parse(template);
        if (grant.appliesTo(parsed)) {
          produced.addAll(grant.patterns(parsed));
        }
      }
    }
    assertTrue(produced.containsAll(policy.subjects()), () -> "a pattern no grant produced: " + where);
    assertEquals(policy.subjects().stream().sorted().distinct().toList(), policy.subjects(), where);
    List<Pattern> iam = policy.subjects().stream().map(PlannerTrustPropertyTest::iamWildcards).toList();
    int allowed = 0;
    for (String template : generated.templates()) {
      for (ProbeSpace space : PROBED) {
        for (String type : List.of("stack", "module")) {
          for (String id : PROBED_IDS) {
            for (String runType : RUN_TYPES) {
              for (String scope : SCOPES) {
                String sub = template.replace("{spaceId}", space.id()).replace("{spacePath}", space.path())
                    .replace("{callerType}", type).replace("{callerId}", id).replace("{runId}", RUN_ID)
                    .replace("{runType}", runType).replace("{scope}", scope);
                boolean intended = intents.stream()
                    .anyMatch(intent -> intent.matches(space, type, id, runType, scope, template));
                boolean matched = iam.stream().anyMatch(pattern -> pattern.matcher(sub).matches());
                assertEquals(intended, matched, () -> sub + (intended ? " is asked for but refused"
                    : " is allowed but not asked for") + " by " + policy.subjects() + " of " + where);
                assertEquals(matched, policy.allows(sub, HOST), () -> "StringLike disagrees on " + sub);
                assertFalse(policy.allows(sub, "other.app.spacelift.io"), "the audience is always pinned");
                allowed += intended ? 1 : 0;
              }
            }
          }
        }
      }
    }
    return allowed;
  }

  /** IAM's StringLike as a regular expression: * any characters, ? one, the rest literally. */
  private static Pattern iamWildcards(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static ProbeSpace declared(String name) {
    return DECLARED.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  /** The names of a declared space and of every declared space whose chain of parents leads to it. */
  private static Set<String> declaredSubtree(String top) {
    Set<String> names = new LinkedHashSet<>();
    for (ProbeSpace space : DECLARED) {
      for (ProbeSpace up = space; up != null; up = up.parent() == null ? null : declared(up.parent())) {
        if (up.name().equals(top)) {
          names.add(space.name());
          break;
        }
      }
    }
    return names;
  }

  private static Generated generate(Random random, List<String> templates) {
    boolean spaceIdsExpressible = templates.stream().allMatch(t -> t.contains("{spaceId}"));
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
        intents.get(account + "/" + role).add(new Intent(declared(space).id(), null, null, kind, id, null, runTypes,
            scopes, null));
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
          Intent intent = rule(random, templates, spaceIdsExpressible, trust);
          any |= intent.spaceId() == null && intent.spacePrefix() == null
              && (intent.subtree() == null || intent.subtree().equals("root"))
              && intent.id() == null && intent.idPrefix() == null;
          roleIntents.add(intent);
        }
        if (rules > 0) {
          accountsYaml.append("        trust:\n").append(trust);
        }
        if (any) {
          accountsYaml.append("        allowAnySubject: true\n");
        }
      }
    }
    StringBuilder yaml = new StringBuilder("spacelift:\n  hostname: " + HOST + "\n  subjectTemplate:\n");
    templates.forEach(template -> yaml.append("    - \"").append(template).append("\"\n"));
    yaml.append("accounts:\n").append(accountsYaml).append("spaces:\n");
    for (ProbeSpace space : DECLARED) {
      yaml.append("  - name: ").append(space.name()).append("\n    id: ").append(space.id()).append("\n    path: ")
          .append(space.path()).append('\n');
      if (space.parent() != null) {
        yaml.append("    parent: ").append(space.parent()).append('\n');
      }
    }
    yaml.append(callers);
    return new Generated(yaml.toString(), templates, intents);
  }

  /** One random trust rule, appended to {@code trust} as YAML; returns what it asks for. */
  private static Intent rule(Random random, List<String> templates, boolean spaceIdsExpressible,
      StringBuilder trust) {
    String spaceId = null;
    String spacePrefix = null;
    String subtree = null;
    switch (random.nextInt(spaceIdsExpressible ? 5 : 4)) {
      case 0 -> trust.append("          - space: \"*\"\n");
      case 1, 2 -> {
        String name = pick(random, SPACE_NAMES);
        trust.append("          - space: ").append(name).append('\n');
        spaceId = declared(name).id();
      }
      case 3 -> {
        subtree = pick(random, SPACE_NAMES);
        trust.append("          - space: ").append(subtree).append("\n            subspaces: true\n");
      }
      default -> {
        String prefix = pick(random, SPACE_ID_PREFIXES);
        trust.append("          - spaceId: \"").append(prefix).append("\"\n");
        spacePrefix = prefix.substring(0, prefix.length() - 1);
      }
    }
    String kind = switch (random.nextInt(3)) {
      case 0 -> null;
      case 1 -> "stack";
      default -> "module";
    };
    String id = null;
    String idPrefix = null;
    if (kind != null) {
      String written = switch (random.nextInt(4)) {
        case 0 -> "*";
        case 1 -> pick(random, ID_PREFIXES);
        default -> pick(random, IDS);
      };
      trust.append("            ").append(kind).append(": \"").append(written).append("\"\n");
      if (written.endsWith("*") && written.length() > 1) {
        idPrefix = written.substring(0, written.length() - 1);
      } else if (!written.equals("*")) {
        id = written;
      }
    }
    Set<String> runTypes = subset(random, RUN_TYPES);
    Set<String> scopes = subset(random, SCOPES);
    trust.append(list("            ", "runTypes", runTypes)).append(list("            ", "scopes", scopes));
    String format = null;
    if (templates.size() > 1 && random.nextInt(3) > 0) {
      format = pick(random, templates);
      trust.append("            subjectTemplate: \"").append(format).append("\"\n");
    }
    return new Intent(spaceId, spacePrefix, subtree, kind, id, idPrefix, runTypes, scopes, format);
  }

  private static String list(String indent, String key, Set<String> values) {
    return values.isEmpty() ? "" : indent + key + ": [" + String.join(", ", values) + "]\n";
  }

  /**
   * Empty (any) half of the time, otherwise a random non-empty subset of at most two values in random order (more
   * would only make the policies longer).
   */
  private static Set<String> subset(Random random, List<String> values) {
    Set<String> subset = new LinkedHashSet<>();
    if (random.nextBoolean()) {
      List<String> shuffled = new ArrayList<>(values);
      Collections.shuffle(shuffled, random);
      subset.addAll(shuffled.subList(0, 1 + random.nextInt(2)));
    }
    return subset;
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
