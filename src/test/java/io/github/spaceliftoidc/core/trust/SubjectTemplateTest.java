package io.github.spaceliftoidc.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.model.SpaceliftSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing, checking and rendering of Spacelift {@code sub} claim formats. */
class SubjectTemplateTest {

  @Test
  void theDefaultTemplateIsSpaceliftsDefaultFormat() {
    SubjectTemplate template = SubjectTemplate.defaultTemplate();
    assertEquals("space:{spaceId}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}", template.text());
    assertEquals(SpaceliftSettings.DEFAULT_SUBJECT_TEMPLATE, template.toString());
    assertEquals(List.of(), SubjectTemplate.problems(template.text()));
  }

  @Test
  void rendersEveryValueItIsGiven() {
    Map<String, String> values = Map.of(SubjectTemplate.SPACE_ID, "production-01HND497T9JKR76MR3KA2CDJHP",
        SubjectTemplate.CALLER_TYPE, "stack", SubjectTemplate.CALLER_ID, "infra", SubjectTemplate.RUN_TYPE,
        "TRACKED", SubjectTemplate.SCOPE, "write");
    assertEquals("space:production-01HND497T9JKR76MR3KA2CDJHP:stack:infra:run_type:TRACKED:scope:write",
        SubjectTemplate.defaultTemplate().render(values));
  }

  @Test
  void aPlaceholderWithoutValueBecomesAStar() {
    assertEquals("space:*:stack:infra:run_type:*:scope:*", SubjectTemplate.defaultTemplate().render(
        Map.of(SubjectTemplate.CALLER_TYPE, "stack", SubjectTemplate.CALLER_ID, "infra")));
    assertEquals("space:*:*:*:run_type:*:scope:*", SubjectTemplate.defaultTemplate().render(Map.of()));
  }

  @Test
  void valuesAreInsertedLiterallyEvenWhenTheyLookLikePlaceholders() {
    SubjectTemplate template = SubjectTemplate.parse("s:{spaceId}:{callerId}");
    assertEquals("s:{callerId}:x", template.render(Map.of(SubjectTemplate.SPACE_ID, "{callerId}",
        SubjectTemplate.CALLER_ID, "x")));
  }

  @Test
  void knowsWhichPlaceholdersItUses() {
    SubjectTemplate template = SubjectTemplate.parse("{spacePath}:{callerId}|{runType}");
    assertTrue(template.uses(SubjectTemplate.SPACE_PATH));
    assertTrue(template.uses(SubjectTemplate.CALLER_ID));
    assertTrue(template.uses(SubjectTemplate.RUN_TYPE));
    assertFalse(template.uses(SubjectTemplate.SPACE_ID));
    assertFalse(template.uses(SubjectTemplate.SCOPE));
    assertEquals("prod:infra|TRACKED", template.render(Map.of(SubjectTemplate.SPACE_PATH, "prod",
        SubjectTemplate.CALLER_ID, "infra", SubjectTemplate.RUN_TYPE, "TRACKED")));
  }

  @Test
  void reportsEachProblemInPlainWords() {
    assertEquals(List.of("the subject template is empty"), SubjectTemplate.problems(""));
    assertEquals(List.of("the subject template has no placeholder, so every run would get the same subject"),
        SubjectTemplate.problems("space:root"));
    List<String> unknown = SubjectTemplate.problems("space:{spaceID}:{callerId}");
    assertEquals(1, unknown.size());
    assertTrue(unknown.get(0).startsWith("unknown placeholder {spaceID} (did you mean {spaceId}?); the known ones are"
        + " {spaceId}, {spacePath}"), unknown.get(0));
    List<String> wildcard = SubjectTemplate.problems("space:*?:{callerId}");
    assertEquals(1, wildcard.size(), wildcard.toString());
    assertTrue(wildcard.get(0).contains("'*', '?' outside a placeholder"), wildcard.get(0));
    assertTrue(SubjectTemplate.problems("space: {callerId}").get(0).contains("whitespace outside a placeholder"));
    assertTrue(SubjectTemplate.problems("{callerId}" + "x".repeat(SubjectTemplate.MAX_LENGTH)).get(0)
        .contains("Spacelift allows at most 1000"));
  }

  @Test
  void reportsSeveralProblemsAtOnce() {
    assertEquals(2, SubjectTemplate.problems("a*{nope}").size());
  }

  @Test
  void parseRefusesWhatProblemsReports() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SubjectTemplate.parse("a*{x}"));
    assertTrue(e.getMessage().contains("unknown placeholder {x}"), e.getMessage());
  }

  @Test
  void everyDocumentedPlaceholderIsAccepted() {
    for (String placeholder : SubjectTemplate.PLACEHOLDERS) {
      assertEquals(List.of(), SubjectTemplate.problems("x:{" + placeholder + "}"), placeholder);
    }
  }
  @Test
  void aPrefixMayNotHoldASeparatorOfTheTemplate() {
    SubjectTemplate template = SubjectTemplate.parse("v/{spaceId}|{callerType}:{callerId}|{runType}|{scope}");
    assertEquals(java.util.Optional.empty(), template.prefixProblem("app-x"), "'-' is part of ids");
    assertEquals(java.util.Optional.empty(), template.prefixProblem("app.x"), "'.' never separates: no template has it");
    assertTrue(template.prefixProblem("app|x").orElseThrow().startsWith("'|' separates the values of subject"
        + " template"), template.prefixProblem("app|x").toString());
    assertTrue(template.prefixProblem("app:x").isPresent());
    assertTrue(template.prefixProblem("app/x").isPresent(), "'/' is in the template, and no value here holds it");
    SubjectTemplate withPath = SubjectTemplate.parse("v/{spacePath}|{callerType}:{callerId}|{runType}|{scope}");
    assertEquals(java.util.Optional.empty(), withPath.prefixProblem("app/x"),
        "'/' is in the template, but no separator where {spacePath} can hold it");
  }
}
