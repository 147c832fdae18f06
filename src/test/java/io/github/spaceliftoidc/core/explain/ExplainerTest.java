package io.github.spaceliftoidc.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.plan.AccountPlan;
import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.render.Renderer;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code spacelift-oidc:explain} in the core. The subject mode is tested against the trust policies in the committed
 * generated HCL of every example and golden case: the expected allow/deny of each subject comes from those
 * {@code StringLike} lists through an independent matcher (IAM wildcards as a regular expression), for concrete
 * instances of every pattern and for near misses of them (case, one character more or less, a changed segment).
 */
class ExplainerTest {

  private static final Path ORGANISATION = ProjectPaths.root().resolve("examples/organisation");
  private static final Path QUICKSTART = ProjectPaths.root().resolve("examples/quickstart");
  private static final String PRODUCTION = "production-01HND497T9JKR76MR3KA2CDJHP";

  /** A configuration and the directory holding its committed generated output. */
  record Case(String name, Path yaml, Path output) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    Path root = ProjectPaths.root();
    try (Stream<Path> examples = Files.walk(root.resolve("examples"))) {
      examples.filter(path -> path.getFileName().toString().equals("spacelift-oidc.yaml"))
          .filter(path -> !root.relativize(path).toString().contains("/target/"))
          .forEach(yaml -> cases.add(new Case(root.relativize(yaml.getParent()).toString(), yaml, yaml.getParent())));
    }
    try (Stream<Path> golden = Files.list(ProjectPaths.testResources().resolve("golden"))) {
      golden.filter(dir -> Files.isDirectory(dir.resolve("expected")))
          .filter(dir -> Files.exists(dir.resolve("spacelift-oidc.yaml")))
          .forEach(dir -> cases.add(new Case("golden/" + dir.getFileName(), dir.resolve("spacelift-oidc.yaml"),
              dir.resolve("expected"))));
    }
    return cases.stream().sorted(java.util.Comparator.comparing(Case::name));
  }

  private static GenerationPlan plan(Path yaml) {
    return new SpaceliftOidc().load(GenerationRequest.of(yaml)).plan();
  }

  // -------------------------------------------------------------------------------------------------------------
  // The oracle: the generated HCL's StringLike lists, matched by a regular expression.

  private static final Pattern ROLE_BLOCK = Pattern.compile("resource \"aws_iam_role\" \"[^\"]+\" \\{\\n  name\\s+="
      + " \"([^\"]+)\"(.*?)\\n}\\n", Pattern.DOTALL);
  private static final Pattern SUBJECT_LIST =
      Pattern.compile("\"[^\"]+:sub\"\\s*=\\s*\\[\\n(.*?)\\n\\s*]", Pattern.DOTALL);
  private static final Pattern LIST_ITEM = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\",");

  /** The subject patterns of every role in the generated root modules, by "account/role". */
  private static Map<String, List<String>> generatedPolicies(GenerationPlan plan, Path output) throws IOException {
    Map<String, List<String>> policies = new TreeMap<>();
    for (AccountPlan account : plan.accounts()) {
      String hcl = Files.readString(output.resolve(account.directory()).resolve(Renderer.ACCOUNT_FILE),
          StandardCharsets.UTF_8);
      Matcher role = ROLE_BLOCK.matcher(hcl);
      while (role.find()) {
        Matcher list = SUBJECT_LIST.matcher(role.group(2));
        assertTrue(list.find(), "no StringLike sub list in role " + role.group(1));
        List<String> patterns = new ArrayList<>();
        Matcher item = LIST_ITEM.matcher(list.group(1));
        while (item.find()) {
          patterns.add(item.group(1).replace("\\\"", "\"").replace("\\\\", "\\").replace("$${", "${"));
        }
        policies.put(account.name() + "/" + role.group(1), patterns);
      }
    }
    return policies;
  }

  /** IAM StringLike, independently: {@code *} is any run of characters, {@code ?} one, all else literal. */
  private static boolean iamMatches(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
  }

  private static Set<String> expectedRoles(Map<String, List<String>> policies, String subject) {
    Set<String> roles = new TreeSet<>();
    policies.forEach((role, patterns) -> {
      if (patterns.stream().anyMatch(pattern -> iamMatches(pattern, subject))) {
        roles.add(role);
      }
    });
    return roles;
  }

  private static Set<String> explainedRoles(GenerationPlan plan, String subject, String audience) {
    Set<String> roles = new TreeSet<>();
    Explainer.whoMay(plan, subject, audience).forEach(match -> roles.add(match.account() + "/" + match.role()));
    return roles;
  }

  /** Concrete subjects a pattern allows: each {@code *} filled with what its place holds in real claims. */
  static List<String> instances(String pattern) {
    List<String> results = new ArrayList<>();
    results.add("");
    int start = 0;
    for (int i = 0; i <= pattern.length(); i++) {
      if (i < pattern.length() && pattern.charAt(i) != '*' && pattern.charAt(i) != '?') {
        continue;
      }
      String literal = pattern.substring(start, i);
      List<String> fillers;
      if (i == pattern.length()) {
        fillers = List.of("");
      } else if (pattern.charAt(i) == '?') {
        fillers = List.of("Z");
      } else if (pattern.substring(0, i).endsWith("run_type:")) {
        fillers = List.of("PROPOSED", "TRACKED", "TASK", "TESTING", "DESTROY");
      } else if (pattern.substring(0, i).endsWith("scope:")) {
        fillers = List.of("read", "write");
      } else if (pattern.substring(0, i).endsWith("space:")) {
        fillers = List.of("elsewhere-01HND4C2D3E4F5G6H7J8K9MNPQ");
      } else {
        fillers = List.of("some-stack");
      }
      List<String> next = new ArrayList<>();
      for (String prefix : results) {
        for (String filler : fillers) {
          next.add(prefix + literal + filler);
        }
      }
      results = next;
      start = i + 1;
    }
    return results;
  }

  /** Subjects one small step away from a real one, which IAM tells apart. */
  static List<String> nearMisses(String subject) {
    Set<String> misses = new LinkedHashSet<>();
    misses.add(subject.toLowerCase(Locale.ROOT));
    misses.add(subject.toUpperCase(Locale.ROOT));
    misses.add(subject + "x");
    misses.add("x" + subject);
    misses.add(subject.substring(0, subject.length() - 1));
    String[] segments = subject.split(":", -1);
    for (int i = 0; i < segments.length; i++) {
      String[] changed = segments.clone();
      changed[i] = segments[i] + "-x";
      misses.add(String.join(":", changed));
      if (!segments[i].isEmpty()) {
        changed[i] = segments[i].substring(0, segments[i].length() - 1);
        misses.add(String.join(":", changed));
      }
    }
    misses.remove(subject);
    return List.copyOf(misses);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void whoMayAgreesWithTheGeneratedPoliciesOnEveryInstanceAndNearMiss(Case c) throws IOException {
    GenerationPlan plan = plan(c.yaml());
    Map<String, List<String>> policies = generatedPolicies(plan, c.output());
    assertEquals(plan.accounts().stream().mapToInt(a -> a.roles().size()).sum(), policies.size(),
        "every role of the plan is in the generated HCL");
    int allowed = 0;
    int denied = 0;
    for (Map.Entry<String, List<String>> policy : policies.entrySet()) {
      for (String pattern : policy.getValue()) {
        for (String subject : instances(pattern)) {
          Set<String> expected = expectedRoles(policies, subject);
          assertTrue(expected.contains(policy.getKey()), "the oracle lets " + subject + " match " + pattern);
          assertEquals(expected, explainedRoles(plan, subject, null), "roles that may be assumed with " + subject);
          allowed++;
          for (String miss : nearMisses(subject)) {
            Set<String> missExpected = expectedRoles(policies, miss);
            assertEquals(missExpected, explainedRoles(plan, miss, null), "roles that may be assumed with " + miss);
            if (!missExpected.contains(policy.getKey())) {
              denied++;
            }
          }
        }
      }
    }
    assertTrue(allowed > 0 && denied > allowed, "the cases allow " + allowed + " and deny " + denied
        + " subjects: both kinds must be exercised");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aWrongAudienceMayAssumeNothingAndTheRightOneChangesNothing(Case c) {
    GenerationPlan plan = plan(c.yaml());
    String audience = plan.spacelift().audiences().get(0);
    for (AccountPlan account : plan.accounts()) {
      for (var role : account.roles()) {
        String subject = instances(role.trustPolicy().subjects().get(0)).get(0);
        assertEquals(explainedRoles(plan, subject, null), explainedRoles(plan, subject, audience));
        assertEquals(Set.of(), explainedRoles(plan, subject, audience + ".evil.example"));
        assertEquals(Set.of(), explainedRoles(plan, subject, audience.toUpperCase(Locale.ROOT)));
      }
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Readable cases of the organisation example, one per kind of rule.

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // a stack's own subjects, split by its planRole: app-prod applies with TRACKED runs with write scope, and its
      // backend uses the plan role in every run
      "space:" + PRODUCTION + ":stack:app-prod:run_type:TRACKED:scope:write | production/spacelift-deploy,"
          + "production/spacelift-plan",
      "space:" + PRODUCTION + ":stack:app-prod:run_type:PROPOSED:scope:read | production/spacelift-plan",
      // a space-wide rule: any stack of the staging space may plan (PROPOSED, read)
      "space:staging-01HND4B1C2D3E4F5G6H7J8K9MN:stack:brand-new:run_type:PROPOSED:scope:read"
          + " | staging/spacelift-staging-plan",
      "space:" + PRODUCTION + ":stack:brand-new:run_type:PROPOSED:scope:read | ",
      // a rule for one stack in any space
      "space:staging-01HND4B1C2D3E4F5G6H7J8K9MN:stack:admin:run_type:TASK:scope:write | staging/spacelift-staging",
      "space:root:stack:admin:run_type:TASK:scope:read | staging/spacelift-staging",
      // a module's subjects
      "space:platform-01HND4A0B2C3D4E5F6G7H8J9KM:module:terraform-aws-service:run_type:TESTING:scope:write"
          + " | staging/spacelift-module-tests",
      // near misses: a run type the stack does not list, case, stack versus module, a prefix of an id, DESTROY
      "space:" + PRODUCTION + ":stack:app-prod:run_type:TASK:scope:write | ",
      "space:" + PRODUCTION + ":stack:app-prod:run_type:tracked:scope:write | ",
      "space:platform-01HND4A0B2C3D4E5F6G7H8J9KM:stack:terraform-aws-service:run_type:TESTING:scope:write | ",
      "space:" + PRODUCTION + ":stack:app:run_type:TRACKED:scope:write | ",
      "space:" + PRODUCTION + ":stack:app-prod:run_type:DESTROY:scope:write | ",
      "space:" + PRODUCTION + ":stack:data-prod:run_type:DESTROY:scope:write | production/spacelift-deploy",
      "space:" + PRODUCTION + ":stack:network-hub:run_type:TRACKED:scope:write | "})
  void theOrganisationExampleAllowsExactlyWhatItsYamlSays(String subject, String roles) {
    Set<String> expected = roles == null ? Set.of() : new TreeSet<>(List.of(roles.split(",")));

    assertEquals(expected, explainedRoles(plan(ORGANISATION.resolve("spacelift-oidc.yaml")), subject, null));
  }

  // -------------------------------------------------------------------------------------------------------------
  // The words.

  @Test
  void theReportSaysForEachRoleItsArnWhoMayAssumeItAndTheExactPatterns() {
    List<String> report = Explainer.report(plan(QUICKSTART.resolve("spacelift-oidc.yaml")));

    assertEquals("Spacelift OIDC trust for https://demo.app.spacelift.io: 2 roles in 1 AWS account, each only for"
        + " tokens with aud demo.app.spacelift.io.", report.get(0));
    int role = report.indexOf("  role spacelift-network (arn:aws:iam::123456789012:role/spacelift-network) may be"
        + " assumed by:");
    assertTrue(role > 0, String.join("\n", report));
    assertEquals(List.of(
        "    - stack `network` in space `production`: TRACKED and PROPOSED runs, read and write",
        "    assumed by the provider of: network (stacks/network)",
        "    subject patterns (StringLike on demo.app.spacelift.io:sub):",
        "      space:" + PRODUCTION + ":stack:network:run_type:PROPOSED:scope:*",
        "      space:" + PRODUCTION + ":stack:network:run_type:TRACKED:scope:*"), report.subList(role + 1, role + 6));
    assertTrue(report.contains("    - stack `app` in space `production`: all runs, read and write"));
  }

  @Test
  void theReportNamesTrustRulesSessionTagsAndLookedUpProviders() {
    List<String> report = Explainer.report(plan(ORGANISATION.resolve("spacelift-oidc.yaml")));

    assertTrue(report.contains("    - any stack in space `staging`: PROPOSED runs, read only (trust rule 1)"),
        String.join("\n", report));
    assertTrue(report.contains("    - stack `admin` in any space: TASK runs, read and write (trust rule 1)"));
    assertTrue(report.contains("    - module `terraform-aws-service` in space `platform`: TESTING runs, read and"
        + " write"));
    assertTrue(report.contains("  role spacelift-network (arn:aws:iam::111111111111:role/spacelift-network), with"
        + " session tags may be assumed by:"));
    assertTrue(report.contains("AWS account staging (333333333333), root module iam/staging, OIDC provider looked up"
        + " (it already exists):"));
    assertTrue(report.contains("    assumed by the provider of: app-prod (stacks/app-prod, to apply), data-prod"
        + " (stacks/data/prod, to apply)"));
  }

  @Test
  void theSubjectReportReadsTheClaimAndNamesTheRoleAndThePattern() {
    GenerationPlan plan = plan(QUICKSTART.resolve("spacelift-oidc.yaml"));
    String subject = "space:" + PRODUCTION + ":stack:network:run_type:TRACKED:scope:write";

    assertEquals(List.of(
        "sub '" + subject + "': a TRACKED run (scope write) of stack `network` in space `production`",
        "A run with aud 'demo.app.spacelift.io' with this sub may assume 1 role:",
        "  - arn:aws:iam::123456789012:role/spacelift-network (account production), allowed by space:" + PRODUCTION
            + ":stack:network:run_type:TRACKED:scope:*"),
        Explainer.subjectReport(plan, subject, "demo.app.spacelift.io"));
  }

  @Test
  void aSubjectOfATemplateWithOtherSeparatorsIsReadValueByValue(@TempDir Path directory) throws IOException {
    Path yaml = directory.resolve("spacelift-oidc.yaml");
    Files.writeString(yaml, Files.readString(QUICKSTART.resolve("spacelift-oidc.yaml")).replace(
        "  hostname: demo.app.spacelift.io\n", "  hostname: demo.app.spacelift.io\n"
            + "  subjectTemplate: \"space|{spaceId}|{callerType}|{callerId}|{runType}|{scope}\"\n"));
    GenerationPlan plan = plan(yaml);
    String subject = "space|" + PRODUCTION + "|stack|network|TRACKED|write";

    // A value ends at the template's own separator: the space is not read as "production-...|stack|network".
    assertEquals("sub '" + subject + "': a TRACKED run (scope write) of stack `network` in space `production`",
        Explainer.subjectReport(plan, subject, null).get(0));
    // One separator too many: no value holds a separator, so the sub does not have this format.
    String extra = "space|" + PRODUCTION + "|x|stack|network|TRACKED|write";
    assertTrue(Explainer.subjectReport(plan, extra, null).get(0).startsWith("sub '" + extra + "': it does not have"
        + " the sub format of this Spacelift account"), () -> Explainer.subjectReport(plan, extra, null).get(0));
  }

  @Test
  void aNearMissIsExplainedWithTheClosestPatternAndTheCaseHint() {
    GenerationPlan plan = plan(QUICKSTART.resolve("spacelift-oidc.yaml"));
    String subject = "space:" + PRODUCTION + ":stack:network:run_type:tracked:scope:write";

    List<String> lines = Explainer.subjectReport(plan, subject, null);

    assertEquals("A run with this sub may assume no role of this configuration.", lines.get(1));
    assertTrue(lines.contains("  - role production/spacelift-network: space:" + PRODUCTION
        + ":stack:network:run_type:TRACKED:scope:* (the sub has 'tracked' where it allows 'TRACKED')"),
        String.join("\n", lines));
    assertTrue(lines.get(lines.size() - 1).startsWith("IAM compares subjects case-sensitively"));
  }

  @Test
  void anUnknownSpaceAWrongAudienceAndAWildcardInTheClaimAreSaid() {
    GenerationPlan plan = plan(QUICKSTART.resolve("spacelift-oidc.yaml"));

    assertEquals(List.of("sub 'space:other-01HND4C2D3E4F5G6H7J8K9MNPQ:stack:x:run_type:TASK:scope:write': a TASK run"
        + " (scope write) of stack `x` in space `other-01HND4C2D3E4F5G6H7J8K9MNPQ` (not in the YAML)",
        "A run with this sub may assume no role of this configuration."),
        Explainer.subjectReport(plan, "space:other-01HND4C2D3E4F5G6H7J8K9MNPQ:stack:x:run_type:TASK:scope:write",
            null).subList(0, 2));
    List<String> wrongAudience = Explainer.subjectReport(plan, "space:" + PRODUCTION + ":stack:app:run_type:TASK"
        + ":scope:write", "demo.app.spacelift.io.evil");
    assertEquals("aud 'demo.app.spacelift.io.evil' is not an accepted audience (demo.app.spacelift.io), so AWS"
        + " refuses the token for every role of this configuration.", wrongAudience.get(wrongAudience.size() - 1));
    List<String> wildcard = Explainer.subjectReport(plan, "space:*:stack:app:run_type:*:scope:*", null);
    assertTrue(wildcard.contains("Note: a sub claim is a concrete value; IAM reads * and ? in it literally, not as"
        + " wildcards."), String.join("\n", wildcard));
    assertEquals("A run with this sub may assume no role of this configuration.", wildcard.get(2),
        "space:* in a claim is the literal space id '*', which the app stack's pattern does not match");
  }

  @Test
  void aClaimOfAnotherShapeIsSaidToBeOfAnotherFormat() {
    List<String> lines = Explainer.subjectReport(plan(QUICKSTART.resolve("spacelift-oidc.yaml")),
        "repo:acme/infra:ref:refs/heads/main", null);

    assertEquals("sub 'repo:acme/infra:ref:refs/heads/main': it does not have the sub format of this Spacelift"
        + " account (space:{spaceId}:{callerType}:{callerId}:run_type:{runType}:scope:{scope})", lines.get(0));
  }

  @Test
  void theMarkdownReportHasAHeadingPerAccountAndRoleAndEveryPatternInCode() {
    GenerationPlan plan = plan(ORGANISATION.resolve("spacelift-oidc.yaml"));

    String markdown = Explainer.markdown(plan);

    assertTrue(markdown.startsWith("# Who can assume what\n\nSpacelift OIDC trust for `https://acme.app.spacelift.io`:"
        + " 7 roles in 3 AWS accounts, each only for tokens with aud `acme.app.spacelift.io`.\n"), markdown);
    assertTrue(markdown.contains("\n## AWS account production (222222222222)\n"));
    assertTrue(markdown.contains("\n### `spacelift-deploy`\n\n"
        + "`arn:aws:iam::222222222222:role/spacelift/spacelift-deploy` may be assumed by:\n\n"
        + "- stack `app-prod` in space `production`: TRACKED runs, write only\n"));
    for (AccountPlan account : plan.accounts()) {
      for (var role : account.roles()) {
        for (String pattern : role.trustPolicy().subjects()) {
          assertTrue(markdown.contains("- `" + pattern + "`\n"), pattern);
        }
      }
    }
    assertFalse(markdown.contains("\r"));
  }
  // -------------------------------------------------------------------------------------------------------------
  // Prefixes, subtrees and subject formats.

  private static final Path GOLDEN = ProjectPaths.testResources().resolve("golden");

  private static List<String> lines(String goldenCase) {
    return Explainer.report(plan(GOLDEN.resolve(goldenCase).resolve("spacelift-oidc.yaml")));
  }

  /** The lines that follow {@code line} in {@code report}, as many as {@code expected} has. */
  private static void assertFollow(List<String> report, String line, List<String> expected) {
    int at = report.indexOf(line);
    assertTrue(at >= 0, () -> "no line\n" + line + "\nin\n" + String.join("\n", report));
    assertEquals(expected, report.subList(at + 1, at + 1 + expected.size()), String.join("\n", report));
  }

  @Test
  void aSpaceIdPrefixNamesTheDeclaredSpacesAndCallersItCoversAndWhatItAdmitsLater() {
    assertFollow(lines("prefix-patterns"), "    - every stack and module in every space whose id starts with"
        + " `production-`: PROPOSED runs, read only (trust rule 1)", List.of(
            "        covers today: spaces `production` (production-01HND497T9JKR76MR3KA2CDJHP), `production-eu`"
                + " (production-eu-01HND4A0B2C3D4E5F6G7H8J9KM)",
            "        of the declared stacks and modules: stack `app-web`, stack `app-api`",
            "        later: also every space created with an id that starts with `production-`, with every stack and"
                + " module in it"));
  }

  @Test
  void aStackOrModulePrefixNamesTheDeclaredOnesAndWhereLaterOnesAreAdmitted() {
    List<String> report = lines("prefix-patterns");
    assertFollow(report, "    - every stack whose id starts with `app-` in any space: TRACKED and PROPOSED runs,"
        + " read and write (trust rule 1)", List.of(
            "        covers today: stack `app-web`, stack `app-api`",
            "        later: also every stack created with an id that starts with `app-`, in any space"));
    assertFollow(report, "    - every module whose id starts with `tf-` in space `shared`: TESTING runs, read and"
        + " write (trust rule 1)", List.of(
            "        covers today: module `tf-vpc`",
            "        later: also every module created with an id that starts with `tf-`, in space `shared`"));
  }

  @Test
  void aSubtreeSaysUnderWhichTemplatesLaterSpacesAreCovered() {
    String withoutPath = "space:{spaceId}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}";
    String withPath = "space:{spaceId}:space_path:{spacePath}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}";
    assertFollow(lines("space-subtrees"), "    - every stack and module in space `production` and every space below"
        + " it: PROPOSED runs, read and write (trust rule 1)", List.of(
            "        covers today: space `production` (production-01HND497T9JKR76MR3KA2CDJHP) and below it"
                + " `production-eu` (production-eu-01HND4A0B2C3D4E5F6G7H8J9KM), `production-eu-batch`"
                + " (batch-01HND4C2D3E4F5G6H7J8K9MNPQ)",
            "        of the declared stacks and modules: stack `batch-jobs`",
            "        later: under `" + withoutPath + "`: nothing more: without {spacePath} the rule names the declared"
                + " spaces by id, so a space created later below `production` is not covered until it is declared"
                + " with its parent and the policies are regenerated",
            "        later: under `" + withPath + "`: also every space created below `/root/production` (a path that"
                + " starts with `/root/production/`, never a sibling such as `/root/production-archive`), with every"
                + " stack and module in it"));
  }

  @Test
  void withBothFormatsListedItSaysWhereAPatternOfOneAlsoMatchesTheOther() {
    List<String> report = lines("dual-format-migration");
    String old = "space:{spaceId}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}";
    String withPath = "space:{spaceId}:space_path:{spacePath}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}";
    List<String> notes = report.stream().filter(line -> line.startsWith("    note: ")).toList();
    assertEquals(List.of("    note: `space:production:*:*:run_type:*:scope:*` (subject format `" + old + "`) also"
        + " matches the same runs in format `" + withPath + "` (`space:production:space_path:/root/production:*:*:"
        + "run_type:*:scope:*`); the rule is limited to the former, but while both formats are listed these runs get in"
        + " with either"), notes, String.join("\n", report));
    assertTrue(lines("prefix-patterns").stream().noneMatch(line -> line.contains("note:")), "one format, no notes");
  }

  @Test
  void theMarkdownReportHasTheSameWordsAsSubItemsAndNotes() {
    String markdown = Explainer.markdown(plan(GOLDEN.resolve("dual-format-migration/spacelift-oidc.yaml")));
    assertTrue(markdown.contains("\n  - covers today: space `production` (production) and below it `us-east-1`"
        + " (us-east-1)\n"), markdown);
    assertTrue(markdown.contains("\nNote: `space:production:*:*:run_type:*:scope:*` (subject format"), markdown);
  }
  @Test
  void aSubjectOfASpaceBelowASubtreeIsReadWithTheSpacesName() {
    GenerationPlan plan = plan(GOLDEN.resolve("dual-format-migration/spacelift-oidc.yaml"));
    List<String> lines = Explainer.subjectReport(plan,
        "space:us-east-1:space_path:/root/production/us-east-1:stack:infra:run_type:TRACKED:scope:write", null);
    assertEquals("sub 'space:us-east-1:space_path:/root/production/us-east-1:stack:infra:run_type:TRACKED:scope:write':"
        + " a TRACKED run (scope write) of stack `infra` in space `us-east-1`", lines.get(0));
    assertTrue(lines.get(2).contains("allowed by space:*:space_path:/root/production/*:*:*:run_type:*:scope:*"),
        String.join("\n", lines));
  }
}
