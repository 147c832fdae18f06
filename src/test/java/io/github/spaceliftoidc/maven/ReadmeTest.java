package io.github.spaceliftoidc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.config.Keys;
import io.github.spaceliftoidc.core.explain.Explainer;
import io.github.spaceliftoidc.core.plan.AccountPlan;
import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.plan.ModulePlan;
import io.github.spaceliftoidc.core.plan.RolePlan;
import io.github.spaceliftoidc.core.plan.StackPlan;
import io.github.spaceliftoidc.core.plan.StatePolicyPlan;
import io.github.spaceliftoidc.core.problem.InvalidConfigurationException;
import io.github.spaceliftoidc.core.trust.Grant;
import io.github.spaceliftoidc.core.trust.TrustPolicy;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The README stays true to the code: its first two commands are the ones the briefing promises (the second is what CI
 * runs), its YAML reference lists exactly the keys of {@link Keys}, its parameter table matches the plugin descriptor,
 * its excerpts are copied from the committed example output, its {@code explain} output is what the goal prints, and
 * its data model names every component of the records the templates see.
 */
class ReadmeTest {

  private static final Path README = ProjectPaths.root().resolve("README.md");
  private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);

  private static String readme() throws IOException {
    return Files.readString(README, StandardCharsets.UTF_8);
  }

  /** The text of the {@code ## heading} section, up to the next {@code ## } heading. */
  private static String section(String heading) throws IOException {
    String text = readme();
    int start = text.indexOf("\n## " + heading + "\n");
    assertTrue(start >= 0, "README lacks the section '## " + heading + "'");
    int end = text.indexOf("\n## ", start + 4);
    return text.substring(start, end < 0 ? text.length() : end);
  }

  /** The rows of the Markdown tables in {@code text}, cells trimmed, without header and separator rows. */
  private static List<List<String>> rows(String text) {
    List<List<String>> rows = new ArrayList<>();
    for (String line : text.lines().toList()) {
      if (line.startsWith("| ") && !line.startsWith("| ---") && !line.matches("\\| (key|parameter|goal|template"
          + "|variable) \\|.*")) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.substring(1, line.length() - 1).split(" \\| ", -1)) {
          cells.add(cell.strip());
        }
        rows.add(cells);
      }
    }
    return rows;
  }

  @Test
  void theFirstTwoShellBlocksAreTheFreshMachineCommandsAndTheSecondIsWhatCiRuns() throws IOException {
    List<String> shellBlocks = new ArrayList<>();
    Matcher fence = FENCE.matcher(readme());
    while (fence.find()) {
      if (fence.group(1).equals("shell")) {
        shellBlocks.add(fence.group(2).strip());
      }
    }
    assertEquals("./mvnw -B -ntp install -DskipTests -Dinvoker.skip=true"
        + " && ./mvnw -B -ntp -f examples/quickstart/pom.xml spacelift-oidc:generate"
        + " -Dspacelift-oidc.outputDirectory=target/try-it", shellBlocks.get(0));
    assertEquals("./mvnw -B verify", shellBlocks.get(1));
    List<String> ciCommands = Files.readAllLines(ProjectPaths.root().resolve(".ci/run")).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("set ")
            && !line.startsWith("cd "))
        .toList();
    assertEquals(shellBlocks.get(1), ciCommands.get(0), "CI runs the README's test command first");
    for (String step : ciCommands.subList(1, ciCommands.size())) {
      Matcher script = Pattern.compile("bash (\\.ci/[\\w-]+)").matcher(step);
      assertTrue(script.matches(), "CI's other steps are scripts under .ci/: " + step);
      assertTrue(Files.isRegularFile(ProjectPaths.root().resolve(script.group(1))), step);
      assertTrue(section("Building the plugin").contains("`" + script.group(1) + "`"),
          "the README's Building the plugin names CI's step " + script.group(1));
    }
  }

  @Test
  void theFirstCommandEndsWithTheFilesItWroteAsTheReadmeShowsThem(@TempDir Path directory) throws Exception {
    Matcher output = Pattern.compile("<!-- output: try-it (\\S+) -->\\n```text\\n(.*?)```", Pattern.DOTALL)
        .matcher(readme());
    assertTrue(output.find(), "the README shows what the first command logs");
    Path example = directory.resolve("quickstart");
    Files.createDirectories(example);
    Files.copy(ProjectPaths.root().resolve(output.group(1)).resolve("spacelift-oidc.yaml"),
        example.resolve("spacelift-oidc.yaml"));
    GenerateMojo mojo = new GenerateMojo();
    mojo.configFile = example.resolve("spacelift-oidc.yaml").toFile();
    mojo.baseDirectory = example.toFile();
    mojo.outputDirectory = example.resolve("target/try-it").toFile(); // -Dspacelift-oidc.outputDirectory=target/try-it
    mojo.workDirectory = example.resolve("target/spacelift-oidc").toFile();
    mojo.maxTrustPolicySize = 2048;
    List<String> logged = new ArrayList<>();
    mojo.setLog(new org.apache.maven.plugin.logging.SystemStreamLog() {
      @Override
      public void info(CharSequence content) {
        logged.add("[INFO] " + content);
      }
    });

    mojo.execute();

    assertEquals(output.group(2).lines().toList(), logged);
    List<String> created = logged.stream().filter(line -> line.startsWith("[INFO] Created ")).toList();
    assertEquals(3, created.size(), "the quickstart's three files: " + logged);
    for (String line : created) {
      assertTrue(Files.isRegularFile(example.resolve(line.substring("[INFO] Created ".length()))), line);
    }
  }

  @Test
  void theExplainSubjectOutputIsWhatTheGoalPrints() throws IOException {
    Matcher output = Pattern.compile("<!-- output: explain-subject (\\S+) (\\S+) -->\\n```text\\n(.*?)```",
        Pattern.DOTALL).matcher(readme());
    assertTrue(output.find(), "the README shows explain's answer for a subject");
    GenerationPlan plan = new SpaceliftOidc().load(GenerationRequest.of(
        ProjectPaths.root().resolve(output.group(1)).resolve("spacelift-oidc.yaml"))).plan();

    List<String> printed = Explainer.subjectReport(plan, output.group(2), null).stream()
        .map(line -> ("[INFO] " + line).stripTrailing()).toList();

    assertEquals(printed, output.group(3).lines().toList());
    assertTrue(readme().contains("spacelift-oidc:explain -Dspacelift-oidc.subject=" + output.group(2) + "`"),
        "the README's command asks about the same subject");
  }

  @Test
  void everyErrorItQuotesFromTheCorpusIsWhatThePluginSays(@TempDir Path directory) throws IOException {
    Matcher output = Pattern.compile("<!-- output: error (\\S+) -->\\n```text\\n(.*?)```", Pattern.DOTALL)
        .matcher(readme());
    int count = 0;
    while (output.find()) {
      Path file = directory.resolve("spacelift-oidc.yaml");
      Files.copy(ProjectPaths.root().resolve(output.group(1)), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      InvalidConfigurationException failure = org.junit.jupiter.api.Assertions.assertThrows(
          InvalidConfigurationException.class, () -> new SpaceliftOidc().load(GenerationRequest.of(file)));
      List<String> said = failure.problems().stream().map(problem -> "[ERROR] " + problem).toList();
      assertEquals(said, output.group(2).lines().toList(), output.group(1));
      count++;
    }
    assertTrue(count >= 1, "the README quotes an error of the corpus");
  }

  @Test
  void theOwnBuildPomIsTheOneTheIntegrationTestBuilds() throws IOException {
    Matcher block = Pattern.compile("<!-- pom: (\\S+) -->\\n```xml\\n(.*?)```", Pattern.DOTALL).matcher(readme());
    assertTrue(block.find(), "the README shows a whole pom for your own build");
    String tested = Files.readString(ProjectPaths.root().resolve(block.group(1)), StandardCharsets.UTF_8)
        .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "")
        .replace("@project.version@", ProjectPaths.projectVersion());

    assertEquals(tested, block.group(2), "the README's pom versus " + block.group(1) + " (which it/own-build runs)");
    assertTrue(Files.isRegularFile(ProjectPaths.root().resolve(block.group(1)).resolveSibling(".mvn/maven.config")),
        "the tested project has the .mvn/ the README asks for");
  }

  @Test
  void theYamlReferenceListsExactlyTheKeysOfTheModelInItsOrder() throws IOException {
    String reference = section("The YAML reference");
    // One table per kind of object, in the order of Keys.all(); the schema section that follows has no table.
    List<List<String>> tables = new ArrayList<>();
    for (String block : reference.split("\n### ")) {
      List<String> keys = rows(block).stream().map(row -> row.get(0).replace("`", "")).toList();
      if (!keys.isEmpty()) {
        tables.add(keys);
      }
    }
    assertEquals(List.copyOf(Keys.all().values()), tables, "the reference tables versus core.config.Keys");
  }

  @Test
  void theParameterTableMatchesThePluginDescriptor() throws Exception {
    Map<String, List<String>> expected = new TreeMap<>();
    Document descriptor;
    try (InputStream in = ReadmeTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
      assertNotNull(in, "the plugin descriptor is on the test class path");
      descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
    NodeList mojos = descriptor.getElementsByTagName("mojo");
    List<String> goalOrder = List.of("generate", "check", "explain", "init");
    Map<String, List<String>> goalsOf = new LinkedHashMap<>();
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      String goal = child(mojo, "goal").getTextContent();
      if (goal.equals("help")) {
        continue;
      }
      Element configuration = child(mojo, "configuration");
      NodeList parameters = child(mojo, "parameters").getElementsByTagName("parameter");
      for (int j = 0; j < parameters.getLength(); j++) {
        Element parameter = (Element) parameters.item(j);
        if (!child(parameter, "editable").getTextContent().equals("true")) {
          continue;
        }
        String name = child(parameter, "name").getTextContent();
        Element value = child(configuration, name);
        String property = value.getTextContent().replaceAll("^\\$\\{(.*)}$", "$1");
        String defaultValue = value.getAttribute("default-value");
        expected.put(name, List.of("`" + name + "`", "`" + property + "`", defaultValue));
        goalsOf.computeIfAbsent(name, n -> new ArrayList<>()).add(goal);
      }
    }
    Map<String, List<String>> documented = new TreeMap<>();
    for (List<String> row : rows(section("Goals and parameters"))) {
      if (row.size() == 5) {
        documented.put(row.get(0).replace("`", ""), row);
      }
    }
    assertEquals(expected.keySet(), documented.keySet(), "parameters in the README versus the plugin descriptor");
    for (Map.Entry<String, List<String>> parameter : expected.entrySet()) {
      List<String> row = documented.get(parameter.getKey());
      assertEquals(parameter.getValue().get(0), row.get(0));
      assertEquals(parameter.getValue().get(1), row.get(1), "user property of " + parameter.getKey());
      String defaultValue = parameter.getValue().get(2);
      if (defaultValue.isEmpty()) {
        assertTrue(row.get(2).startsWith("none"), "no default for " + parameter.getKey() + ": " + row.get(2));
      } else {
        assertEquals("`" + defaultValue + "`", row.get(2), "default of " + parameter.getKey());
      }
      List<String> goals = goalsOf.get(parameter.getKey()).stream()
          .sorted(java.util.Comparator.comparingInt(goalOrder::indexOf)).toList();
      assertEquals(String.join(", ", goals), row.get(3), "goals of " + parameter.getKey());
    }
  }

  private static Element child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element;
      }
    }
    throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
  }

  @Test
  void everyGoalHasARowInTheGoalTable() throws IOException {
    List<String> goals = rows(section("Goals and parameters")).stream().filter(row -> row.size() == 3)
        .map(row -> row.get(0)).toList();

    assertEquals(List.of("`spacelift-oidc:generate`", "`spacelift-oidc:check`", "`spacelift-oidc:explain`",
        "`spacelift-oidc:init`", "`spacelift-oidc:help`"), goals);
  }

  @Test
  void everyExcerptIsCopiedFromTheCommittedExampleOutput() throws IOException {
    Matcher excerpt = Pattern.compile("<!-- excerpt: (\\S+) -->\\n```hcl\\n(.*?)```", Pattern.DOTALL)
        .matcher(readme());
    int count = 0;
    while (excerpt.find()) {
      String file = Files.readString(ProjectPaths.root().resolve(excerpt.group(1)), StandardCharsets.UTF_8);
      assertTrue(file.contains(excerpt.group(2)), "the README's excerpt of " + excerpt.group(1)
          + " is not in that file any more; copy it again");
      count++;
    }
    assertTrue(count >= 2, "the README shows real output");
  }

  @Test
  void theExplainOutputIsWhatTheGoalPrintsForTheQuickstart() throws IOException {
    Matcher output = Pattern.compile("<!-- output: explain (\\S+) -->\\n```text\\n(.*?)```", Pattern.DOTALL)
        .matcher(readme());
    assertTrue(output.find(), "the README shows explain's output");
    GenerationPlan plan = new SpaceliftOidc().load(GenerationRequest.of(
        ProjectPaths.root().resolve(output.group(1)).resolve("spacelift-oidc.yaml"))).plan();

    List<String> printed = Explainer.report(plan).stream().map(line -> ("[INFO] " + line).stripTrailing()).toList();

    assertEquals(printed, output.group(2).lines().toList());
  }

  @Test
  void everyExplainExcerptIsWhatExplainPrintsForItsCase() throws IOException {
    Matcher excerpt = Pattern.compile("<!-- explain excerpt: (\\S+) -->\n```text\n(.*?)```", Pattern.DOTALL)
        .matcher(readme());
    int count = 0;
    while (excerpt.find()) {
      GenerationPlan plan = new SpaceliftOidc().load(GenerationRequest.of(
          ProjectPaths.root().resolve(excerpt.group(1)).resolve("spacelift-oidc.yaml"))).plan();
      String report = String.join("\n", Explainer.report(plan));
      assertTrue(report.contains(excerpt.group(2).stripTrailing()), "the README's explain excerpt of "
          + excerpt.group(1) + " is not what explain prints any more; copy it again from:\n" + report);
      count++;
    }
    assertTrue(count >= 1, "the README shows explain's words for prefixes");
  }

  @Test
  void theDataModelNamesEveryComponentOfTheRecordsTheTemplatesSee() throws IOException {
    String model = section("Templates and their data model");
    List<Class<?>> records = List.of(GenerationPlan.class, GenerationPlan.SpaceliftPlan.class,
        GenerationPlan.TerraformPlan.class, AccountPlan.class, RolePlan.class, RolePlan.Tag.class,
        RolePlan.InlinePolicyPlan.class, TrustPolicy.class, Grant.class, StackPlan.class,
        StackPlan.BackendPlan.class, StackPlan.AliasPlan.class, ModulePlan.class, StackPlan.PlanRolePlan.class,
        StatePolicyPlan.class, StatePolicyPlan.Statement.class, StatePolicyPlan.Condition.class,
        AccountPlan.ResourcePolicyPlan.class, AccountPlan.PrincipalStatement.class);
    TreeSet<String> missing = new TreeSet<>();
    for (Class<?> type : records) {
      for (RecordComponent component : type.getRecordComponents()) {
        if (!model.contains("`" + component.getName() + "`")) {
          missing.add(type.getSimpleName() + "." + component.getName());
        }
      }
    }
    for (String variable : List.of("plan", "header", "spacelift", "terraform", "hookFile", "account", "stack")) {
      if (!model.contains("| `" + variable + "` |")) {
        missing.add("variable " + variable);
      }
    }
    assertEquals(new TreeSet<>(), missing, "the README's data model lacks these");
  }

  @Test
  void theSectionsANewcomerNeedsAreThere() throws IOException {
    for (String heading : List.of("Try it", "How it works", "The YAML reference", "Goals and parameters",
        "The generated output", "The security model", "Templates and their data model")) {
      section(heading);
    }
    assertTrue(section("The security model").contains("`allowAnySubject`"));
    assertTrue(section("Try it").contains("examples/organisation") && section("Try it").contains(
        "examples/multi-module"), "the README points at every example");
  }
}
