package io.github.spaceliftoidc.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.model.CallerType;
import io.github.spaceliftoidc.core.model.RunType;
import io.github.spaceliftoidc.core.model.Scope;
import io.github.spaceliftoidc.core.problem.Mark;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Custom {@code sub} formats (Spacelift's subject templates): validation as Spacelift documents it, rendering of
 * every placeholder, and which restrictions of a grant a template can express.
 */
class CustomSubjectTemplatesTest {

  private static final String SPACE_ID = "us-east-1-01HND497T9JKR76MR3KA2CDJHP";
  private static final String PATH = "/root/production/us-east-1";
  private static final String WITH_PATH =
      "space:{spaceId}:space_path:{spacePath}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}";
  private static final Mark MARK = new Mark("spacelift-oidc.yaml", 1, 1);
  private static final Grant.Source RULE = new Grant.Source.Rule(1, "deploy", "production");

  private static Grant stack(List<RunType> runTypes, List<Scope> scopes) {
    return new Grant(new Grant.Source.Caller(CallerType.STACK, "infra"), "prod", SPACE_ID, PATH, CallerType.STACK,
        "infra", runTypes, scopes, MARK);
  }

  // --- validation ---------------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "space:{spaceId}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}",
      WITH_PATH,
      "{spacePath}|{callerType}:{callerId}|{runType}|{scope}",
      "path:{spacePath}:type:{callerType}:caller:{callerId}:run:{runId}:scope:{scope}",
      "{callerId}",
      "A-Z_a-z-0-9:/|{scope}"})
  void spaceliftsDocumentedTemplatesAreAccepted(String template) {
    assertEquals(List.of(), SubjectTemplate.problems(template));
    assertEquals(template, SubjectTemplate.parse(template).text());
  }

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "space:{spaceid}:{callerId}            | unknown placeholder {spaceid} (did you mean {spaceId}?)",
      "space:{space}:{callerId}              | unknown placeholder {space}",
      "space:{}:{callerId}                   | unknown placeholder {}",
      "space:*:{callerId}                    | contains '*' outside a placeholder",
      "space:?:{callerId}                    | contains '?' outside a placeholder",
      "\"space: {callerId}\"                 | contains whitespace outside a placeholder",
      "space@{callerId}                      | contains '@' outside a placeholder",
      "space={callerId}                      | contains '=' outside a placeholder",
      "space.{callerId}                      | contains '.' outside a placeholder",
      "space&{callerId}#%                    | contains '#', '%' outside a placeholder",
      "space:{spaceId:{callerId}             | contains '{' outside a placeholder",
      "space:{{callerId}}                    | contains '{' outside a placeholder",
      "space:static                          | has no placeholder",
      "\"\"                                  | is empty",
  })
  void invalidTemplatesAreExplained(String template, String expected) {
    List<String> problems = SubjectTemplate.problems(template);
    assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), () -> template + ": " + problems);
    assertThrows(IllegalArgumentException.class, () -> SubjectTemplate.parse(template));
  }

  @Test
  void theUnknownPlaceholderMessageListsTheKnownOnes() {
    String problem = SubjectTemplate.problems("{stackId}").get(0);
    assertTrue(problem.endsWith("the known ones are {spaceId}, {spacePath}, {callerType}, {callerId}, {runId},"
        + " {runType}, {scope}"), problem);
  }

  @Test
  void atMostAThousandCharacters() {
    String prefix = "{callerId}:";
    String exactly = prefix + "x".repeat(SubjectTemplate.MAX_LENGTH - prefix.length());
    assertEquals(1000, exactly.length());
    assertEquals(List.of(), SubjectTemplate.problems(exactly));
    List<String> tooLong = SubjectTemplate.problems(exactly + "x");
    assertEquals(List.of("the subject template has 1001 characters; Spacelift allows at most 1000"), tooLong);
  }

  // --- rendering ----------------------------------------------------------------------------------------------------

  @Test
  void everyPlaceholderIsFilledFromTheGrantAndTheRestBecomesAStar() {
    SubjectTemplate template = SubjectTemplate.parse(
        "{spaceId}|{spacePath}|{callerType}|{callerId}|{runId}|{runType}|{scope}");

    assertEquals(List.of(SPACE_ID + "|" + PATH + "|stack|infra|*|TRACKED|write"),
        stack(List.of(RunType.TRACKED), List.of(Scope.WRITE)).patterns(template));
    assertEquals(List.of(SPACE_ID + "|" + PATH + "|stack|infra|*|*|*"), stack(List.of(), List.of()).patterns(template),
        "{runId} is never known in advance; open run types and scopes become *");
  }

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(delimiter = '>', value = {
      "{spaceId}-{callerType}-{callerId}-{runType}-{scope} > {spaceId} and {callerType} are separated only by '-'",
      "{spaceId}-{callerType}-{callerId}-{runType}-{scope} > {callerId} and {runType} are separated only by '-'",
      "space:{spaceId}:{callerId}{runId}                   > {callerId} and {runId} stand side by side",
      "{spaceId}{callerType}{callerId}:{runId}{runType}    > {spaceId} and {callerType} stand side by side",
      "{spacePath}/{callerId}|{runType}                    > {spacePath} and {callerId} are separated only by '/'",
      "{callerType}_{runType}:{scope}                      > {callerType} and {runType} are separated only by '_'",
      "{callerType}:{callerId}:{runType}x{scope}           > {runType} and {scope} are separated only by 'x'",
  })
  void separatorsThatAValueCanContainAreRefused(String template, String expected) {
    List<String> problems = SubjectTemplate.problems(template);
    assertTrue(problems.stream().anyMatch(p -> p.contains(expected) && p.endsWith("separate them with ':'")),
        () -> template + ": " + problems);
    assertThrows(IllegalArgumentException.class, () -> SubjectTemplate.parse(template));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{callerType}-{runType}|{scope}",
      "{runId}/{runType}-{scope}",
      "space:{spaceId}/{callerType}|{runType}"})
  void aSeparatorNoValueOfTheTemplateContainsIsEnough(String template) {
    assertEquals(List.of(), SubjectTemplate.problems(template));
  }

  @Test
  void theRefusedSeparatorWouldHaveLetAnotherStackIn() {
    // With '-', the open run type and scope of stack app's pattern reach into stack app-prod's id: refused.
    assertFalse(SubjectTemplate.problems("{spaceId}-{callerType}-{callerId}-{runType}-{scope}").isEmpty());
    assertTrue(StringLike.matches(SPACE_ID + "-stack-app-*-*", SPACE_ID + "-stack-app-prod-TRACKED-write"));
    // With '|', which no id contains, the same pattern stays on stack app.
    SubjectTemplate template = SubjectTemplate.parse("{spaceId}|{callerType}|{callerId}|{runType}|{scope}");
    String pattern = new Grant(new Grant.Source.Caller(CallerType.STACK, "app"), "prod", SPACE_ID, PATH,
        CallerType.STACK, "app", List.of(), List.of(), MARK).patterns(template).get(0);
    assertEquals(SPACE_ID + "|stack|app|*|*", pattern);
    assertTrue(StringLike.matches(pattern, SPACE_ID + "|stack|app|TRACKED|write"));
    assertFalse(StringLike.matches(pattern, SPACE_ID + "|stack|app-prod|TRACKED|write"));
  }

  @Test
  void separatorsAreCheckedAlsoWhenTheTemplateHasOtherProblems() {
    List<String> problems = SubjectTemplate.problems("{callerType}-{callerId}:x.y");
    assertTrue(problems.stream().anyMatch(p -> p.contains("'.'")), problems::toString);
    assertTrue(problems.stream().anyMatch(p -> p.contains("{callerType} and {callerId}")), problems::toString);
  }

  @Test
  void oneGrantGivesOnePatternPerRunTypeAndScope() {
    SubjectTemplate template = SubjectTemplate.parse(WITH_PATH);

    List<String> patterns = stack(List.of(RunType.TRACKED, RunType.PROPOSED), List.of(Scope.READ, Scope.WRITE))
        .patterns(template);

    String prefix = "space:" + SPACE_ID + ":space_path:" + PATH + ":stack:infra:run_type:";
    assertEquals(List.of(prefix + "TRACKED:scope:read", prefix + "TRACKED:scope:write",
        prefix + "PROPOSED:scope:read", prefix + "PROPOSED:scope:write"), patterns);
  }

  @Test
  void aRuleForAnySpaceLeavesTheSpaceAndItsPathOpen() {
    SubjectTemplate template = SubjectTemplate.parse(WITH_PATH);
    Grant anySpace = new Grant(RULE, null, null, null, CallerType.STACK, "infra", List.of(), List.of(), MARK);

    assertEquals(List.of("space:*:space_path:*:stack:infra:run_type:*:scope:*"), anySpace.patterns(template));
  }

  @Test
  void renderedPatternsMatchTheSubjectsSpaceliftWouldIssue() {
    SubjectTemplate template = SubjectTemplate.parse("{spacePath}|{callerType}:{callerId}|{runType}|{scope}");
    String pattern = stack(List.of(RunType.TRACKED), List.of()).patterns(template).get(0);

    assertEquals(PATH + "|stack:infra|TRACKED|*", pattern);
    assertTrue(StringLike.matches(pattern, PATH + "|stack:infra|TRACKED|write"));
    assertFalse(StringLike.matches(pattern, PATH + "|stack:infra|PROPOSED|read"));
    assertFalse(StringLike.matches(pattern, "/root/staging/us-east-1|stack:infra|TRACKED|write"));
  }

  // --- what a template cannot express -------------------------------------------------------------------------------

  @Test
  void restrictionsWithoutTheirPlaceholderAreReported() {
    SubjectTemplate onlyCaller = SubjectTemplate.parse("caller:{callerId}");
    Grant tracked = stack(List.of(RunType.TRACKED), List.of(Scope.WRITE));

    assertEquals(List.of("stack versus module ({callerType})", "the run types ({runType})", "the scopes ({scope})"),
        tracked.inexpressible(onlyCaller));
  }

  @Test
  void aSpaceWideRuleNeedsTheSpaceInTheTemplate() {
    Grant spaceWide = new Grant(RULE, "prod", SPACE_ID, PATH, null, null, List.of(), List.of(), MARK);

    assertEquals(List.of("the space ({spaceId} or {spacePath})"),
        spaceWide.inexpressible(SubjectTemplate.parse("{callerType}:{callerId}:{runType}:{scope}")));
    assertEquals(List.of(), spaceWide.inexpressible(SubjectTemplate.parse("{spacePath}:{callerId}")),
        "the space path identifies the space as well");
    assertEquals(List.of(), spaceWide.inexpressible(SubjectTemplate.parse("{spaceId}:{callerId}")));
  }

  @Test
  void aStackIdIdentifiesItsSpaceSoTheSpaceMayBeMissing() {
    SubjectTemplate noSpace = SubjectTemplate.parse("{callerType}:{callerId}:{runType}:{scope}");

    assertEquals(List.of(), stack(List.of(RunType.TRACKED), List.of()).inexpressible(noSpace));
  }

  @Test
  void aStackIdWithoutCallerIdInTheTemplateIsReported() {
    SubjectTemplate noCaller = SubjectTemplate.parse("{spaceId}:{callerType}:{runType}:{scope}");
    Grant module = new Grant(new Grant.Source.Caller(CallerType.MODULE, "vpc"), "prod", SPACE_ID, PATH,
        CallerType.MODULE, "vpc", List.of(), List.of(), MARK);

    assertEquals(List.of("the module id ({callerId})"), module.inexpressible(noCaller));
  }

  @Test
  void theDefaultTemplateExpressesEveryRestriction() {
    SubjectTemplate template = SubjectTemplate.defaultTemplate();
    assertEquals(List.of(), stack(List.of(RunType.TRACKED), List.of(Scope.WRITE)).inexpressible(template));
    assertEquals(List.of(), new Grant(RULE, "prod", SPACE_ID, null, null, null, List.of(RunType.PROPOSED),
        List.of(Scope.READ), MARK).inexpressible(template));
  }

  @Test
  void renderTakesOnlyKnownValues() {
    SubjectTemplate template = SubjectTemplate.parse("{callerId}:{scope}");
    assertEquals("infra:*", template.render(Map.of("callerId", "infra", "other", "x")));
  }
}
