package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.problem.InvalidConfigurationException;
import io.github.spaceliftoidc.core.problem.Problem;
import io.github.spaceliftoidc.testing.GoldenFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small organisation (one account, role, space and stack) whose settings the planner tests vary, and the ways to
 * plan, check and render it. Each test class covers one setting of the README's Variants.
 */
abstract class SettingsFixture {


  @TempDir Path dir;

  /**
   * A small organisation: one account, role, space and stack. Each slot adds lines at its place, indented to fit;
   * tests fill the slots they exercise.
   */
  record Yaml(String hostname, String region, Map<String, String> slots) {

    private static final List<String> SLOTS =
        List.of("spacelift", "terraform", "account", "role", "roles", "space", "stack");

    static Yaml base() {
      return new Yaml("demo.app.spacelift.io", "eu-west-1", Map.of());
    }

    Yaml hostname(String value) {
      return new Yaml(value, region, slots);
    }

    Yaml region(String value) {
      return new Yaml(hostname, value, slots);
    }

    Yaml spacelift(String value) {
      return with("spacelift", value, 2);
    }

    Yaml terraform(String value) {
      return with("terraform", value, 0);
    }

    Yaml account(String value) {
      return with("account", value, 4);
    }

    Yaml role(String value) {
      return with("role", value, 8);
    }

    /** More roles, each starting with "- name:". */
    Yaml roles(String value) {
      return with("roles", value, 6);
    }

    Yaml space(String value) {
      return with("space", value, 4);
    }

    Yaml stack(String value) {
      return with("stack", value, 4);
    }

    private Yaml with(String slot, String value, int indent) {
      Map<String, String> more = new java.util.HashMap<>(slots);
      more.put(slot, value.stripIndent().strip().lines().map(line -> " ".repeat(indent) + line)
          .collect(Collectors.joining("\n")));
      return new Yaml(hostname, region, Map.copyOf(more));
    }

    String text() {
      String[] parts = SLOTS.stream().map(slot -> slots.getOrDefault(slot, "")).map(p -> p.isEmpty() ? "" : p + "\n")
          .toArray(String[]::new);
      return "spacelift:\n  hostname: " + hostname + "\n" + parts[0]
          + parts[1]
          + "accounts:\n  - name: production\n    id: \"123456789012\"\n    region: " + region + "\n" + parts[2]
          + "    roles:\n      - name: spacelift-infra\n" + parts[3] + parts[4]
          + "spaces:\n  - name: production\n    id: production-01HND497T9JKR76MR3KA2CDJHP\n" + parts[5]
          + "stacks:\n  - id: infra\n    space: production\n    account: production\n    role: spacelift-infra\n"
          + parts[6];
    }

    /** The 1-based line on which {@code text} starts. */
    int lineOf(String text) {
      String all = text();
      return (int) all.substring(0, all.indexOf(text)).chars().filter(c -> c == '\n').count() + 1;
    }
  }

  Path write(Yaml yaml) throws IOException {
    Path file = dir.resolve("spacelift-oidc.yaml");
    Files.writeString(file, yaml.text(), StandardCharsets.UTF_8);
    return file;
  }

  GenerationPlan plan(Yaml yaml) throws IOException {
    Path file = write(yaml);
    try {
      return new SpaceliftOidc().load(GenerationRequest.of(file)).plan();
    } catch (InvalidConfigurationException e) {
      return fail("unexpected problems in\n" + yaml.text() + "\n" + e.getMessage());
    }
  }

  List<Problem> problems(Yaml yaml) throws IOException {
    Path file = write(yaml);
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
        () -> new SpaceliftOidc().load(GenerationRequest.of(file)), yaml.text());
    return e.problems();
  }

  static Problem only(List<Problem> problems) {
    assertEquals(1, problems.size(), problems.toString());
    return problems.get(0);
  }

  /** Generates into a scratch directory and returns every file by relative path. */
  Map<String, String> render(Yaml yaml) throws IOException {
    Path file = write(yaml);
    Path out = dir.resolve("out");
    new SpaceliftOidc().generate(GenerationRequest.of(file).withOutputDirectory(out));
    return GoldenFiles.read(out);
  }

  static RolePlan role(GenerationPlan plan, String name) {
    return plan.accounts().stream().flatMap(a -> a.roles().stream()).filter(r -> r.name().equals(name)).findFirst()
        .orElseThrow();
  }
}
