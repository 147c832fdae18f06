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
import io.github.spaceliftoidc.testing.ProjectPaths;
import io.github.spaceliftoidc.testing.Yaml12Json;
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
 * {@link Keys} (both directions), with {@code additionalProperties: false} and the same nesting as the binder. The
 * values the two accept are held together by {@link SchemaAgreementTest}; that the schema passes Ajv's strict mode
 * by {@link #theSchemaKeepsTheRulesOfAjvStrictMode()}. Documents are checked as an editor reads them, by a YAML 1.2
 * reader ({@link Yaml12Json}).
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

  /** Validates the YAML as an editor does: read by a YAML 1.2 reader, then checked against the schema. */
  static List<Error> validate(String yaml) throws IOException {
    return schema().validate(Yaml12Json.of(yaml), InputFormat.JSON);
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

  /**
   * Object schemas (type object, with properties) below {@code node}. A oneOf or not branch may name properties only
   * to say which are required, and only properties of its object.
   */
  private static void collectObjectsWithProperties(JsonNode node, String path, Set<String> found) {
    if (node.isObject()) {
      if (node.has("properties") && node.get("properties").isObject()
          && node.path("type").asString("").equals("object")) {
        found.add(path);
        for (String applicator : List.of("oneOf", "anyOf", "allOf", "not")) {
          JsonNode branches = node.path(applicator);
          for (JsonNode branch : branches.isArray() ? branches : List.of(branches)) {
            for (String name : branch.path("properties").propertyNames()) {
              assertTrue(node.get("properties").has(name), path + "/" + applicator + " names property " + name
                  + ", which its object does not define");
            }
          }
        }
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

  /** The keywords of JSON Schema draft-07; Ajv's strictSchema refuses any other. */
  private static final Set<String> DRAFT_07_KEYWORDS = Set.of("$schema", "$id", "$ref", "$comment", "title",
      "description", "default", "readOnly", "writeOnly", "examples", "multipleOf", "maximum", "exclusiveMaximum",
      "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "additionalItems", "items", "maxItems",
      "minItems", "uniqueItems", "contains", "maxProperties", "minProperties", "required", "additionalProperties",
      "definitions", "properties", "patternProperties", "dependencies", "propertyNames", "const", "enum", "type",
      "format", "contentMediaType", "contentEncoding", "if", "then", "else", "allOf", "anyOf", "oneOf", "not");

  /** Keywords that apply to one kind of value only; Ajv's strictTypes wants that type declared with them. */
  private static final Map<String, Set<String>> TYPE_SPECIFIC = Map.of(
      "string", Set.of("maxLength", "minLength", "pattern", "format"),
      "array", Set.of("items", "additionalItems", "maxItems", "minItems", "uniqueItems", "contains"),
      "object", Set.of("properties", "patternProperties", "additionalProperties", "required", "maxProperties",
          "minProperties", "propertyNames", "dependencies"),
      "number", Set.of("multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum"));

  /**
   * The rules of Ajv's strict mode ({@code new Ajv({strict: true})}), checked here so that the build needs no
   * Node.js: only draft-07 keywords (strictSchema); no union types, and every type-specific keyword next to its
   * type, in the same schema or, for an applicator branch such as oneOf, its parent (strictTypes); every required
   * property defined in the same schema's properties (strictRequired). The README (Building the plugin) says how
   * to run Ajv itself.
   */
  @Test
  void theSchemaKeepsTheRulesOfAjvStrictMode() throws IOException {
    List<String> offences = new ArrayList<>();
    strictMode(schemaTree(), "#", null, offences);

    assertEquals(List.of(), offences, "the schema breaks Ajv's strict mode");
  }

  /** The strict mode rules, hand-checked against a broken schema below. */
  @Test
  void theStrictModeCheckFindsWhatAjvRefuses() throws IOException {
    JsonNode broken = JsonMapper.builder().build().readTree("{\"type\": \"object\", \"properties\": {"
        + "\"a\": {\"type\": [\"string\", \"number\"]}, \"b\": {\"maxLength\": 3}, \"c\": {\"enumm\": [1]}},"
        + " \"oneOf\": [{\"required\": [\"a\"]}]}");
    List<String> offences = new ArrayList<>();
    strictMode(broken, "#", null, offences);

    assertEquals(List.of("#/properties/a: union type [\"string\",\"number\"] (use anyOf)",
        "#/properties/b: maxLength without type string",
        "#/properties/c: unknown keyword enumm",
        "#/oneOf/0: required property a is not defined in this schema's properties"), offences);
  }

  private static void strictMode(JsonNode schema, String path, String parentType, List<String> offences) {
    if (schema.isBoolean()) {
      return;
    }
    String type = parentType;
    if (schema.has("type")) {
      if (schema.get("type").isArray()) {
        offences.add(path + ": union type " + schema.get("type") + " (use anyOf)");
      } else {
        type = schema.get("type").asString();
      }
    }
    for (String keyword : schema.propertyNames()) {
      if (!DRAFT_07_KEYWORDS.contains(keyword)) {
        offences.add(path + ": unknown keyword " + keyword);
      }
      for (Map.Entry<String, Set<String>> specific : TYPE_SPECIFIC.entrySet()) {
        boolean declared = specific.getKey().equals(type)
            || specific.getKey().equals("number") && "integer".equals(type);
        if (specific.getValue().contains(keyword) && !declared) {
          offences.add(path + ": " + keyword + " without type " + specific.getKey());
        }
      }
    }
    if (schema.has("required")) {
      for (JsonNode name : schema.get("required")) {
        if (!schema.path("properties").has(name.asString())) {
          offences.add(path + ": required property " + name.asString() + " is not defined in this schema's"
              + " properties");
        }
      }
    }
    // Subschemas of other values: a new data location, whose type is its own.
    for (String mapKeyword : List.of("properties", "definitions", "patternProperties", "dependencies")) {
      for (Map.Entry<String, JsonNode> child : schema.path(mapKeyword).properties()) {
        if (child.getValue().isObject() || child.getValue().isBoolean()) {
          strictMode(child.getValue(), path + "/" + mapKeyword + "/" + child.getKey(), null, offences);
        }
      }
    }
    for (String keyword : List.of("additionalProperties", "propertyNames", "additionalItems", "contains")) {
      if (schema.path(keyword).isObject()) {
        strictMode(schema.get(keyword), path + "/" + keyword, null, offences);
      }
    }
    JsonNode items = schema.path("items");
    if (items.isObject()) {
      strictMode(items, path + "/items", null, offences);
    } else if (items.isArray()) {
      for (int i = 0; i < items.size(); i++) {
        strictMode(items.get(i), path + "/items/" + i, null, offences);
      }
    }
    // Applicators on the same value: they see this schema's type.
    for (String keyword : List.of("allOf", "anyOf", "oneOf")) {
      for (int i = 0; i < schema.path(keyword).size(); i++) {
        strictMode(schema.get(keyword).get(i), path + "/" + keyword + "/" + i, type, offences);
      }
    }
    for (String keyword : List.of("not", "if", "then", "else")) {
      if (schema.path(keyword).isObject()) {
        strictMode(schema.get(keyword), path + "/" + keyword, type, offences);
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
  void theStarterPointsEditorsAtTheSchemaOfThisVersion() throws IOException {
    String starter = new String(Starter.content(), StandardCharsets.UTF_8);
    Matcher modeline = MODELINE.matcher(starter);

    assertTrue(modeline.find(), "the starter's first line names the schema for yaml-language-server");
    // A release names its own tag (v1.0.0), a SNAPSHOT the main branch: never a schema of another version.
    assertEquals(ProjectPaths.schemaUrl(), modeline.group(1));
    assertTrue(modeline.group(1).contains(ProjectPaths.projectVersion().endsWith("-SNAPSHOT") ? "/main/"
        : "/v" + ProjectPaths.projectVersion() + "/"), modeline.group(1));
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
