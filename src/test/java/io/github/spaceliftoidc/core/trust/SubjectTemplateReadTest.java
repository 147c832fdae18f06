package io.github.spaceliftoidc.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading a {@code sub} claim, or a pattern rendered through a template, back into its placeholders' values. */
class SubjectTemplateReadTest {

  private static final String P = "production-01HND497T9JKR76MR3KA2CDJHP";

  @Test
  void readsEachPlaceholderOfAConcreteSubInTemplateOrder() {
    Map<String, String> values = SubjectTemplate.defaultTemplate()
        .read("space:" + P + ":stack:infra-01:run_type:TRACKED:scope:write").orElseThrow();

    assertEquals(List.of("spaceId", "callerType", "callerId", "runType", "scope"), List.copyOf(values.keySet()));
    assertEquals(List.of(P, "stack", "infra-01", "TRACKED", "write"), List.copyOf(values.values()));
  }

  @Test
  void readsBackWhatRenderWrote() {
    SubjectTemplate template = SubjectTemplate.parse(
        "space:{spaceId}:space_path:{spacePath}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}");
    Map<String, String> given = new LinkedHashMap<>();
    given.put(SubjectTemplate.SPACE_PATH, "/root/production/*");
    given.put(SubjectTemplate.CALLER_TYPE, "stack");
    given.put(SubjectTemplate.RUN_TYPE, "PROPOSED");

    Map<String, String> read = template.read(template.render(given)).orElseThrow();

    assertEquals(Map.of("spaceId", "*", "spacePath", "/root/production/*", "callerType", "stack", "callerId", "*",
        "runType", "PROPOSED", "scope", "*"), read);
  }

  @Test
  void aPrefixPatternStaysInItsPlace() {
    assertEquals(Optional.of("production-*"), SubjectTemplate.defaultTemplate()
        .read("space:production-*:stack:*:run_type:*:scope:*").map(values -> values.get("spaceId")));
  }

  @Test
  void aSubOfAnotherShapeIsNotRead() {
    SubjectTemplate template = SubjectTemplate.defaultTemplate();

    assertEquals(Optional.empty(), template.read("/root/production|stack:infra|TRACKED|write"));
    assertEquals(Optional.empty(), template.read("space:" + P + ":stack:infra:run_type:TRACKED"));
  }

  @Test
  void aRepeatedPlaceholderMustHoldOneValue() {
    SubjectTemplate template = SubjectTemplate.parse("{callerId}:{callerType}:{callerId}");

    assertEquals(Optional.of(Map.of("callerId", "a", "callerType", "stack")), template.read("a:stack:a"));
    assertEquals(Optional.empty(), template.read("a:stack:b"));
  }
}
