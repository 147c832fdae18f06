package io.github.spaceliftoidc.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.model.CallerType;
import io.github.spaceliftoidc.core.model.RunType;
import io.github.spaceliftoidc.core.model.Scope;
import io.github.spaceliftoidc.core.problem.Mark;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A grant's subject patterns (one per run type and scope) and its description in plain words. */
class GrantTest {

  private static final String PROD = "production-01HND497T9JKR76MR3KA2CDJHP";
  private static final Mark MARK = new Mark("spacelift-oidc.yaml", 3, 5);
  private static final Grant.Source SOURCE = new Grant.Source.Caller(CallerType.STACK, "infra");
  private static final SubjectTemplate DEFAULT = SubjectTemplate.defaultTemplate();

  private static Grant grant(String spaceName, String spaceId, CallerType type, String id, List<RunType> runTypes,
      List<Scope> scopes) {
    return new Grant(SOURCE, spaceName, spaceId, null, type, id, runTypes, scopes, MARK);
  }

  @Test
  void aStackWithoutRunTypesOrScopesGetsOnePatternWithStars() {
    Grant grant = grant("production", PROD, CallerType.STACK, "infra", List.of(), List.of());
    assertEquals(List.of("space:" + PROD + ":stack:infra:run_type:*:scope:*"), grant.patterns(DEFAULT));
  }

  @Test
  void runTypesAndScopesMultiplyOut() {
    Grant grant = grant("production", PROD, CallerType.STACK, "infra", List.of(RunType.TRACKED, RunType.PROPOSED),
        List.of(Scope.READ, Scope.WRITE));
    assertEquals(List.of(
        "space:" + PROD + ":stack:infra:run_type:TRACKED:scope:read",
        "space:" + PROD + ":stack:infra:run_type:TRACKED:scope:write",
        "space:" + PROD + ":stack:infra:run_type:PROPOSED:scope:read",
        "space:" + PROD + ":stack:infra:run_type:PROPOSED:scope:write"), grant.patterns(DEFAULT));
  }

  @Test
  void onlyRunTypesOrOnlyScopesLeaveTheOtherAStar() {
    assertEquals(List.of("space:root:module:vpc:run_type:TESTING:scope:*"),
        grant("root", "root", CallerType.MODULE, "vpc", List.of(RunType.TESTING), List.of()).patterns(DEFAULT));
    assertEquals(List.of("space:root:stack:admin:run_type:*:scope:read"),
        grant("root", "root", CallerType.STACK, "admin", List.of(), List.of(Scope.READ)).patterns(DEFAULT));
  }

  @Test
  void anySpaceAnyCallerAndAnyKindBecomeStars() {
    assertEquals(List.of("space:*:stack:infra:run_type:*:scope:*"),
        grant(null, null, CallerType.STACK, "infra", List.of(), List.of()).patterns(DEFAULT));
    assertEquals(List.of("space:" + PROD + ":stack:*:run_type:PROPOSED:scope:*"),
        grant("production", PROD, CallerType.STACK, null, List.of(RunType.PROPOSED), List.of()).patterns(DEFAULT));
    assertEquals(List.of("space:" + PROD + ":*:*:run_type:*:scope:*"),
        grant("production", PROD, null, null, List.of(), List.of()).patterns(DEFAULT));
  }

  @Test
  void theSpacePathFillsOnlyForAGrantWithASpace() {
    SubjectTemplate byPath = SubjectTemplate.parse("{spacePath}:{callerId}");
    Grant withSpace = new Grant(SOURCE, "production", PROD, "root/production", CallerType.STACK, "infra", List.of(),
        List.of(), MARK);
    assertEquals(List.of("root/production:infra"), withSpace.patterns(byPath));
    Grant anySpace = new Grant(SOURCE, null, null, "ignored", CallerType.STACK, "infra", List.of(), List.of(), MARK);
    assertEquals(List.of("*:infra"), anySpace.patterns(byPath));
  }

  @Test
  void describesItselfInPlainWords() {
    assertEquals("stack `network` in space `production`: TRACKED and PROPOSED runs, read and write",
        grant("production", PROD, CallerType.STACK, "network", List.of(RunType.TRACKED, RunType.PROPOSED), List.of())
            .describe());
    assertEquals("stack `app` in space `production`: TRACKED runs, write only",
        grant("production", PROD, CallerType.STACK, "app", List.of(RunType.TRACKED), List.of(Scope.WRITE)).describe());
    assertEquals("any stack in space `production`: PROPOSED, TRACKED and TASK runs, read only",
        grant("production", PROD, CallerType.STACK, null, List.of(RunType.PROPOSED, RunType.TRACKED, RunType.TASK),
            List.of(Scope.READ)).describe());
    assertEquals("module `vpc` in space `shared`: all runs, read and write",
        grant("shared", "shared-x", CallerType.MODULE, "vpc", List.of(), List.of()).describe());
    assertEquals("every stack and module in space `shared`: PROPOSED runs, read and write",
        grant("shared", "shared-x", null, null, List.of(RunType.PROPOSED), List.of()).describe());
    assertEquals("stack `oidc-is-awesome` in any space: all runs, read and write",
        grant(null, null, CallerType.STACK, "oidc-is-awesome", List.of(), List.of()).describe());
    assertEquals("any module in any space: all runs, read and write",
        grant(null, null, CallerType.MODULE, null, List.of(), List.of()).describe());
    assertEquals("every stack and module in every space: all runs, read and write",
        grant(null, null, null, null, List.of(), List.of()).describe());
  }

  @Test
  void isUnrestrictedOnlyWithoutSpaceAndWithoutCaller() {
    assertTrue(grant(null, null, null, null, List.of(), List.of()).isUnrestricted());
    assertTrue(grant(null, null, CallerType.STACK, null, List.of(RunType.TRACKED), List.of()).isUnrestricted(),
        "any stack in any space is every run of the account, whatever the run types");
    assertFalse(grant(null, null, CallerType.STACK, "infra", List.of(), List.of()).isUnrestricted());
    assertFalse(grant("production", PROD, null, null, List.of(), List.of()).isUnrestricted());
  }

  @Test
  void saysWhatATemplateCannotExpress() {
    Grant grant = grant("production", PROD, CallerType.STACK, null, List.of(RunType.TRACKED), List.of(Scope.WRITE));
    assertEquals(List.of(), grant.inexpressible(DEFAULT));
    assertEquals(List.of("the space ({spaceId} or {spacePath})", "stack versus module ({callerType})",
        "the run types ({runType})", "the scopes ({scope})"),
        grant.inexpressible(SubjectTemplate.parse("{callerId}")));
    Grant byId = grant("production", PROD, CallerType.STACK, "infra", List.of(), List.of());
    assertEquals(List.of(), byId.inexpressible(SubjectTemplate.parse("{callerType}:{callerId}")),
        "a stack id identifies its space, so the space need not be in the template");
    assertEquals(List.of("the stack id ({callerId})"),
        byId.inexpressible(SubjectTemplate.parse("{spaceId}:{callerType}")));
  }

  @Test
  void copiesItsLists() {
    List<RunType> runTypes = new java.util.ArrayList<>(List.of(RunType.TRACKED));
    Grant grant = grant("production", PROD, CallerType.STACK, "infra", runTypes, List.of());
    runTypes.add(RunType.DESTROY);
    assertEquals(List.of(RunType.TRACKED), grant.runTypes());
  }
  // Prefixes, subtrees and templates per rule ------------------------------------------------------------------------

  private static final SubjectTemplate WITH_PATH = SubjectTemplate.parse(
      "space:{spaceId}:space_path:{spacePath}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}");
  private static final Grant.Source RULE = new Grant.Source.Rule(1, "deploy", "production");
  private static final io.github.spaceliftoidc.core.model.Origin ORIGIN =
      io.github.spaceliftoidc.core.model.Origin.synthetic("spacelift-oidc.yaml");
  private static final io.github.spaceliftoidc.core.model.Space PRODUCTION =
      new io.github.spaceliftoidc.core.model.Space("production", PROD, "/root/production", "root", ORIGIN);
  private static final io.github.spaceliftoidc.core.model.Space EU =
      new io.github.spaceliftoidc.core.model.Space("eu", "eu-01HND4A0B2C3D4E5F6G7H8J9KM", "/root/production/eu",
          "production", ORIGIN);

  private static Grant subtree(CallerType type, String id, String template) {
    return new Grant(RULE, "production", PROD, "/root/production", type, id, List.of(RunType.TRACKED), List.of(),
        MARK, true, List.of(PRODUCTION, EU), List.of(), template);
  }

  private static Grant prefix(String spaceId, CallerType type, String id) {
    return new Grant(RULE, null, spaceId, null, type, id, List.of(), List.of(Scope.READ), MARK, false, List.of(),
        List.of(), null);
  }

  @Test
  void prefixesGoIntoThePatternAsWritten() {
    assertEquals(List.of("space:production-*:stack:app-*:run_type:*:scope:read"),
        prefix("production-*", CallerType.STACK, "app-*").patterns(DEFAULT));
    assertTrue(prefix("production-*", null, null).isSpacePrefix());
    assertTrue(prefix(null, CallerType.STACK, "app-*").isCallerPrefix());
    assertFalse(prefix(null, CallerType.STACK, "app").isCallerPrefix());
    assertEquals("production-", Grant.literal("production-*"));
  }

  @Test
  void aSubtreeIsItsPathAndEveryPathBelowItOrItsDeclaredSpacesById() {
    assertEquals(List.of(
            "space:" + PROD + ":space_path:/root/production:*:*:run_type:TRACKED:scope:*",
            "space:*:space_path:/root/production/*:*:*:run_type:TRACKED:scope:*"),
        subtree(null, null, null).patterns(WITH_PATH));
    assertEquals(List.of("space:" + PROD + ":*:*:run_type:TRACKED:scope:*",
            "space:eu-01HND4A0B2C3D4E5F6G7H8J9KM:*:*:run_type:TRACKED:scope:*"),
        subtree(null, null, null).patterns(DEFAULT));
  }

  @Test
  void prefixesAndSubtreesAreDescribedInWords() {
    assertEquals("every stack and module in every space whose id starts with `production-`: all runs, read only",
        prefix("production-*", null, null).describe());
    assertEquals("every stack whose id starts with `app-` in any space: all runs, read only",
        prefix(null, CallerType.STACK, "app-*").describe());
    assertEquals("any module in space `production` and every space below it: TRACKED runs, read and write",
        subtree(CallerType.MODULE, null, null).describe());
    assertEquals("stack `infra` in space `production` and every space below it: TRACKED runs, read and write"
        + " (subject format `" + DEFAULT.text() + "` only)", subtree(CallerType.STACK, "infra", DEFAULT.text())
        .describe());
  }

  @Test
  void aRuleLimitedToATemplateAppliesOnlyToIt() {
    Grant limited = subtree(null, null, DEFAULT.text());
    assertTrue(limited.appliesTo(DEFAULT));
    assertFalse(limited.appliesTo(WITH_PATH));
    assertTrue(subtree(null, null, null).appliesTo(WITH_PATH));
  }

  @Test
  void theRootSubtreeWithoutACallerIsUnrestricted() {
    io.github.spaceliftoidc.core.model.Space root =
        new io.github.spaceliftoidc.core.model.Space("root", "root", "/root", ORIGIN);
    Grant all = new Grant(RULE, "root", "root", "/root", null, null, List.of(), List.of(), MARK, true, List.of(root),
        List.of(), null);
    assertTrue(all.isUnrestricted());
    assertFalse(subtree(null, null, null).isUnrestricted());
    assertFalse(prefix("p*", null, null).isUnrestricted());
  }

  @Test
  void neitherAPrefixNorASubtreeStandsForItsSpace() {
    SubjectTemplate noSpace = SubjectTemplate.parse("{callerType}:{callerId}:{runType}:{scope}");
    assertEquals(List.of("the space ({spaceId} or {spacePath})"),
        new Grant(RULE, "production", PROD, null, CallerType.STACK, "app-*", List.of(), List.of(), MARK)
            .inexpressible(noSpace));
    assertEquals(List.of("the space ({spaceId} or {spacePath})"), subtree(CallerType.STACK, "infra", null)
        .inexpressible(noSpace));
    assertEquals(List.of("the space id prefix ({spaceId}; a path cannot express it)"),
        prefix("production-*", CallerType.STACK, "infra").inexpressible(
            SubjectTemplate.parse("{spacePath}|{callerType}:{callerId}|{runType}|{scope}")));
  }

  @Test
  void counterpartsPairEachPatternWithTheSameRunsInAnotherFormat() {
    assertEquals(List.of(
            java.util.Map.entry("space:" + PROD + ":*:*:run_type:TRACKED:scope:*",
                "space:" + PROD + ":space_path:/root/production:*:*:run_type:TRACKED:scope:*"),
            java.util.Map.entry("space:eu-01HND4A0B2C3D4E5F6G7H8J9KM:*:*:run_type:TRACKED:scope:*",
                "space:eu-01HND4A0B2C3D4E5F6G7H8J9KM:space_path:/root/production/eu:*:*:run_type:TRACKED:scope:*")),
        subtree(null, null, null).counterparts(DEFAULT, WITH_PATH));
  }
}
