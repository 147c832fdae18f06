package io.github.spaceliftoidc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.problem.Hints;
import io.github.spaceliftoidc.core.plan.Planner;
import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.write.FileChange.Kind;
import io.github.spaceliftoidc.core.write.Manifest;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The up-to-date check of {@code generate}: a rerun with the same inputs does no work, and a change to any input
 * (the YAML, a policy file it reads, a user template, a parameter, the plugin version) or to any output makes the
 * next run render and compare again.
 */
class IncrementalGenerationTest {

  private static final String YAML = """
      version: 1
      spacelift:
        hostname: acme.app.spacelift.io
      accounts:
        - name: production
          id: "123456789012"
          region: eu-west-1
          roles:
            - name: spacelift-app
              managedPolicies: [ReadOnlyAccess]
              inlinePolicies:
                - name: state
                  file: policies/state.json
      spaces:
        - name: production
          id: production-01HND497T9JKR76MR3KA2CDJHP
      stacks:
        - id: app
          space: production
          account: production
          role: spacelift-app
        - id: web
          space: production
          account: production
          role: spacelift-app
      """;

  private static final String POLICY = """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
      """;

  private static final String IAM = "iam/production/spacelift-oidc-iam.tf";
  private static final String APP = "stacks/app/spacelift-oidc-provider.tf";

  @TempDir
  Path project;

  private Path output;
  private GenerationRequest request;

  @BeforeEach
  void writeProject() throws IOException {
    Files.writeString(project.resolve("spacelift-oidc.yaml"), YAML);
    Files.createDirectories(project.resolve("policies"));
    Files.writeString(project.resolve("policies/state.json"), POLICY);
    Files.createDirectories(project.resolve("templates"));
    output = project.resolve("out");
    request = new GenerationRequest(project.resolve("spacelift-oidc.yaml"), output, project,
        project.resolve("target/spacelift-oidc"), project.resolve("templates"), Selection.ALL,
        Planner.defaultTrustPolicyLimit(), "1.0.0", Hints.NEUTRAL);
  }

  private GenerationResult generate() {
    return new SpaceliftOidc().generate(request);
  }

  @Test
  void aRerunWithUnchangedInputsAndOutputsDoesNoWork() throws IOException {
    GenerationResult first = generate();
    assertFalse(first.upToDate());
    assertEquals(3, first.written());
    Files.setLastModifiedTime(output.resolve(APP), FileTime.fromMillis(946_684_800_000L));
    GenerationResult compared = generate(); // the mtime changed: not up to date, but nothing to write
    assertFalse(compared.upToDate());

    GenerationResult second = generate();

    assertTrue(second.upToDate());
    assertEquals(0, second.written());
    assertEquals(3, second.count(Kind.UNCHANGED));
    assertEquals("Spacelift OIDC output is up to date (inputs and outputs unchanged since the last run): 0 written,"
        + " 3 unchanged, 0 deleted", second.summary());
    assertEquals(946_684_800_000L, Files.getLastModifiedTime(output.resolve(APP)).toMillis());
    assertTrue(benchmarkNothingWrittenPattern().matcher(second.summary()).find(),
        "benchmark/run.sh recognises a no-op rerun by this summary");
  }

  @ParameterizedTest
  @ValueSource(strings = {"output x 1 stacks/app/spacelift-oidc-provider.tf", "output 12", "output 1 2 ",
      "output 1 2 a\u0000b", "input /a\u0000b", "warning a.yaml\t1\tone", "warning a.yaml\tx\t1\tm",
      "spacelift-oidc-fingerprint 2"})
  void aDamagedOrOlderStampOnlyCostsAFullRun(String damage) throws IOException {
    generate();
    Path stamp;
    try (Stream<Path> stamps = Files.list(project.resolve("target/spacelift-oidc"))) {
      stamp = stamps.filter(path -> path.getFileName().toString().startsWith("fingerprint-")).findFirst()
          .orElseThrow();
    }
    String text = Files.readString(stamp, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("spacelift-oidc-fingerprint 3\n"), text);
    assertTrue(Pattern.compile("^output \\d+ \\d+ stacks/app/spacelift-oidc-provider\\.tf$", Pattern.MULTILINE)
        .matcher(text).find(), "outputs are recorded relative to the output directory: " + text);
    Files.writeString(stamp, damage.startsWith("spacelift-oidc-fingerprint") ? text.replaceFirst(".*\n", damage + "\n")
        : text + damage + "\n", StandardCharsets.UTF_8);

    GenerationResult repaired = generate();
    GenerationResult after = generate();

    assertFalse(repaired.upToDate(), "a stamp it cannot trust never makes a run skip");
    assertEquals(0, repaired.written());
    assertTrue(after.upToDate(), "the full run wrote a good stamp again");
  }

  /** The pattern with which the benchmark (a separate project) recognises a no-op rerun in Maven's log. */
  private static Pattern benchmarkNothingWrittenPattern() throws IOException {
    String source = Files.readString(ProjectPaths.root().resolve(
        "benchmark/src/main/java/io/github/spaceliftoidc/benchmark/EndToEnd.java"), StandardCharsets.UTF_8);
    Matcher declaration = Pattern.compile(
        "NOTHING_WRITTEN = Pattern\\.compile\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\)").matcher(source);
    assertTrue(declaration.find(), "EndToEnd declares NOTHING_WRITTEN");
    return Pattern.compile(declaration.group(1).replace("\\\\", "\\"));
  }

  /** One change to an input or an output, made after a run, with what the next run must do. */
  interface Change {
    void apply(IncrementalGenerationTest test) throws IOException;
  }

  static Stream<Arguments> changes() {
    return Stream.of(
        Arguments.of("the YAML", (Change) t -> t.append("spacelift-oidc.yaml", "# a comment\n"), 0),
        Arguments.of("an inline policy file", (Change) t -> t.append("policies/state.json", "\n"), 0),
        Arguments.of("a template added", (Change) t -> t.addTemplate("# added\n"), 2),
        Arguments.of("a template changed", (Change) t -> {
          t.addTemplate("# first\n");
          t.generate();
          t.addTemplate("# second\n");
        }, 2),
        Arguments.of("an unrelated file added to the template directory",
            (Change) t -> Files.writeString(t.project.resolve("templates/notes.txt"), "x"), 0),
        Arguments.of("the trust policy limit", (Change) t -> t.request = t.request.withMaxTrustPolicySize(4096), 0),
        Arguments.of("the plugin version", (Change) t -> t.request = new GenerationRequest(t.request.configFile(),
            t.request.outputDirectory(), t.request.baseDirectory(), t.request.workDirectory(),
            t.request.templateDirectory(), t.request.selection(), t.request.maxTrustPolicySize(), "1.0.1",
            t.request.hints()), 0),
        Arguments.of("a generated file edited", (Change) t -> t.append("out/" + APP, "# mine\n"), 1),
        Arguments.of("a generated file deleted", (Change) t -> Files.delete(t.output.resolve(IAM)), 1),
        Arguments.of("the manifest deleted", (Change) t -> Files.delete(t.output.resolve(Manifest.FILE_NAME)), 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void aChangeMakesTheNextRunCompareAgain(String what, Change change, int expectedWritten) throws IOException {
    generate();
    assertTrue(generate().upToDate(), "nothing changed yet");

    change.apply(this);
    GenerationResult next = generate();

    assertFalse(next.upToDate(), "after a change to " + what + " the run must not be skipped");
    assertEquals(expectedWritten, next.written(), what);
    assertTrue(Files.exists(output.resolve(Manifest.FILE_NAME)));
    assertTrue(generate().upToDate(), "the run after that is up to date again");
  }

  /**
   * A filtered run finds its own stamp again. (Across JVMs, the order of a Set differs; the stamp's name is built
   * from the sorted filter. The invoker IT shared-yaml-filters reruns a two-stack filter in a new JVM.)
   */
  @Test
  void aFilteredRunIsUpToDateOnItsSecondRun() {
    request = request.withSelection(new Selection(new java.util.LinkedHashSet<>(java.util.List.of("app", "web")),
        Set.of("production")));
    generate();

    request = request.withSelection(new Selection(new java.util.LinkedHashSet<>(java.util.List.of("web", "app")),
        Set.of("production")));

    assertTrue(generate().upToDate());
  }

  @Test
  void checkNeverTrustsTheFingerprint() throws IOException {
    generate();
    Files.writeString(output.resolve(APP), Files.readString(output.resolve(APP)) + "# hand edit\n");
    Files.setLastModifiedTime(output.resolve(APP), FileTime.fromMillis(946_684_800_000L));

    GenerationResult check = new SpaceliftOidc().check(request);

    assertFalse(check.isUpToDateOnDisk());
    assertEquals(Kind.UPDATE, check.drift().get(0).kind());
    assertTrue(check.driftReport(Hints.NEUTRAL).contains("+++ " + APP + " (generated)"), check.driftReport(Hints.NEUTRAL));
    assertTrue(check.driftReport(Hints.NEUTRAL).contains("-# hand edit"), check.driftReport(Hints.NEUTRAL));
  }

  @Test
  void aFilteredRunKeepsOtherStacksFilesButRemovesThoseOfAStackTheYamlDropped() throws IOException {
    generate(); // unfiltered: app and web
    Path web = output.resolve("stacks/web/spacelift-oidc-provider.tf");
    String webBefore = Files.readString(web);
    Files.writeString(project.resolve("spacelift-oidc.yaml"), YAML + """
          - id: retired
            space: production
            account: production
            role: spacelift-app
        """);
    generate();
    Files.writeString(project.resolve("spacelift-oidc.yaml"), YAML); // the stack 'retired' leaves the YAML
    request = request.withSelection(new Selection(Set.of("app"), Set.of()));

    GenerationResult filtered = generate();

    assertEquals(java.util.List.of("stacks/retired/spacelift-oidc-provider.tf"),
        filtered.drift().stream().map(change -> change.path()).toList());
    assertEquals(Kind.DELETE, filtered.drift().get(0).kind());
    assertEquals(webBefore, Files.readString(web), "web belongs to another module's filter");
    assertTrue(new io.github.spaceliftoidc.core.write.OutputWriter(output).readManifest().entries()
        .containsKey("stacks/web/spacelift-oidc-provider.tf"));
  }

  void append(String relative, String text) throws IOException {
    Path file = project.resolve(relative);
    Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8) + text, StandardCharsets.UTF_8);
  }

  /** A user copy of the bundled stack template with a line of its own. */
  void addTemplate(String extraLine) throws IOException {
    String bundled = Files.readString(ProjectPaths.root().resolve("templates/stack.tf.ftl"), StandardCharsets.UTF_8);
    Files.writeString(project.resolve("templates/stack.tf.ftl"), bundled + extraLine, StandardCharsets.UTF_8);
  }
}
