package io.github.spaceliftoidc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.GenerationResult;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.explain.TokenReport;
import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.problem.UserInputException;
import io.github.spaceliftoidc.core.token.OidcToken;
import io.github.spaceliftoidc.testing.ProjectPaths;
import io.github.spaceliftoidc.testing.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's outputs of {@code explain} with a token, of a failing {@code check} with its trust changes, and of a
 * malformed token are what the plugin prints: each block follows a {@code <!-- output: ... -->} marker that says
 * how it was made, and the test makes it again. Maven's own lines around the plugin's ({@code Failed to execute goal
 * ... on project x:}, {@code BUILD FAILURE}) are kept as the README shows them.
 */
class ReadmeOutputsTest {

  private static final Path README = ProjectPaths.root().resolve("README.md");
  /** The prefix Maven puts before a failure's message; the goal, version and project may be any. */
  private static final Pattern FAILED = Pattern.compile("\\[ERROR] Failed to execute goal io\\.github\\.spaceliftoidc"
      + ":spacelift-oidc-maven-plugin:[^:]+:[a-z]+ \\(default-cli\\) on project [^:]+: ");

  /** The lines of the {@code text} block after the marker, without trailing whitespace. */
  private static List<String> block(String marker) throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher block = Pattern.compile(Pattern.quote("<!-- output: " + marker + " -->") + "\\n```text\\n(.*?)```",
        Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "the README has the block <!-- output: " + marker + " -->");
    return block.group(1).lines().map(String::stripTrailing).toList();
  }

  private static List<String> info(List<String> lines) {
    return lines.stream().map(line -> ("[INFO] " + line).stripTrailing()).toList();
  }

  /**
   * A failure's message as Maven prints it: the first line after the "Failed to execute goal" prefix, each further
   * line after "[ERROR] " (the README leaves out Maven's "-> [Help 1]" and the advice after it).
   */
  private static List<String> failure(String message, List<String> shown) {
    List<String> lines = new ArrayList<>();
    message.lines().forEach(line -> lines.add(((lines.isEmpty() ? prefix(shown) : "[ERROR] ") + line)
        .stripTrailing()));
    return lines;
  }

  /** The "Failed to execute goal ... on project x: " of the README's block, which names its own project. */
  private static String prefix(List<String> shown) {
    Matcher prefix = shown.stream().map(FAILED::matcher).filter(Matcher::lookingAt).findFirst()
        .orElseThrow(() -> new AssertionError("the block shows Maven's failure line:\n" + String.join("\n", shown)));
    return prefix.group();
  }

  @Test
  void explainWithATokenPrintsWhatTheReadmeShows() throws IOException {
    GenerationPlan plan = new SpaceliftOidc().load(GenerationRequest.of(ProjectPaths.root()
        .resolve("examples/quickstart/spacelift-oidc.yaml"))).plan();
    OidcToken token = OidcToken.decode(Tokens.jwt(Tokens.claims(Tokens.PRODUCTION, "stack", "network", "TASK",
        "write")), "the token in SPACELIFT_OIDC_TOKEN");

    List<String> printed = info(TokenReport.lines(plan, token, Clock.fixed(Tokens.ISSUED.plusSeconds(25 * 60),
        ZoneOffset.UTC)));

    assertEquals(String.join("\n", printed), String.join("\n", block("explain-token examples/quickstart")));
  }

  @Test
  void aCutTokenFailsAsTheReadmeShows() throws IOException {
    String jwt = Tokens.jwt(Tokens.tracked("network"));
    String cut = jwt.substring(0, jwt.lastIndexOf('.'));
    List<String> shown = block("explain-token-error");

    UserInputException error = assertThrows(UserInputException.class,
        () -> OidcToken.decode(cut, "the token in /mnt/workspace/spacelift.oidc"));

    assertEquals(String.join("\n", failure(error.getMessage(), shown)), String.join("\n", shown));
  }

  @Test
  void checkAfterAPullRequestsChangePrintsWhatTheReadmeShows(@TempDir Path directory) throws IOException {
    List<String> shown = block("check examples/quickstart src/test/resources/readme/quickstart-pull-request.yaml");
    Path yaml = directory.resolve("spacelift-oidc.yaml");
    Files.copy(ProjectPaths.root().resolve("examples/quickstart/spacelift-oidc.yaml"), yaml);
    new SpaceliftOidc().generate(GenerationRequest.of(yaml));
    Files.copy(ProjectPaths.root().resolve("src/test/resources/readme/quickstart-pull-request.yaml"), yaml,
        StandardCopyOption.REPLACE_EXISTING);

    GenerationResult result = new SpaceliftOidc().check(GenerationRequest.of(yaml).withHints(MavenHints.HINTS));

    List<String> printed = new ArrayList<>(info(result.trustChangeLines(AbstractRenderingMojo.MAX_TRUST_LINES,
        MavenHints.HINTS)));
    printed.add("[INFO] BUILD FAILURE");
    printed.addAll(failure(result.driftReport(MavenHints.HINTS), shown));
    assertEquals(String.join("\n", printed), String.join("\n", shown));
  }

  @Test
  void theYamlOfThatPullRequestIsTheOneTheReadmeQuotes() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher excerpt = Pattern.compile("<!-- excerpt: (\\S+) -->\\n```yaml\\n(.*?)```", Pattern.DOTALL)
        .matcher(readme);
    int count = 0;
    while (excerpt.find()) {
      String file = Files.readString(ProjectPaths.root().resolve(excerpt.group(1)), StandardCharsets.UTF_8);
      for (String part : excerpt.group(2).split("\n# \\.\\.\\.\n")) {
        assertTrue(file.contains(part), "the README's excerpt of " + excerpt.group(1) + " is not in that file:\n"
            + part);
      }
      count++;
    }
    assertTrue(count >= 1, "the README quotes the pull request's YAML");
  }
}
