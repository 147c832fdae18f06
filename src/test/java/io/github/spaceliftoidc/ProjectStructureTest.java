package io.github.spaceliftoidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Conventions of the code base, enforced by a test rather than by review: documented packages, a core whose layers
 * depend one way only and that knows nothing of Maven, not even its words, and immutable records for the model and
 * the plan.
 */
class ProjectStructureTest {

  private static final String ROOT = "io.github.spaceliftoidc";
  private static final Path MAIN = ProjectPaths.root().resolve("src/main/java");
  private static final Path CORE = MAIN.resolve("io/github/spaceliftoidc/core");
  private static final Path CLASSES = ProjectPaths.root().resolve("target/classes");
  private static final List<String> BUILD_TOOL_PACKAGES = List.of("org.apache.maven", "org.codehaus.plexus",
      "org.sonatype");

  /**
   * The layers of the core, lowest first, as the core's package-info describes them: a package may depend on the
   * packages of lower layers only, so two packages of one layer know nothing of each other. The core's own package
   * runs the others; the Maven goals sit above everything. A new package must be placed here.
   */
  private static final List<List<String>> CORE_LAYERS = List.of(
      List.of("problem", "concurrent"),
      List.of("yaml", "write", "token"),
      List.of("model"),
      List.of("config", "trust"),
      List.of("plan"),
      List.of("render", "explain", "review"));
  /** The YAML binder is the pipeline's entry: it hands the model to the core, and nothing else needs to know it. */
  private static final String CORE_ONLY = "config";

  private static JavaClasses mainClasses() {
    return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPath(CLASSES);
  }

  @Test
  void noPackagesDependOnEachOtherInACycle() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(mainClasses());
  }

  @Test
  void theCoreLayersDependOnlyOnLowerLayers() {
    architecture().check(mainClasses());
  }

  /**
   * The same order for the imports of the sources: the compiler inlines constants, so a class used only for one of
   * them (a header line, a limit) leaves no trace in the class files that the architecture test reads.
   */
  @Test
  void noCoreSourceImportsFromAHigherLayer() {
    Map<String, Integer> layerOf = new HashMap<>();
    for (int i = 0; i < CORE_LAYERS.size(); i++) {
      for (String pkg : CORE_LAYERS.get(i)) {
        layerOf.put(pkg, i);
      }
    }
    layerOf.put("", CORE_LAYERS.size()); // the core's own package, on top
    Pattern coreImport = Pattern.compile(
        "^import (?:static )?" + Pattern.quote(ROOT) + "\\.core((?:\\.[a-z]+)?)\\.[A-Z]", Pattern.MULTILINE);
    List<String> offenders = new ArrayList<>();
    for (Path source : javaFiles(CORE)) {
      String own = CORE.relativize(source.getParent()).toString().replace('\\', '/');
      Matcher matcher = coreImport.matcher(read(source));
      while (matcher.find()) {
        String imported = matcher.group(1).isEmpty() ? "" : matcher.group(1).substring(1);
        boolean allowed = imported.equals(own) || layerOf.get(imported) < layerOf.get(own)
            && (!imported.equals(CORE_ONLY) || own.isEmpty());
        if (!allowed) {
          offenders.add(MAIN.relativize(source) + " imports from " + (imported.isEmpty() ? "core" : imported));
        }
      }
    }
    assertEquals(List.of(), offenders, "imports against the order of CORE_LAYERS");
  }

  /** One ArchUnit layer per package; each may access the packages of the lower layers. */
  static LayeredArchitecture architecture() {
    LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .ensureAllClassesAreContainedInArchitecture();
    List<String> below = new ArrayList<>();
    List<List<String>> specifications = new ArrayList<>();
    for (List<String> layer : CORE_LAYERS) {
      for (String pkg : layer) {
        architecture = architecture.layer(pkg).definedBy(ROOT + ".core." + pkg + "..");
        specifications.add(concat(List.of(pkg), below));
      }
      below = concat(below, layer);
    }
    architecture = architecture.layer("core").definedBy(ROOT + ".core").layer("maven").definedBy(ROOT + ".maven..");
    specifications.add(concat(List.of("core"), below));
    for (List<String> specification : specifications) {
      String layer = specification.get(0);
      List<String> allowed = specification.subList(1, specification.size());
      architecture = allowed.isEmpty() ? architecture.whereLayer(layer).mayNotAccessAnyLayer()
          : architecture.whereLayer(layer).mayOnlyAccessLayers(allowed.toArray(String[]::new));
    }
    return architecture.whereLayer(CORE_ONLY).mayOnlyBeAccessedByLayers("core")
        .whereLayer("maven").mayNotBeAccessedByAnyLayer();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  @Test
  void everyPackageHasAPackageInfoWithAOneLineJavadoc() {
    List<String> offenders = new ArrayList<>();
    List<Path> packages = directoriesWithJava(MAIN);
    for (Path directory : packages) {
      Path info = directory.resolve("package-info.java");
      String expectedPackage = MAIN.relativize(directory).toString().replace('/', '.').replace('\\', '.');
      if (!Files.exists(info)) {
        offenders.add(expectedPackage + ": no package-info.java");
        continue;
      }
      if (expectedPackage.equals(ROOT + ".core")) {
        continue; // the core's own has a paragraph on the layers; see theCorePackageInfoStatesTheOrderOfTheLayers
      }
      List<String> lines = read(info).lines().filter(line -> !line.isBlank()).toList();
      boolean oneLineJavadoc = lines.size() == 2 && lines.get(0).matches("/\\*\\* \\S.*\\S \\*/")
          && lines.get(0).length() <= 120;
      if (!oneLineJavadoc || !lines.get(1).equals("package " + expectedPackage + ";")) {
        offenders.add(expectedPackage + ": package-info.java should be a one-line /** Javadoc */ and the package line");
      }
    }
    assertTrue(packages.size() >= 10, "the scan found the packages: " + packages);
    assertEquals(List.of(), offenders);
  }

  @Test
  void eachCorePackageInfoNamesItsLayer() {
    List<String> offenders = new ArrayList<>();
    for (int i = 0; i < CORE_LAYERS.size(); i++) {
      for (String pkg : CORE_LAYERS.get(i)) {
        String info = read(CORE.resolve(pkg).resolve("package-info.java"));
        if (!info.startsWith("/** Layer " + (i + 1) + " of the core")) {
          offenders.add(pkg + ": its package-info should start with \"/** Layer " + (i + 1) + " of the core\"");
        }
      }
    }
    assertEquals(List.of(), offenders);
  }

  @Test
  void theCorePackageInfoStatesTheOrderOfTheLayers() {
    String info = read(CORE.resolve("package-info.java")).replaceAll("\\s*\\*\\s*", " ");
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < CORE_LAYERS.size(); i++) {
      order.append(order.isEmpty() ? "" : ", ").append(i + 1).append(' ').append(CORE_LAYERS.get(i).stream()
          .map(pkg -> "\\{@code " + pkg + "}").collect(Collectors.joining(" and "))).append(" \\([^)]*\\)");
    }
    assertTrue(Pattern.compile(order.toString()).matcher(info).find(), "the paragraph lists the layers in the order"
        + " of CORE_LAYERS, as \"1 {@code a} and {@code b} (what they are), 2 {@code c} (...)\":\n" + info);
  }

  @Test
  void theCoreImportsNothingFromMavenOrPlexus() {
    List<String> offenders = new ArrayList<>();
    Pattern reference = Pattern.compile("\\b(" + String.join("|", BUILD_TOOL_PACKAGES.stream()
        .map(Pattern::quote).toList()) + ")\\.");
    for (Path source : javaFiles(CORE)) {
      Matcher matcher = reference.matcher(withoutComments(read(source)));
      while (matcher.find()) {
        offenders.add(MAIN.relativize(source) + " uses " + matcher.group(1));
      }
      if (read(source).contains("io.github.spaceliftoidc.maven")) {
        offenders.add(MAIN.relativize(source) + " depends on the maven package");
      }
    }
    assertEquals(List.of(), offenders);
  }

  @Test
  void theCompiledCoreReferencesNoMavenOrPlexusClass() {
    // Catches what a source scan could miss, such as a fully qualified name in a string built for reflection.
    Path classes = ProjectPaths.root().resolve("target/classes/io/github/spaceliftoidc");
    List<String> offenders = buildToolReferences(classes.resolve("core"));
    assertEquals(List.of(), offenders);
    assertTrue(!buildToolReferences(classes.resolve("maven")).isEmpty(), "the scan does see the mojos' references");
  }

  private static List<String> buildToolReferences(Path classes) {
    List<String> references = new ArrayList<>();
    List<Path> classFiles;
    try (Stream<Path> walk = Files.walk(classes)) {
      classFiles = walk.filter(path -> path.toString().endsWith(".class")).toList();
      for (Path classFile : classFiles) {
        String constants = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
        for (String pkg : BUILD_TOOL_PACKAGES) {
          if (constants.contains(pkg.replace('.', '/'))) {
            references.add(classes.relativize(classFile) + " references " + pkg);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTrue(!classFiles.isEmpty(), "no compiled classes under " + classes);
    return references;
  }

  /**
   * The core's words are neutral: no string constant of its classes names a Maven goal, command, {@code -D} property
   * or parameter; the fixes that need one ask the tool's {@code Hints}. The parameters are those of the plugin
   * descriptor whose names cannot be ordinary words (a camel-case name: {@code skip}, {@code stacks} or
   * {@code subject} also read as English and YAML keys); every parameter counts as part of a property name.
   */
  @Test
  void theCoreNamesNoMavenGoalPropertyOrParameter() throws Exception {
    Set<String> parameters = pluginParameters();
    assertTrue(parameters.containsAll(List.of("configFile", "maxTrustPolicySize", "explainFile", "skip")),
        "the descriptor's parameters: " + parameters);
    List<Pattern> forbidden = new ArrayList<>(List.of(Pattern.compile("mvn "),
        Pattern.compile(Pattern.quote("spacelift-oidc:")), Pattern.compile(Pattern.quote("-Dspacelift-oidc"))));
    for (String parameter : parameters) {
      forbidden.add(Pattern.compile(Pattern.quote("spacelift-oidc." + parameter) + "\\b"));
      if (!parameter.equals(parameter.toLowerCase(java.util.Locale.ROOT))) {
        forbidden.add(Pattern.compile("\\b" + Pattern.quote(parameter) + "\\b"));
      }
    }
    List<String> offenders = mavenWords(CLASSES.resolve("io/github/spaceliftoidc/core"), forbidden);
    assertEquals(List.of(), offenders, "core strings that name Maven; word them neutrally, or take the name from"
        + " Hints");
    assertTrue(mavenWords(CLASSES.resolve("io/github/spaceliftoidc/maven"), forbidden).stream()
        .anyMatch(offender -> offender.contains("MavenHints")), "the scan does see the Maven words of MavenHints");
  }

  private static List<String> mavenWords(Path classes, List<Pattern> forbidden) throws Exception {
    List<String> offenders = new ArrayList<>();
    List<Path> classFiles;
    try (Stream<Path> walk = Files.walk(classes)) {
      classFiles = walk.filter(path -> path.toString().endsWith(".class")).sorted().toList();
    }
    assertTrue(classFiles.size() >= 10, "no compiled classes under " + classes);
    for (Path classFile : classFiles) {
      String className = CLASSES.relativize(classFile).toString().replace('\\', '/').replace('/', '.')
          .replaceAll("\\.class$", "");
      Set<String> constants = stringConstants(Files.readAllBytes(classFile));
      constants.remove(recordComponentNames(className)); // a record's toString names its components
      for (String constant : constants) {
        for (Pattern pattern : forbidden) {
          if (pattern.matcher(constant).find()) {
            offenders.add(className + ": \"" + constant + "\" (" + pattern + ")");
          }
        }
      }
    }
    return offenders;
  }

  /** The parameter names of every goal in the plugin descriptor. */
  private static Set<String> pluginParameters() throws Exception {
    Set<String> names = new LinkedHashSet<>();
    try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/maven/plugin.xml"))) {
      NodeList parameters = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
          .getElementsByTagName("parameter");
      for (int i = 0; i < parameters.getLength(); i++) {
        names.add(((Element) parameters.item(i)).getElementsByTagName("name").item(0).getTextContent());
      }
    }
    return names;
  }

  /** "a;b;c", the string that a record's generated methods get, or null for a class that is no record. */
  private static String recordComponentNames(String className) throws ClassNotFoundException {
    RecordComponent[] components = Class.forName(className, false, ProjectStructureTest.class.getClassLoader())
        .getRecordComponents();
    return components == null ? null
        : Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.joining(";"));
  }

  /**
   * The string constants of a class file (its {@code CONSTANT_String} entries): every literal of the source, after
   * the compiler joined the constant parts of a concatenation, including the recipes of {@code invokedynamic} ones.
   */
  static Set<String> stringConstants(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    List<Integer> strings = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 8 -> strings.add(in.readUnsignedShort());
        case 7, 16, 19, 20 -> in.readUnsignedShort();
        case 15 -> in.skipBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++; // takes two entries
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    return strings.stream().map(index -> utf8[index]).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  @Test
  void theModelAndThePlanAreImmutableRecords() throws ClassNotFoundException {
    List<String> offenders = new ArrayList<>();
    int records = 0;
    for (Path source : javaFiles(CORE.resolve("model"))) {
      Class<?> type = classOf(source);
      if (type != null && !(type.isRecord() || type.isEnum() || type.isInterface())) {
        offenders.add(type.getName() + " is a class; the model is records (and enums)");
      }
      records += type != null && type.isRecord() ? 1 : 0;
    }
    for (Path source : javaFiles(CORE.resolve("plan"))) {
      Class<?> type = classOf(source);
      if (type != null && type.getSimpleName().endsWith("Plan") && !type.isRecord()) {
        offenders.add(type.getName() + " is a class; plans are records");
      }
    }
    assertTrue(records >= 10, "the scan found the model records: " + records);
    assertEquals(List.of(), offenders);
  }

  private static Class<?> classOf(Path source) throws ClassNotFoundException {
    String name = source.getFileName().toString().replace(".java", "");
    if (name.equals("package-info")) {
      return null;
    }
    String pkg = MAIN.relativize(source.getParent()).toString().replace('/', '.').replace('\\', '.');
    return Class.forName(pkg + "." + name);
  }

  private static String withoutComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
  }

  private static List<Path> directoriesWithJava(Path root) {
    return javaFiles(root).stream().map(Path::getParent).distinct().sorted().toList();
  }

  private static List<Path> javaFiles(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(path -> path.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
