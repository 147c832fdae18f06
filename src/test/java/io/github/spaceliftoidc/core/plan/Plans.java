package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.config.ConfigBinder;
import io.github.spaceliftoidc.core.model.Config;
import io.github.spaceliftoidc.core.problem.Hints;
import io.github.spaceliftoidc.core.problem.Problem;
import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.yaml.TreeReader;
import io.github.spaceliftoidc.core.yaml.YNode;
import java.nio.file.Path;
import java.util.List;

/** Plans a YAML text held in memory, as the plugin would plan the file. */
final class Plans {

  static final String FILE = "spacelift-oidc.yaml";

  private Plans() {}

  /** The plan of a valid configuration; fails the test with the problems otherwise. */
  static GenerationPlan plan(String yaml) {
    Problems problems = new Problems();
    GenerationPlan plan = plan(yaml, problems);
    assertTrue(problems.isEmpty(), () -> "unexpected problems:\n" + problems.sorted());
    assertNotNull(plan);
    return plan;
  }

  /** {@link #plan(String)} for accounts whose trust policy quota AWS raised to {@code maxTrustPolicySize}. */
  static GenerationPlan planWithLimit(String yaml, int maxTrustPolicySize) {
    Problems problems = new Problems();
    GenerationPlan plan = plan(yaml, problems, maxTrustPolicySize);
    assertTrue(problems.isEmpty(), () -> "unexpected problems:\n" + problems.sorted() + "\nin\n" + yaml);
    assertNotNull(plan);
    return plan;
  }

  /** The warnings of a valid configuration, in file order. */
  static List<Problem> warnings(String yaml) {
    Problems problems = new Problems();
    plan(yaml, problems);
    assertTrue(problems.isEmpty(), () -> "unexpected problems:\n" + problems.sorted());
    return problems.warnings();
  }

  /** The problems of a configuration, in file order. */
  static List<Problem> problems(String yaml) {
    Problems problems = new Problems();
    plan(yaml, problems);
    return problems.sorted();
  }

  private static GenerationPlan plan(String yaml, Problems problems) {
    return plan(yaml, problems, Planner.defaultTrustPolicyLimit());
  }

  private static GenerationPlan plan(String yaml, Problems problems, int maxTrustPolicySize) {
    YNode root = new TreeReader().readString(yaml, FILE, TreeReader.Format.YAML, problems).orElseThrow(
        () -> new AssertionError("unreadable YAML: " + problems.sorted()));
    Config config = new ConfigBinder(problems).bind(root, Path.of(FILE), FILE);
    return new Planner(problems, maxTrustPolicySize, new TreeReader(), Hints.NEUTRAL).plan(config).plan();
  }

  static RolePlan role(GenerationPlan plan, String account, String role) {
    AccountPlan accountPlan = plan.accounts().stream().filter(a -> a.name().equals(account)).findFirst()
        .orElseThrow(() -> new AssertionError("no account " + account));
    return accountPlan.roles().stream().filter(r -> r.name().equals(role)).findFirst()
        .orElseThrow(() -> new AssertionError("no role " + role + " in " + account));
  }

  static List<String> subjects(String yaml, String role) {
    return role(plan(yaml), "production", role).trustPolicy().subjects();
  }

  static void assertOneProblem(String yaml, String expectedPart) {
    List<Problem> problems = problems(yaml);
    assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
    assertTrue(problems.get(0).message().contains(expectedPart), () -> problems.get(0) + "\ndoes not contain: "
        + expectedPart);
  }
}
