package io.github.spaceliftoidc.core.plan;

import static io.github.spaceliftoidc.core.plan.Plans.assertOneProblem;
import static io.github.spaceliftoidc.core.plan.Plans.plan;
import static io.github.spaceliftoidc.core.plan.Plans.problems;
import static io.github.spaceliftoidc.core.plan.Plans.role;
import static io.github.spaceliftoidc.core.plan.Plans.subjects;
import static io.github.spaceliftoidc.core.plan.Plans.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.spaceliftoidc.core.problem.Problem;
import io.github.spaceliftoidc.core.trust.Grant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Trust rules beyond exact ids, example by example: space id prefixes, stack and module id prefixes, subtrees of
 * spaces by their parents, rules limited to one subject template; and the checks and warnings that go with them.
 * {@code PlannerTrustPropertyTest} checks the same shapes on random YAML.
 */
class PrefixesAndSubtreesPlannerTest {

  static final String DEFAULT = "space:{spaceId}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}";
  static final String WITH_PATH =
      "space:{spaceId}:space_path:{spacePath}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}";
  static final String PROD = "production-01HND497T9JKR76MR3KA2CDJHP";
  static final String EU = "production-eu-01HND4A0B2C3D4E5F6G7H8J9KM";

  /** One account and role "deploy" with the given trust rules, the given templates, and a tree of four spaces. */
  static String config(List<String> templates, String trust, String roleExtra) {
    StringBuilder yaml = new StringBuilder("spacelift:\n  hostname: acme.app.spacelift.io\n  subjectTemplate:\n");
    templates.forEach(t -> yaml.append("    - \"").append(t).append("\"\n"));
    yaml.append("""
        accounts:
          - name: production
            id: "123456789012"
            region: eu-west-1
            roles:
              - name: deploy
        %s        trust:
        %s
        spaces:
          - name: root
            id: root
            path: /root
          - name: production
            id: %s
            path: /root/production
            parent: root
          - name: production-eu
            id: %s
            path: /root/production/eu
            parent: production
          - name: archive
            id: production-archive-01HND4B1C2D3E4F5G6H7J8K9MN
            path: /root/production-archive
            parent: root
        """.formatted(roleExtra.indent(8), trust.stripIndent().strip().indent(10).stripTrailing(), PROD, EU));
    return yaml.toString();
  }

  static String config(String trust) {
    return config(List.of(DEFAULT), trust, "");
  }

  private static int lineOf(String yaml, String text) {
    return (int) yaml.substring(0, yaml.indexOf(text)).chars().filter(c -> c == '\n').count() + 1;
  }

  private static List<String> deploy(String yaml) {
    return subjects(yaml, "deploy");
  }

  // Prefixes --------------------------------------------------------------------------------------------------------

  @Test
  void aSpaceIdPrefixBecomesThePatternsSpaceValue() {
    assertEquals(List.of("space:production-*:*:*:run_type:PROPOSED:scope:*"),
        deploy(config("- spaceId: \"production-*\"\n  runTypes: [PROPOSED]")));
  }

  @Test
  void stackAndModulePrefixesBecomeThePatternsCallerValue() {
    assertEquals(List.of("space:*:stack:app-*:run_type:*:scope:*",
            "space:" + PROD + ":module:terraform-aws-*:run_type:TESTING:scope:*"),
        deploy(config("""
            - space: "*"
              stack: "app-*"
            - space: production
              module: "terraform-aws-*"
              runTypes: [TESTING]""")));
  }

  @Test
  void aBareStarKeepsItsMeaning() {
    assertEquals(List.of("space:*:stack:infra:run_type:*:scope:*"),
        deploy(config("- spaceId: \"*\"\n  stack: infra")));
    assertOneProblem(config("- spaceId: \"*\""), "trusts every stack and module in every space of the Spacelift"
        + " account (spaceId \"*\" without a specific stack or module)");
  }

  static Stream<Arguments> badPatterns() {
    return Stream.of(
        arguments("spaceId: \"*-prod\"", "only one *, at the end, is allowed"),
        arguments("spaceId: \"prod*eu*\"", "only one *, at the end, is allowed"),
        arguments("spaceId: \"prod**\"", "only one *, at the end, is allowed"),
        arguments("spaceId: \"prod?*\"", "'?' is not allowed"),
        arguments("spaceId: \"Prod*\"", "'Prod' is not the start of any space id Spacelift issues"),
        arguments("spaceId: \"-prod*\"", "'-prod' is not the start of any space id Spacelift issues"),
        arguments("spaceId: \"prod_eu*\"", "'prod_eu' is not the start of any space id Spacelift issues"),
        arguments("spaceId: \"production-01HND497T9JKR76MR3KA2CDJHPX*\"", "is not the start of any space id"),
        arguments("spaceId: production", "a space id pattern ends in *"),
        arguments("space: \"*\"\n  stack: \"*app\"", "only one *, at the end, is allowed"),
        arguments("space: \"*\"\n  stack: \"app:*\"", "'app:' is not the start of any stack id"),
        arguments("space: production\n  module: \"tf|*\"", "'tf|' is not the start of any module id"),
        arguments("space: \"*\"\n  stack: \"-*\"", "'-' is not the start of any stack id"),
        arguments("space: \"*\"\n  stack: \".*\"", "'.' is not the start of any stack id"),
        arguments("space: \"*\"\n  stack: \"App-*\"", "'App-' is not the start of any stack id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPatterns")
  void aPatternIsTheStartOfAnIdAndOneStarAtTheEnd(String rule, String expected) {
    assertOneProblem(config("- " + rule), expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"p*", "production-*", "us-east-*", "0*", "production-01HND*", "legacy*"})
  void anyStartOfASpaceIdIsAPrefix(String prefix) {
    assertEquals(List.of("space:" + prefix + ":*:*:run_type:*:scope:*"),
        deploy(config("- spaceId: \"" + prefix + "\"")));
  }

  @Test
  void aSpaceIdPrefixNeedsSpaceIdInTheTemplate() {
    assertOneProblem(config(List.of("{spacePath}|{callerType}:{callerId}|{runType}|{scope}"),
        "- spaceId: \"production-*\"", ""), "the space id prefix ({spaceId}; a path cannot express it)");
  }

  @Test
  void aCallerPrefixNeverStandsForItsSpace() {
    String template = "{callerType}:{callerId}:{runType}:{scope}";
    assertOneProblem(config(List.of(template), "- space: production\n  stack: \"app-*\"", ""),
        "pins down the space ({spaceId} or {spacePath})");
    assertEquals(List.of("stack:infra:*:*"),
        subjects(config(List.of(template), "- space: production\n  stack: infra", ""), "deploy"),
        "an exact stack id still identifies its space");
  }

  @Test
  void spaceAndSpaceIdTogetherAreAnErrorAndOneIsRequired() {
    assertOneProblem(config("- space: production\n  spaceId: \"production-*\""), "has both 'space' and 'spaceId'");
    assertOneProblem(config("- stack: infra"), "is missing the required key 'space'");
  }

  @Test
  void aPrefixThatCoversDeclaredSpacesOfOtherNamesIsAllowedWithAWarningNamingThem() {
    List<Problem> warnings = warnings(config("- spaceId: \"production-*\""));
    assertEquals(1, warnings.size(), warnings.toString());
    String message = warnings.get(0).message();
    assertTrue(message.contains("spaceId 'production-*' also covers the declared spaces 'production-eu' (" + EU
        + "), 'archive' (production-archive-01HND4B1C2D3E4F5G6H7J8K9MN)"), message);
    assertEquals(lineOf(config("- spaceId: \"production-*\""), "spaceId:"), warnings.get(0).mark().line(),
        "at the rule's spaceId");
    assertEquals(List.of(), warnings(config("- spaceId: \"production-eu-*\"")), "production-eu is its own name");
  }

  @Test
  void aPrefixThatEndsInsideAUlidGetsAWarning() {
    for (String prefix : List.of("production-01HND*", "production-0*", "x-01H*")) {
      List<Problem> warnings = warnings(config("- spaceId: \"" + prefix + "\""));
      assertEquals(1, warnings.size(), prefix + ": " + warnings);
      assertTrue(warnings.get(0).message().contains("ends inside a ULID"), warnings.toString());
    }
    assertTrue(warnings(config("- spaceId: \"production-0*\"")).get(0).message()
        .contains("of the declared spaces it covers 'production' (" + PROD + ")"));
    assertTrue(warnings(config("- spaceId: \"x-01H*\"")).get(0).message()
        .contains("no declared space matches it today"));
  }

  // Subtrees --------------------------------------------------------------------------------------------------------

  @Test
  void underATemplateWithoutThePathASubtreeIsTheSpaceAndItsDeclaredDescendants() {
    assertEquals(List.of("space:" + PROD + ":*:*:run_type:PROPOSED:scope:*", "space:" + EU
            + ":*:*:run_type:PROPOSED:scope:*"),
        deploy(config("- space: production\n  subspaces: true\n  runTypes: [PROPOSED]")));
  }

  @Test
  void underATemplateWithThePathASubtreeIsThePathAndEveryPathBelowItNeverASibling() {
    List<String> subjects = deploy(config(List.of(WITH_PATH), "- space: production\n  subspaces: true", ""));
    assertEquals(List.of("space:*:space_path:/root/production/*:*:*:run_type:*:scope:*",
        "space:" + PROD + ":space_path:/root/production:*:*:run_type:*:scope:*"), subjects);
  }

  @Test
  void theGrantListsTheSpacesAndCallersItCoversToday() {
    String yaml = config(List.of(DEFAULT), "- space: production\n  subspaces: true", "") + """
        stacks:
          - id: infra
            space: production-eu
            account: production
            role: deploy
          - id: old
            space: archive
            account: production
            role: deploy
        """;
    Grant rule = role(plan(yaml), "production", "deploy").grants().get(2);
    assertEquals(List.of("production", "production-eu"), rule.declaredSpaces().stream()
        .map(io.github.spaceliftoidc.core.model.Space::name).toList());
    assertEquals(List.of("infra"), rule.declaredCallers().stream()
        .map(io.github.spaceliftoidc.core.model.Caller::id).toList());
  }

  @Test
  void subspacesNeedADeclaredSpaceByName() {
    assertOneProblem(config("- space: \"*\"\n  subspaces: true"), "subspaces: true, which needs the name of a"
        + " declared space in space:");
    assertOneProblem(config("- spaceId: \"production-*\"\n  subspaces: true"), "which needs the name of a declared"
        + " space");
  }

  @Test
  void theRootSubtreeIsEveryRunOfTheAccount() {
    assertOneProblem(config("- space: root\n  subspaces: true"), "(space root with subspaces: true without a specific"
        + " stack or module)");
    assertEquals(List.of("space:*:space_path:/root/*:stack:infra:run_type:*:scope:*",
            "space:root:space_path:/root:stack:infra:run_type:*:scope:*"),
        deploy(config(List.of(WITH_PATH), "- space: root\n  subspaces: true\n  stack: infra", "")));
  }

  private static String tree(String spaces) {
    return """
        spacelift:
          hostname: acme.app.spacelift.io
        accounts:
          - name: production
            id: "123456789012"
            region: eu-west-1
            roles:
              - name: deploy
                trust:
                  - space: a
        spaces:
        %s""".formatted(spaces.stripIndent().indent(2));
  }

  static Stream<Arguments> badParents() {
    return Stream.of(
        arguments("- {name: a, id: a, parent: b}", "names unknown parent space 'b' (known: a)"),
        arguments("- {name: a, id: a, parent: a}", "names itself as its parent"),
        arguments("- {name: a, id: root, parent: b}\n- {name: b, id: b}",
            "has the id root, Spacelift's top space, which has no parent"),
        arguments("- {name: a, id: a, parent: b}\n- {name: b, id: b, parent: c}\n- {name: c, id: c, parent: a}",
            "spaces 'a', 'b', 'c' are each other's parents (a -> b -> c -> a)"),
        arguments("- {name: a, id: a, path: /root/x/a, parent: b}\n- {name: b, id: b, path: /root/b}",
            "space 'a' has path '/root/x/a', but its parent 'b' has path '/root/b', so its path must be"
                + " /root/b/<segment>"),
        arguments("- {name: a, id: a, path: /root/b, parent: b}\n- {name: b, id: b, path: /root/b}",
            "so its path must be /root/b/<segment>"),
        arguments("- {name: a, id: a, path: /root/b/a, parent: m}\n- {name: m, id: m, parent: b}\n"
            + "- {name: b, id: b, path: /root/b}", "its ancestor 'b' (2 levels up, the nearest with a path) has path"
            + " '/root/b', so its path must be /root/b/<segment>/<segment>"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badParents")
  void parentsAreCheckedForUnknownNamesCyclesAndPaths(String spaces, String expected) {
    assertOneProblem(tree(spaces), expected);
  }

  @Test
  void pathsThatContinueTheirParentsArePlanned() {
    plan(tree("""
        - {name: a, id: a, path: /root/b/m/a, parent: m}
        - {name: m, id: m, parent: b}
        - {name: b, id: b, path: /root/b, parent: r}
        - {name: r, id: root, path: /root}"""));
  }

  @Test
  void aSpaceWhosePathLiesBelowASubtreeMustNameItsParent() {
    String spaces = """
        - {name: a, id: a, path: /root/a}
        - {name: lost, id: lost, path: /root/a/lost}""";
    plan(tree(spaces)); // no subtree rule: nothing to disagree about
    String yaml = tree(spaces).replace("- space: a\n", "- space: a\n            subspaces: true\n");
    assertOneProblem(yaml, "space 'lost' has path '/root/a/lost', below space 'a' (/root/a), whose subspaces trust"
        + " rule 1 of role 'deploy' of account 'production' trusts, but it names no parent; add parent: a");
  }

  // Subject templates per rule --------------------------------------------------------------------------------------

  @Test
  void aRuleLimitedToOneTemplateGetsOnlyItsPatterns() {
    String yaml = config(List.of(DEFAULT, WITH_PATH), """
        - space: production
          subjectTemplate: "%s"
        - space: production-eu
          subjectTemplate: "%s"
        - space: archive""".formatted(DEFAULT, WITH_PATH), "");
    // archive's new-format pattern is covered by its old-format one (explain notes it), so minimisation drops it.
    assertEquals(List.of(
        "space:" + PROD + ":*:*:run_type:*:scope:*",
        "space:production-archive-01HND4B1C2D3E4F5G6H7J8K9MN:*:*:run_type:*:scope:*",
        "space:" + EU + ":space_path:/root/production/eu:*:*:run_type:*:scope:*"), deploy(yaml));
  }

  @Test
  void aRuleNamesOneOfTheListedTemplatesExactly() {
    String yaml = config(List.of(DEFAULT, WITH_PATH), "- space: production\n  subjectTemplate: \""
        + DEFAULT.replace("{scope}", "{scop}") + "\"", "");
    assertOneProblem(yaml, "is not one of the templates of spacelift.subjectTemplate");
    assertOneProblem(yaml, "Did you mean '" + DEFAULT + "'?");
  }

  @Test
  void onlyTheRulesTemplateMustExpressItsRestrictions() {
    String noRunType = "{spaceId}|{callerType}:{callerId}|{scope}";
    String yaml = config(List.of(DEFAULT, noRunType), "- space: production\n  runTypes: [PROPOSED]\n"
        + "  subjectTemplate: \"" + DEFAULT + "\"", "");
    assertEquals(List.of("space:" + PROD + ":*:*:run_type:PROPOSED:scope:*"), deploy(yaml));
    assertOneProblem(yaml.replace("            subjectTemplate: \"" + DEFAULT + "\"\n", ""), "the run types ({runType})");
  }

  @Test
  void aRuleLimitedToATemplateWithoutThePathNeedsNoPath() {
    String yaml = config(List.of(DEFAULT, WITH_PATH), "- space: nopath\n  subjectTemplate: \"" + DEFAULT + "\"", "")
        + "  - name: nopath\n    id: nopath\n";
    assertEquals(List.of("space:nopath:*:*:run_type:*:scope:*"), deploy(yaml));
    assertOneProblem(yaml.replace("            subjectTemplate: \"" + DEFAULT + "\"\n", ""), "space 'nopath' has no path");
  }

  // Space ids and audiences -----------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"root", "legacy", "production", "us-east-1", "0a", PROD, "legacy-01KJMM56VS4W3AL9YZWVCXBX8D",
      "my-first-space-01HPE6H08F8HR8PJR78DPYR3TC"})
  void everySpaceIdFormSpaceliftIssuesIsAccepted(String id) {
    assertTrue(Rules.spaceId(id).isEmpty(), id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Production", "production_eu", "prod.eu", "-prod", "prod-", "production-01HND497T9JKR",
      "development-01JS2ABCDEFGHIJK123456789", "production-01HND497T9JKR76MR3KA2CDJHPX", "01HND497T9JKR76MR3KA2CDJHP",
      "production-01hnd497t9jkr76mr3ka2cdjhp-X", ""})
  void whatSpaceliftCannotProduceIsRefused(String id) {
    assertTrue(Rules.spaceId(id).isPresent(), id);
  }

  private static String withAudiences(String audiences) {
    return config(List.of(DEFAULT), "- space: production", "").replace("  hostname: acme.app.spacelift.io\n",
        "  hostname: acme.app.spacelift.io\n  audiences: " + audiences + "\n");
  }

  @Test
  void anAudienceWithASchemeIsAnError() {
    assertOneProblem(withAudiences("[acme.app.spacelift.io, \"https://acme.app.spacelift.io\"]"),
        "audience 'https://acme.app.spacelift.io': Spacelift's tokens carry the bare hostname as their audience (aud),"
            + " never a URL, so no token would match; write it without 'https://', e.g. acme.app.spacelift.io");
  }

  @Test
  void audiencesWithoutTheHostnameGetAWarning() {
    List<Problem> warnings = warnings(withAudiences("[sts.example.com]"));
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).message().startsWith("audiences leaves out the hostname 'acme.app.spacelift.io', but"
        + " Spacelift's tokens carry the bare hostname as their audience (aud)"), warnings.toString());
    assertEquals(lineOf(withAudiences("[sts.example.com]"), "audiences:"), warnings.get(0).mark().line());
    assertEquals(List.of(), warnings(withAudiences("[acme.app.spacelift.io, sts.example.com]")));
    assertEquals(List.of(), warnings(config("- space: production")), "the default audience is the hostname");
  }

  @Test
  void problemsOfPrefixesAreLocatedAtTheirKey() {
    String yaml = config("- space: \"*\"\n  stack: \"a*b\"");
    List<Problem> problems = problems(yaml);
    assertEquals(1, problems.size());
    assertEquals(lineOf(yaml, "stack: \"a*b\""), problems.get(0).mark().line(), problems.toString());
  }
}
