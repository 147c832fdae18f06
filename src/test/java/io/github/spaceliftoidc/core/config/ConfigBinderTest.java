package io.github.spaceliftoidc.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.model.Account;
import io.github.spaceliftoidc.core.model.Config;
import io.github.spaceliftoidc.core.model.OidcProviderMode;
import io.github.spaceliftoidc.core.model.Role;
import io.github.spaceliftoidc.core.model.RunType;
import io.github.spaceliftoidc.core.model.Scope;
import io.github.spaceliftoidc.core.model.SpaceliftSettings;
import io.github.spaceliftoidc.core.model.Stack;
import io.github.spaceliftoidc.core.model.TerraformSettings;
import io.github.spaceliftoidc.core.problem.Hints;
import io.github.spaceliftoidc.core.problem.Mark;
import io.github.spaceliftoidc.core.problem.Problem;
import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.yaml.TreeReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binding the YAML tree to the model: the documented defaults, and where each value was written. */
class ConfigBinderTest {

  private static final String FILE = "spacelift-oidc.yaml";

  /** The smallest valid configuration: everything optional left out. */
  private static final String MINIMAL = """
      spacelift:
        hostname: demo.app.spacelift.io
      accounts:
        - name: production
          id: "123456789012"
          region: eu-west-1
          roles:
            - name: spacelift-infra
      spaces:
        - name: production
          id: production-01HND497T9JKR76MR3KA2CDJHP
      stacks:
        - id: infra
          space: production
          account: production
          role: spacelift-infra
      """;

  private static Config bind(String yaml, Problems problems) {
    return new ConfigBinder(problems).bind(
        new TreeReader().readString(yaml, FILE, TreeReader.Format.YAML, problems).orElseThrow(), Path.of(FILE), FILE);
  }

  private static Config bind(String yaml) {
    Problems problems = new Problems();
    Config config = bind(yaml, problems);
    assertTrue(problems.isEmpty(), () -> problems.sorted().toString());
    return config;
  }

  @Test
  void fillsInEveryDocumentedDefault() {
    Config config = bind(MINIMAL);
    assertEquals(1, config.version());
    SpaceliftSettings spacelift = config.spacelift();
    assertEquals(List.of("demo.app.spacelift.io"), spacelift.audiences(), "audiences default to [hostname]");
    assertEquals("/mnt/workspace/spacelift.oidc", spacelift.tokenFile());
    assertEquals(List.of(SpaceliftSettings.DEFAULT_SUBJECT_TEMPLATE), spacelift.subjectTemplates());
    assertEquals("https://demo.app.spacelift.io", spacelift.issuerUrl());
    TerraformSettings terraform = config.terraform();
    assertEquals("1.6.0", terraform.version());
    assertEquals(">= 5.81", terraform.awsProviderVersion());

    Account account = config.accounts().get(0);
    assertEquals("aws", account.partition());
    assertEquals(OidcProviderMode.CREATE, account.oidcProvider());
    assertEquals(List.of(), account.thumbprints());
    assertEquals("iam/production", account.directory());

    Role role = account.roles().get(0);
    assertEquals("/", role.path());
    assertNull(role.description());
    assertNull(role.maxSessionDuration());
    assertNull(role.permissionsBoundary());
    assertEquals(List.of(), role.managedPolicies());
    assertEquals(Map.of(), role.tags());
    assertFalse(role.sessionTagging());
    assertFalse(role.allowAnySubject());
    assertEquals(List.of(), role.trust());

    Stack stack = config.stacks().get(0);
    assertEquals("stacks/infra", stack.directory());
    assertNull(stack.region(), "null means the account's region");
    assertEquals(List.of(), stack.runTypes(), "empty means any run type");
    assertEquals(List.of(), stack.scopes(), "empty means any scope");
    assertNull(stack.backend());
    assertEquals(List.of(), config.modules());
    assertNull(config.spaces().get(0).path());
  }

  @Test
  void writtenValuesReplaceTheDefaults() {
    Config config = bind(MINIMAL
        .replace("  hostname: demo.app.spacelift.io\n", "  hostname: demo.app.spacelift.io\n"
            + "  audiences: [one.example, two.example]\n  tokenFile: /tmp/token\n"
            + "terraform:\n  version: \"1.9.0\"\n  awsProviderVersion: \"~> 6.0\"\n")
        .replace("    region: eu-west-1\n", "    region: eu-west-1\n    partition: aws-us-gov\n"
            + "    oidcProvider: existing\n    directory: infra/iam\n")
        .replace("    role: spacelift-infra\n", "    role: spacelift-infra\n    directory: live/infra\n"
            + "    runTypes: [TRACKED, PROPOSED, TRACKED]\n    scopes: [write]\n"));
    assertEquals(List.of("one.example", "two.example"), config.spacelift().audiences());
    assertEquals("/tmp/token", config.spacelift().tokenFile());
    assertEquals("1.9.0", config.terraform().version());
    assertEquals("~> 6.0", config.terraform().awsProviderVersion());
    Account account = config.accounts().get(0);
    assertEquals("aws-us-gov", account.partition());
    assertEquals(OidcProviderMode.EXISTING, account.oidcProvider());
    assertEquals("infra/iam", account.directory());
    Stack stack = config.stacks().get(0);
    assertEquals("live/infra", stack.directory());
    assertEquals(List.of(RunType.TRACKED, RunType.PROPOSED), stack.runTypes(), "repeats are dropped, order kept");
    assertEquals(List.of(Scope.WRITE), stack.scopes());
  }

  @Test
  void anEmptyValueIsReportedRatherThanReadAsTheDefault() {
    Problems problems = new Problems();
    bind(MINIMAL.replace("  hostname: demo.app.spacelift.io\n",
        "  hostname: demo.app.spacelift.io\n  tokenFile:\n  audiences: ~\n"), problems);
    List<String> messages = problems.sorted().stream().map(Problem::toString).toList();
    assertEquals(List.of(
        "spacelift-oidc.yaml:3:13: 'tokenFile' of spacelift has no value; write one, or remove the line to use the"
            + " default.",
        "spacelift-oidc.yaml:4:14: 'audiences' of spacelift has no value; write one, or remove the line to use the"
            + " default."), messages);
  }

  @Test
  void booleanLookingTextInAStringFieldStaysAsWritten() {
    Config config = bind(MINIMAL.replace("    - name: spacelift-infra\n",
        "    - name: spacelift-infra\n        tags: {Enabled: TRUE, Paused: off, Ready: False}\n"));
    assertEquals(Map.of("Enabled", "TRUE", "Paused", "off", "Ready", "False"),
        config.accounts().get(0).roles().get(0).tags());
  }

  @Test
  void emptyValuesAreReportedForEveryKindOfKey() {
    Problems problems = new Problems();
    bind("version: ~\nterraform:\n" + MINIMAL.replace("    region: eu-west-1\n",
        "    region: eu-west-1\n    oidcProvider: ~\n") + "modules:\n", problems);
    List<String> empty = problems.sorted().stream().map(Problem::toString)
        .filter(message -> message.contains("has no value")).map(message -> message.substring(0,
            message.indexOf(" has no value"))).toList();
    assertEquals(List.of("spacelift-oidc.yaml:1:10: 'version' of the configuration file",
        "spacelift-oidc.yaml:2:11: 'terraform' of the configuration file",
        "spacelift-oidc.yaml:9:19: 'oidcProvider' of account 'production'",
        "spacelift-oidc.yaml:20:9: 'modules' of the configuration file"), empty);
  }

  @Test
  void anEmptyRequiredValueIsReportedAsMissingWhereItIsWritten() {
    Problems problems = new Problems();
    bind(MINIMAL.replace("hostname: demo.app.spacelift.io", "hostname:"), problems);
    List<Problem> sorted = problems.sorted();
    assertEquals(1, sorted.size(), sorted::toString);
    assertEquals(new Mark(FILE, 2, 12), sorted.get(0).mark());
    assertTrue(sorted.get(0).message().contains("has an empty value for the required key 'hostname'"), sorted::toString);
  }

  @Test
  void tagsKeepTheOrderTheyAreWrittenIn() {
    Config config = bind(MINIMAL.replace("      - name: spacelift-infra\n",
        "      - name: spacelift-infra\n        tags: {zeta: \"1\", alpha: two, mid: \"3\"}\n"));
    assertEquals(List.of("zeta", "alpha", "mid"), List.copyOf(config.accounts().get(0).roles().get(0).tags().keySet()));
  }

  @Test
  void theOriginOfEachElementLocatesItsValuesAndKnowsWhatWasWritten() {
    Config config = bind(MINIMAL);
    assertEquals(new Mark(FILE, 2, 13), config.spacelift().origin().at("hostname"));
    assertTrue(config.spacelift().origin().has("hostname"));
    assertFalse(config.spacelift().origin().has("audiences"), "a default is not something the user wrote");
    Account account = config.accounts().get(0);
    assertEquals(new Mark(FILE, 4, 5), account.origin().mark());
    assertEquals(new Mark(FILE, 5, 9), account.origin().at("id"));
    assertEquals(account.origin().mark(), account.origin().at("directory"),
        "a defaulted value points at its element");
    Stack stack = config.stacks().get(0);
    assertEquals(new Mark(FILE, 16, 11), stack.origin().at("role"));
  }

  @Test
  void eachListItemIsLocated() {
    Config config = bind(MINIMAL.replace("  hostname: demo.app.spacelift.io\n",
        "  hostname: demo.app.spacelift.io\n  audiences:\n    - a.example\n    -   b.example\n"));
    assertEquals(new Mark(FILE, 4, 7), config.spacelift().origin().at("audiences[0]"));
    assertEquals(new Mark(FILE, 5, 9), config.spacelift().origin().at("audiences[1]"));
  }

  @Test
  void theReadersFactsAboutTheFileGetTheFixesForAConfigurationInTheToolsWords(@TempDir Path directory)
      throws IOException {
    Hints hints = new Hints("tool init", "tool generate", "tool", "the config setting", "the limit setting", "x.md");
    Path huge = directory.resolve("huge.yaml");
    Files.writeString(huge, "# " + "x".repeat(2048) + "\n");
    Path empty = directory.resolve("empty.yaml");
    Files.writeString(empty, "# nothing yet\n");
    Problems problems = new Problems();
    TreeReader tight = new TreeReader(new TreeReader.Limits(1024, 64, 200, 1_000));
    ConfigBinder binder = new ConfigBinder(problems, hints);

    assertNull(binder.read(tight, directory.resolve("none.yaml"), "none.yaml"));
    assertNull(binder.read(tight, directory, "dir"));
    assertNull(binder.read(tight, huge, "huge.yaml"));
    assertNull(binder.read(tight, empty, "empty.yaml"));

    assertEquals(List.of(
        "dir:1:1: this is a directory, not a file; point the config setting at the YAML file itself",
        "empty.yaml:1:1: the file is empty; it needs at least `spacelift:`, `accounts:`, `spaces:` and `stacks:`"
            + " (tool init writes a commented starter)",
        "huge.yaml:1:1: the file is 2,051 bytes, more than the 1,024 bytes this plugin reads; split the"
            + " organisation into several files (one per Maven module) or check that this is the right file",
        "none.yaml:1:1: the file does not exist; create it (tool init writes a starter) or point the config setting"
            + " at it"), problems.sorted().stream().map(Problem::toString).toList());
  }

  @Test
  void versionOtherThanOneIsRefused() {
    Problems problems = new Problems();
    bind("version: 2\n" + MINIMAL, problems);
    List<Problem> sorted = problems.sorted();
    assertEquals(1, sorted.size(), sorted::toString);
    assertEquals(new Mark(FILE, 1, 10), sorted.get(0).mark());
    assertTrue(sorted.get(0).message().contains("format version 2 is not supported"), sorted::toString);
  }
}
