package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.problem.InvalidConfigurationException;
import io.github.spaceliftoidc.core.trust.StringLike;
import io.github.spaceliftoidc.core.write.GeneratedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No pull request can apply: over many random configurations (engines and versions on every side of 1.6.0 and of
 * {@code terraform.applying}, shared roles, stacks with and without plan roles and backends, narrowed run types and
 * scopes, ids that are prefixes of each other), the subject patterns of the generated IAM modules, read from the
 * rendered HCL and matched with the plugin's own {@link StringLike}, let no PROPOSED run of a stack with a
 * {@code planRole} assume the stack's {@code role}, and where the engine tells the phases apart no {@code scope:read}
 * run of it either. And the runs that must work do: the plan role lets in what the plan phase presents, the apply role
 * what the apply phase presents, and the backend's role every run of the stack.
 */
class PlanRoleTrustPropertyTest {

  private static final String HOST = "acme.app.spacelift.io";
  private static final List<String> SPACE_IDS = List.of("production-01HND497T9JKR76MR3KA2CDJHP",
      "shared-01HND4A0B2C3D4E5F6G7H8J9KM");
  private static final List<String> IDS = List.of("app", "app-prod", "b");
  private static final List<String> RUN_TYPES = List.of("PROPOSED", "TRACKED", "TASK", "DESTROY");
  private static final List<String> SCOPES = List.of("read", "write");
  private static final List<String[]> ENGINES = List.of(new String[] {"terraform", "1.5.7"},
      new String[] {"terraform", "1.6.0"}, new String[] {"terraform", "1.9.8"}, new String[] {"terraform", "1.10.0"},
      new String[] {"terraform", "1.11.4"}, new String[] {"opentofu", "1.10.5"}, new String[] {"opentofu", "1.11.0"});
  private static final Pattern ROLE = Pattern.compile("resource \"aws_iam_role\" \"\\w+\" \\{\\n\\s*name\\s*= \"([^\"]+)\""
      + "[\\s\\S]*?\"" + Pattern.quote(HOST + ":sub") + "\" = \\[\\n([\\s\\S]*?)\\n\\s*]");

  @TempDir Path dir;

  record StackIntent(String id, int space, String role, String planRole, List<String> runTypes, List<String> scopes,
      boolean backend) {
    boolean allows(String runType, String scope) {
      return (runTypes.isEmpty() || runTypes.contains(runType)) && (scopes.isEmpty() || scopes.contains(scope));
    }
  }

  @Test
  void noProposedRunAndWithPhasesNoReadTokenOfAStackWithAPlanRoleCanAssumeItsApplyRole() throws IOException {
    Random random = new Random(4711);
    int configurations = 0;
    int stacksChecked = 0;
    int phaseAwareChecked = 0;
    int refusedProbes = 0;
    for (int i = 0; i < 300; i++) {
      String[] engine = ENGINES.get(random.nextInt(ENGINES.size()));
      // terraform.applying: Terraform 1.10.0, OpenTofu 1.11.0 (README, OpenTofu).
      boolean phaseAware = List.of("terraform 1.10.0", "terraform 1.11.4", "opentofu 1.11.0")
          .contains(engine[0] + " " + engine[1]);
      boolean legacy = engine[1].equals("1.5.7");
      List<StackIntent> stacks = stacks(random);
      Map<String, List<String>> subjectsByRole;
      try {
        subjectsByRole = generatedSubjects(yaml(engine, stacks));
      } catch (InvalidConfigurationException e) {
        // A stack whose runs reach only one of its two roles is refused (tested in PlanRolePlannerTest).
        assertTrue(e.getMessage().contains("no run reaches"), e::getMessage);
        continue;
      }
      configurations++;
      for (StackIntent stack : stacks) {
        if (stack.planRole() == null) {
          continue;
        }
        stacksChecked++;
        phaseAwareChecked += phaseAware ? 1 : 0;
        List<String> apply = subjectsByRole.get(stack.role());
        List<String> plan = subjectsByRole.get(stack.planRole());
        String where = stack + " on " + String.join(" ", engine) + " among " + stacks;
        for (String runType : RUN_TYPES) {
          for (String scope : SCOPES) {
            String sub = sub(stack, runType, scope);
            boolean refused = runType.equals("PROPOSED") || phaseAware && scope.equals("read");
            if (refused) {
              assertFalse(allows(apply, sub), () -> "the apply role lets in " + sub + ": " + where);
              refusedProbes++;
            }
            if (!stack.allows(runType, scope) || runType.equals("PROPOSED") && scope.equals("write")) {
              continue; // not a run of this stack, or not a token Spacelift issues
            }
            boolean providerPlans = runType.equals("PROPOSED") || phaseAware && runType.equals("TRACKED");
            boolean providerApplies = !runType.equals("PROPOSED") && (!phaseAware || scope.equals("write"));
            if (providerPlans) {
              assertTrue(allows(plan, sub), () -> "the plan role refuses " + sub + ": " + where);
            }
            if (providerApplies) {
              assertTrue(allows(apply, sub), () -> "the apply role refuses " + sub + ": " + where);
            }
            if (stack.backend() && !legacy) {
              assertTrue(allows(plan, sub), () -> "the backend's (plan) role refuses " + sub + ": " + where);
            }
          }
        }
        // Another stack's id, even one this one's is a prefix of, never borrows these grants.
        for (String other : IDS) {
          if (!other.equals(stack.id()) && stacks.stream().noneMatch(s -> s.id().equals(other))) {
            String sub = "space:" + SPACE_IDS.get(stack.space()) + ":stack:" + other
                + ":run_type:TRACKED:scope:write";
            assertFalse(allows(apply, sub) || allows(plan, sub), () -> sub + " is let in: " + where);
          }
        }
      }
    }
    assertTrue(configurations > 150, "enough valid configurations: " + configurations);
    assertTrue(stacksChecked > 200 && phaseAwareChecked > 80, stacksChecked + " stacks, " + phaseAwareChecked
        + " on phase-aware engines");
    assertTrue(refusedProbes > 600, "refused probes: " + refusedProbes);
  }

  private static boolean allows(List<String> patterns, String sub) {
    return patterns != null && patterns.stream().anyMatch(pattern -> StringLike.matches(pattern, sub));
  }

  private static String sub(StackIntent stack, String runType, String scope) {
    return "space:" + SPACE_IDS.get(stack.space()) + ":stack:" + stack.id() + ":run_type:" + runType + ":scope:"
        + scope;
  }

  /** The subject patterns of every role, as the rendered IAM module writes them. */
  private Map<String, List<String>> generatedSubjects(String yaml) throws IOException {
    Path file = dir.resolve("spacelift-oidc.yaml");
    Files.writeString(file, yaml);
    GenerationRequest request = GenerationRequest.of(file).withOutputDirectory(dir.resolve("out"));
    SpaceliftOidc oidc = new SpaceliftOidc();
    Map<String, List<String>> subjects = new HashMap<>();
    for (GeneratedFile generated : oidc.render(request, oidc.load(request))) {
      if (generated.path().endsWith("spacelift-oidc-iam.tf")) {
        Matcher m = ROLE.matcher(generated.content());
        while (m.find()) {
          List<String> patterns = new ArrayList<>();
          for (String line : m.group(2).lines().toList()) {
            patterns.add(line.strip().replaceAll("^\"|\",$", ""));
          }
          subjects.put(m.group(1), patterns);
        }
      }
    }
    return subjects;
  }

  private static List<StackIntent> stacks(Random random) {
    List<StackIntent> stacks = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>(IDS.subList(0, 1 + random.nextInt(IDS.size())));
    for (String id : ids) {
      String role = "r" + (1 + random.nextInt(3));
      String planRole = null;
      if (random.nextInt(3) != 0) {
        do {
          planRole = "r" + (1 + random.nextInt(3));
        } while (planRole.equals(role));
      }
      stacks.add(new StackIntent(id, random.nextInt(SPACE_IDS.size()), role, planRole, subset(random, RUN_TYPES),
          subset(random, SCOPES), random.nextBoolean()));
    }
    return stacks;
  }

  private static List<String> subset(Random random, List<String> values) {
    if (random.nextInt(3) == 0) {
      return List.of();
    }
    List<String> subset = new ArrayList<>();
    for (String value : values) {
      if (random.nextInt(3) != 0) {
        subset.add(value);
      }
    }
    return subset.isEmpty() ? List.of() : subset;
  }

  private static String yaml(String[] engine, List<StackIntent> stacks) {
    StringBuilder yaml = new StringBuilder("spacelift:\n  hostname: " + HOST + "\nterraform:\n  engine: " + engine[0]
        + "\n  version: " + engine[1] + "\naccounts:\n  - name: production\n    id: \"123456789012\"\n"
        + "    region: eu-west-1\n    roles:\n");
    for (int r = 1; r <= 3; r++) {
      // A rule of another stack, so that a role no stack uses is still trusted by something.
      yaml.append("      - name: r").append(r).append("\n        trust: [{space: production, stack: zz")
          .append(r).append(", runTypes: [TRACKED], scopes: [write]}]\n");
    }
    yaml.append("spaces:\n  - name: production\n    id: ").append(SPACE_IDS.get(0))
        .append("\n  - name: shared\n    id: ").append(SPACE_IDS.get(1)).append("\nstacks:\n");
    for (StackIntent stack : stacks) {
      yaml.append("  - id: ").append(stack.id()).append("\n    space: ")
          .append(stack.space() == 0 ? "production" : "shared").append("\n    account: production\n    role: ")
          .append(stack.role()).append('\n');
      if (stack.planRole() != null) {
        yaml.append("    planRole: ").append(stack.planRole()).append('\n');
      }
      if (!stack.runTypes().isEmpty()) {
        yaml.append("    runTypes: [").append(String.join(", ", stack.runTypes())).append("]\n");
      }
      if (!stack.scopes().isEmpty()) {
        yaml.append("    scopes: [").append(String.join(", ", stack.scopes())).append("]\n");
      }
      if (stack.backend()) {
        yaml.append("    backend: {bucket: acme-state, key: ").append(stack.id())
            .append(".tfstate, region: eu-west-1}\n");
      }
    }
    return yaml.toString();
  }

  @Test
  void theParserReadsEveryRoleOfARenderedModule() throws IOException {
    Map<String, List<String>> subjects = generatedSubjects(yaml(new String[] {"terraform", "1.11.4"},
        List.of(new StackIntent("app", 0, "r1", "r2", List.of(), List.of(), true))));
    assertEquals(Set.of("r1", "r2", "r3"), subjects.keySet());
    assertEquals(List.of("space:production-01HND497T9JKR76MR3KA2CDJHP:stack:app:run_type:DESTROY:scope:write",
        "space:production-01HND497T9JKR76MR3KA2CDJHP:stack:app:run_type:TASK:scope:write",
        "space:production-01HND497T9JKR76MR3KA2CDJHP:stack:app:run_type:TRACKED:scope:write",
        "space:production-01HND497T9JKR76MR3KA2CDJHP:stack:zz1:run_type:TRACKED:scope:write"), subjects.get("r1"));
  }
}
