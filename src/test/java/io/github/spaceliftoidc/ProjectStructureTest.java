package io.github.spaceliftoidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Conventions of the code base, enforced by a test rather than by review: documented packages, a core that knows
 * nothing of Maven, and immutable records for the model and the plan.
 */
class ProjectStructureTest {

  private static final Path MAIN = ProjectPaths.root().resolve("src/main/java");
  private static final Path CORE = MAIN.resolve("io/github/spaceliftoidc/core");
  private static final List<String> BUILD_TOOL_PACKAGES = List.of("org.apache.maven", "org.codehaus.plexus",
      "org.sonatype");

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
