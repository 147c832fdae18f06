package io.github.spaceliftoidc.core.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.spaceliftoidc.core.Starter;
import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.trust.JsonText;
import io.github.spaceliftoidc.core.yaml.TreeReader;
import io.github.spaceliftoidc.core.yaml.YNode;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schema {@code spacelift-oidc.schema.json} (repository root, and in the jar) agrees with the plugin: every
 * example and golden configuration validates against it, and each object of the schema accepts exactly the keys of
 * {@link Keys} (both directions), with {@code additionalProperties: false} and the same nesting as the binder.
 */
class JsonSchemaTest {

  private static final Path SCHEMA_FILE = ProjectPaths.root().resolve("spacelift-oidc.schema.json");
  private static final Pattern MODELINE = Pattern.compile("^# yaml-language-server: \\$schema=(\\S+)$",
      Pattern.MULTILINE);

  /** Where each kind of object nests in another, as {@link ConfigBinder} binds them: parent.key -> child. */
  private static final Map<String, String> NESTING = Map.ofEntries(
      Map.entry("root.spacelift", "spacelift"),
      Map.entry("root.terraform", "terraform"),
      Map.entry("root.accounts", "account"),
      Map.entry("root.spaces", "space"),
      Map.entry("root.stacks", "stack"),
      Map.entry("root.modules", "module"),
      Map.entry("account.roles", "role"),
      Map.entry("role.inlinePolicies", "inlinePolicy"),
      Map.entry("role.trust", "trustRule"),
      Map.entry("stack.backend", "backend"),
      Map.entry("stack.aliases", "alias"));

  private static JsonNode schemaTree() throws IOException {
    return JsonMapper.builder().build().readTree(Files.readString(SCHEMA_FILE, StandardCharsets.UTF_8));
  }

  private static Schema schema() throws IOException {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
        .getSchema(Files.readString(SCHEMA_FILE, StandardCharsets.UTF_8), InputFormat.JSON);
  }

  /** The object schema of a kind of {@link Keys}: the root, or its definition. */
  private static JsonNode objectSchema(JsonNode schema, String kind) {
    return kind.equals("root") ? schema : schema.path("definitions").path(kind);
  }

  /** Every configuration the plugin accepts that the project ships: examples, golden cases, the init starter. */
  static Stream<Path> validConfigurations() throws IOException {
    List<Path> files = new ArrayList<>();
    Path root = ProjectPaths.root();
    try (Stream<Path> examples = Files.walk(root.resolve("examples"))) {
      examples.filter(path -> path.getFileName().toString().equals("spacelift-oidc.yaml"))
          .filter(path -> !root.relativize(path).toString().contains("/target/"))
          .forEach(files::add);
    }
    try (Stream<Path> golden = Files.list(ProjectPaths.testResources().resolve("golden"))) {
      golden.filter(dir -> Files.isDirectory(dir.resolve("expected")))
          .map(dir -> dir.resolve("spacelift-oidc.yaml"))
          .filter(Files::isRegularFile)
          .forEach(files::add);
    }
    files.add(root.resolve("src/main/resources/init/spacelift-oidc.yaml"));
    return files.stream().sorted();
  }

  /** The YAML as JSON, read by the plugin's own reader (anchors, merge keys and scalar types as it sees them). */
  private static String asJson(String yaml, String name) {
    Problems problems = new Problems();
    YNode tree = new TreeReader().readString(yaml, name, TreeReader.Format.YAML, problems).orElseThrow(
        () -> new AssertionError(name + " does not parse: " + problems.sorted()));
    StringBuilder json = new StringBuilder();
    JsonText.write(tree, json);
    return json.toString();
  }

  private static List<Error> validate(String yaml) throws IOException {
    return schema().validate(asJson(yaml, "test.yaml"), InputFormat.JSON);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validConfigurations")
  void everyShippedConfigurationValidates(Path file) throws IOException {
    List<Error> errors = validate(Files.readString(file, StandardCharsets.UTF_8));

    assertTrue(errors.isEmpty(), () -> file + " does not validate against the schema: " + errors);
  }

  @Test
  void everyObjectOfTheSchemaAcceptsExactlyTheKeysOfTheModel() throws IOException {
    JsonNode schema = schemaTree();
    for (Map.Entry<String, List<String>> kind : Keys.all().entrySet()) {
      JsonNode object = objectSchema(schema, kind.getKey());
      assertTrue(object.isObject(), "the schema lacks the object '" + kind.getKey() + "'");
      // Same keys in the same order: the order is the one the README reference documents.
      assertEquals(kind.getValue(), List.copyOf(object.path("properties").propertyNames()),
          "keys of '" + kind.getKey() + "' in the schema versus core.config.Keys");
      assertTrue(object.has("additionalProperties") && !object.get("additionalProperties").booleanValue(),
          "'" + kind.getKey() + "' must reject unknown keys (additionalProperties: false), as the binder does");
    }
  }

  @Test
  void theSchemaHasNoObjectThatTheModelLacks() throws IOException {
    JsonNode schema = schemaTree();
    Set<String> withProperties = new LinkedHashSet<>();
    collectObjectsWithProperties(schema, "root", withProperties);
    Set<String> expected = new LinkedHashSet<>();
    for (String kind : Keys.all().keySet()) {
      expected.add(kind.equals("root") ? "root" : "root/definitions/" + kind);
    }
    assertEquals(expected, withProperties, "every object with properties in the schema is a kind of Keys");
  }

  private static void collectObjectsWithProperties(JsonNode node, String path, Set<String> found) {
    if (node.isObject()) {
      if (node.has("properties") && node.get("properties").isObject()) {
        found.add(path);
      }
      for (Map.Entry<String, JsonNode> child : node.properties()) {
        collectObjectsWithProperties(child.getValue(), path + "/" + child.getKey(), found);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectObjectsWithProperties(node.get(i), path + "/" + i, found);
      }
    }
  }

  @Test
  void objectsNestAsTheBinderNestsThem() throws IOException {
    JsonNode schema = schemaTree();
    for (Map.Entry<String, String> nesting : NESTING.entrySet()) {
      String[] parts = nesting.getKey().split("\\.");
      JsonNode property = objectSchema(schema, parts[0]).path("properties").path(parts[1]);
      JsonNode target = property.has("items") ? property.get("items") : property;
      assertEquals("#/definitions/" + nesting.getValue(), target.path("$ref").asString(""),
          nesting.getKey() + " must refer to the definition '" + nesting.getValue() + "'");
    }
  }

  @Test
  void theJarShipsTheSameSchema() throws IOException {
    try (InputStream in = JsonSchemaTest.class.getResourceAsStream("/spacelift-oidc.schema.json")) {
      assertNotNull(in, "the build copies spacelift-oidc.schema.json into the jar's root");
      assertArrayEquals(Files.readAllBytes(SCHEMA_FILE), in.readAllBytes());
    }
  }

  @Test
  void theStarterPointsEditorsAtThePublishedSchema() throws IOException {
    String starter = new String(Starter.content(), StandardCharsets.UTF_8);
    Matcher modeline = MODELINE.matcher(starter);

    assertTrue(modeline.find(), "the starter's first line names the schema for yaml-language-server");
    assertEquals(schemaTree().path("$id").asString(), modeline.group(1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validConfigurations")
  void shippedConfigurationsThatNameASchemaNameThisOne(Path file) throws IOException {
    Matcher modeline = MODELINE.matcher(Files.readString(file, StandardCharsets.UTF_8));
    if (!modeline.find() || modeline.group(1).startsWith("https://")) {
      return; // no modeline, or the published URL (checked above for the starter)
    }
    Path target = file.getParent().resolve(modeline.group(1)).normalize();
    assertEquals(SCHEMA_FILE.normalize(), target, file + " names a schema file that is not the repository's");
  }

  /** The validator really checks: each of these mistakes is reported. */
  @ParameterizedTest
  @ValueSource(strings = {
      // an unknown key (a typo), at the root and nested
      "spacelift: {hostname: demo.app.spacelift.io}\naccounts: [{name: a, id: '123456789012', region: eu-west-1,"
          + " roles: [{name: r}]}]\nspaces: []\nstack: []\n",
      "spacelift: {hostnam: demo.app.spacelift.io}\naccounts: [{name: a, id: '123456789012', region: eu-west-1,"
          + " roles: [{name: r}]}]\nspaces: []\n",
      // a missing required key
      "accounts: [{name: a, id: '123456789012', region: eu-west-1, roles: [{name: r}]}]\nspaces: []\n",
      // a value outside an enumeration, and an unquoted account id
      "spacelift: {hostname: demo.app.spacelift.io}\naccounts: [{name: a, id: '123456789012', region: eu-west-1,"
          + " roles: [{name: r, trust: [{space: s, runTypes: [tracked]}]}]}]\nspaces: []\n",
      "spacelift: {hostname: demo.app.spacelift.io}\naccounts: [{name: a, id: 123456789012, region: eu-west-1,"
          + " roles: [{name: r}]}]\nspaces: []\n",
      // an inline policy with both file and document, and a trust rule with both stack and module
      "spacelift: {hostname: demo.app.spacelift.io}\naccounts: [{name: a, id: '123456789012', region: eu-west-1,"
          + " roles: [{name: r, inlinePolicies: [{name: p, file: p.json, document: {Statement: []}}]}]}]\nspaces: []\n",
      "spacelift: {hostname: demo.app.spacelift.io}\naccounts: [{name: a, id: '123456789012', region: eu-west-1,"
          + " roles: [{name: r, trust: [{space: s, stack: x, module: y}]}]}]\nspaces: []\n",
      // a scheme in the hostname, and a version written as a number
      "spacelift: {hostname: 'https://demo.app.spacelift.io'}\naccounts: [{name: a, id: '123456789012',"
          + " region: eu-west-1, roles: [{name: r}]}]\nspaces: []\n",
      "spacelift: {hostname: demo.app.spacelift.io}\nterraform: {version: 1.10}\naccounts: [{name: a,"
          + " id: '123456789012', region: eu-west-1, roles: [{name: r}]}]\nspaces: []\n"})
  void theSchemaRejectsCommonMistakes(String yaml) throws IOException {
    assertFalse(validate(yaml).isEmpty(), "the schema should reject:\n" + yaml);
  }

  @Test
  void aMinimalConfigurationValidates() throws IOException {
    String yaml = "spacelift: {hostname: demo.app.spacelift.io}\naccounts: [{name: a, id: '123456789012',"
        + " region: eu-west-1, roles: [{name: r}]}]\nspaces: []\n";

    assertEquals(List.of(), validate(yaml));
  }
  /** The value rules of the trust patterns, space trees and audiences: what the plugin accepts, the schema does. */
  @ParameterizedTest(name = "{0} valid: {1}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "{spaceId: 'production-*'}|true",
      "{spaceId: '*'}|true",
      "{spaceId: 'production-01HND*'}|true",
      "{spaceId: production}|false",
      "{spaceId: '*-prod'}|false",
      "{spaceId: 'Prod*'}|false",
      "{spaceId: 'prod**'}|false",
      "{space: production, spaceId: 'production-*'}|false",
      "{stack: infra}|false",
      "{space: production, subspaces: true}|true",
      "{space: production, subspaces: 'yes'}|false",
      "{space: '*', stack: 'app-*'}|true",
      "{space: '*', stack: '*app'}|false",
      "{space: '*', module: 'tf-*'}|true",
      "{space: '*', module: 'tf:*'}|false",
      "{space: '*', stack: '-*'}|false",
      "{space: production, subjectTemplate: 'space:{spaceId}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}'}"
          + "|true",
      "{space: production, subjectTemplate: ''}|false"})
  void theSchemaChecksTrustRulePatternsAsThePluginDoes(String rule, boolean valid) throws IOException {
    String yaml = "spacelift: {hostname: demo.app.spacelift.io}\naccounts: [{name: a, id: '123456789012',"
        + " region: eu-west-1, roles: [{name: r, trust: [" + rule + "]}]}]\nspaces: []\n";
    List<Error> errors = validate(yaml);
    assertEquals(valid, errors.isEmpty(), () -> rule + ": " + errors);
  }

  @ParameterizedTest(name = "{0} valid: {1}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "spaces: [{name: a, id: root}, {name: b, id: legacy, parent: a}]|true",
      "spaces: [{name: b, id: us-east-1}]|true",
      "spaces: [{name: b, id: legacy-01KJMM56VS4W3AL9YZWVCXBX8D}]|true",
      "spaces: [{name: b, id: Production}]|false",
      "spaces: [{name: b, id: production-01HND497T9JKR}]|false",
      "spaces: [{name: b, id: b, parent: 'a b'}]|false"})
  void theSchemaChecksSpaceIdsAndParentsAsThePluginDoes(String spaces, boolean valid) throws IOException {
    String yaml = "spacelift: {hostname: demo.app.spacelift.io}\naccounts: [{name: a, id: '123456789012',"
        + " region: eu-west-1, roles: [{name: r}]}]\n" + spaces + "\n";
    List<Error> errors = validate(yaml);
    assertEquals(valid, errors.isEmpty(), () -> spaces + ": " + errors);
  }

  @ParameterizedTest(name = "{0} valid: {1}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "'https://demo.app.spacelift.io'|false",
      "'http://demo.app.spacelift.io'|false",
      "demo.app.spacelift.io|true",
      "sts.amazonaws.com|true"})
  void theSchemaRefusesAnAudienceWithAScheme(String audience, boolean valid) throws IOException {
    String yaml = "spacelift: {hostname: demo.app.spacelift.io, audiences: [" + audience + "]}\naccounts: [{name: a,"
        + " id: '123456789012', region: eu-west-1, roles: [{name: r}]}]\nspaces: []\n";
    List<Error> errors = validate(yaml);
    assertEquals(valid, errors.isEmpty(), () -> audience + ": " + errors);
  }
}
