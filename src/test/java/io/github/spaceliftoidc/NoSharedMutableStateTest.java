package io.github.spaceliftoidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The goals are {@code threadSafe}, so the plugin's classes hold no mutable static state that executions could
 * share: every static field is final, and holds no mutable collection or array, except the few listed here with
 * the reason they are safe.
 */
class NoSharedMutableStateTest {

  /** Static fields that look mutable, and why they are safe to share. */
  private static final Map<String, String> ALLOWED = Map.of(
      "io.github.spaceliftoidc.core.write.OutputLock.IN_THIS_JVM",
      "locks per output directory in a ConcurrentHashMap: synchronisation, no data",
      "io.github.spaceliftoidc.core.write.OutputWriter.HEADER",
      "the header's bytes: private, never written to",
      "io.github.spaceliftoidc.core.render.Graphemes.STARTS",
      "a private lookup table filled once by the static initialiser and never written after",
      "io.github.spaceliftoidc.core.render.Graphemes.KINDS",
      "a private lookup table filled once by the static initialiser and never written after");

  @Test
  void everyStaticFieldIsFinalAndImmutable() throws Exception {
    Path classes = ProjectPaths.root().resolve("target/classes");
    List<String> offenders = new ArrayList<>();
    for (String className : classNames(classes)) {
      Class<?> type = Class.forName(className, false, getClass().getClassLoader());
      for (Field field : type.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        String name = className + "." + field.getName();
        if (!Modifier.isStatic(modifiers) || field.isSynthetic() || field.isEnumConstant()
            || ALLOWED.containsKey(name) || className.contains(".help.")) {
          continue;
        }
        if (!Modifier.isFinal(modifiers)) {
          offenders.add(name + " is not final");
        } else if (mayBeMutable(field)) {
          offenders.add(name + " holds a " + describe(field));
        }
      }
    }
    assertEquals(List.of(), offenders,
        "threadSafe goals must not share mutable static state; make it per execution, immutable (List.of, ...),"
            + " or add it to ALLOWED with the reason it is safe");
  }

  /** Arrays, and collections that are not the JDK's immutable ones. */
  private static boolean mayBeMutable(Field field) throws IllegalAccessException {
    if (field.getType().isArray()) {
      return true;
    }
    if (!Collection.class.isAssignableFrom(field.getType()) && !Map.class.isAssignableFrom(field.getType())) {
      return false;
    }
    field.setAccessible(true);
    Object value = field.get(null);
    return value != null && !value.getClass().getName().startsWith("java.util.ImmutableCollections$")
        && !value.getClass().getName().startsWith("java.util.Collections$Unmodifiable");
  }

  private static String describe(Field field) throws IllegalAccessException {
    if (field.getType().isArray()) {
      return "an array";
    }
    field.setAccessible(true);
    return "mutable " + field.get(null).getClass().getName();
  }

  private static List<String> classNames(Path classes) throws IOException {
    try (Stream<Path> walk = Files.walk(classes)) {
      return walk.filter(path -> path.toString().endsWith(".class"))
          .map(path -> classes.relativize(path).toString().replace('\\', '/').replace('/', '.'))
          .map(name -> name.substring(0, name.length() - ".class".length()))
          .filter(name -> !name.endsWith("package-info"))
          .sorted()
          .toList();
    }
  }

  /** Every entry of the allow-list is still needed: a static field that the rule above would otherwise report. */
  @Test
  void theAllowListNamesOnlyFieldsTheRuleWouldReport() throws Exception {
    List<String> stale = new ArrayList<>();
    for (String name : ALLOWED.keySet()) {
      int dot = name.lastIndexOf('.');
      Field field = Class.forName(name.substring(0, dot)).getDeclaredField(name.substring(dot + 1)); // throws if gone
      boolean reported = !Modifier.isFinal(field.getModifiers()) || mayBeMutable(field);
      if (!Modifier.isStatic(field.getModifiers()) || !reported) {
        stale.add(name);
      }
    }
    assertEquals(List.of(), stale, "allowed fields that are no longer shared mutable state: remove them from ALLOWED");
  }
}
