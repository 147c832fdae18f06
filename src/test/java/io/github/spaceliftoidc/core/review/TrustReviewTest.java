package io.github.spaceliftoidc.core.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.GenerationResult;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.problem.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trust changes that check and generate report: the YAML is generated, changed, and checked again, and the
 * sentences say what the change lets in or out, read back from the IAM file on disk.
 */
class TrustReviewTest {

  private static final String P = "production-01HND497T9JKR76MR3KA2CDJHP";
  private static final String TITLE = "Trust changes, from the IAM files on disk to what the YAML asks for"
      + " (widenings first):";
  private static final String BASE = """
      version: 1
      spacelift:
        hostname: demo.app.spacelift.io
      accounts:
        - name: production
          id: "123456789012"
          region: eu-west-1
          roles:
            - name: spacelift-network
            - name: spacelift-app
      spaces:
        - name: production
          id: production-01HND497T9JKR76MR3KA2CDJHP
      stacks:
        - id: network
          space: production
          account: production
          role: spacelift-network
          runTypes: [TRACKED, PROPOSED]
        - id: app
          space: production
          account: production
          role: spacelift-app
          runTypes: [TRACKED]
          scopes: [write]
        - id: data
          space: production
          account: production
          role: spacelift-app
          runTypes: [TRACKED]
          scopes: [write]
      """;
  private static final String DATA = """
        - id: data
          space: production
          account: production
          role: spacelift-app
          runTypes: [TRACKED]
          scopes: [write]
      """;

  @TempDir Path directory;

  private Path yaml() {
    return directory.resolve("spacelift-oidc.yaml");
  }

  /** Generates {@code before}, then checks {@code after}: the trust changes that check reports. */
  private TrustChanges changes(String before, String after) throws IOException {
    Files.writeString(yaml(), before);
    new SpaceliftOidc().generate(GenerationRequest.of(yaml()));
    Files.writeString(yaml(), after);
    GenerationResult result = new SpaceliftOidc().check(GenerationRequest.of(yaml()));
    assertFalse(result.isUpToDateOnDisk(), "the change changes the files");
    return result.trustChanges();
  }

  private List<String> lines(String before, String after) throws IOException {
    return changes(before, after).lines(100, 100, "more");
  }

  private static String replace(String yaml, String from, String to) {
    assertTrue(yaml.contains(from), "the YAML has " + from);
    return yaml.replace(from, to);
  }

  @Test
  void theMarkdownOfAPatternReadFromATamperedFileOnDiskIsInert() throws IOException {
    // A pull request can commit a hand-edited IAM file: what the trust review reads back from it must not become a
    // link, an image or HTML in the report that CI posts on that pull request.
    Files.writeString(yaml(), BASE);
    new SpaceliftOidc().generate(GenerationRequest.of(yaml()));
    Path iam = directory.resolve("iam/production/spacelift-oidc-iam.tf");
    String hostile = "space:" + P + ":stack:x`<img src=x onerror=alert(1)>[a](https://evil.example)`y:run_type:*"
        + ":scope:*";
    String tampered = Files.readString(iam).replace("\"space:" + P + ":stack:network:run_type:PROPOSED:scope:*\"",
        "\"" + hostile + "\"");
    assertFalse(tampered.equals(Files.readString(iam)), "the pattern to replace is in the file");
    Files.writeString(iam, tampered);

    String markdown = new SpaceliftOidc().check(GenerationRequest.of(yaml())).trustChanges().markdown();

    assertTrue(markdown.contains("x`"), markdown); // the review read the tampered pattern back
    String outsideSpans = markdown.replaceAll("(`+)(?s:.+?)\\1", "");
    assertFalse(outsideSpans.matches("(?s).*(?<!\\\\)<img.*"), "no raw HTML outside code spans:\n" + markdown);
    assertFalse(outsideSpans.matches("(?s).*(?<!\\\\)\\]\\(https.*"), "no link outside code spans:\n" + markdown);
  }

  @ParameterizedTest
  @ValueSource(strings = {"link to /dev/zero", "fifo"})
  void aDeviceLinkOrAFifoAtAnIamFileIsNotReadBack(String what) throws Exception {
    // A pull request can commit a link or a FIFO where the IAM file was. generate reviews the trust before it writes;
    // the review reads only what the writer would (a regular file inside the output directory), so the run fails
    // at once, naming what is in the way, instead of filling the heap from /dev/zero or waiting on the FIFO forever.
    Files.writeString(yaml(), BASE);
    new SpaceliftOidc().generate(GenerationRequest.of(yaml()));
    Path iam = directory.resolve("iam/production/spacelift-oidc-iam.tf");
    Files.delete(iam);
    if (what.equals("fifo")) {
      Process mkfifo = new ProcessBuilder("mkfifo", iam.toString()).start();
      Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available here");
    } else {
      Files.createSymbolicLink(iam, Path.of("/dev/zero"));
    }

    UserInputException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
        UserInputException.class, () -> new SpaceliftOidc().generate(GenerationRequest.of(yaml()))));
    assertTrue(e.getMessage().contains("iam/production/spacelift-oidc-iam.tf ("), e.getMessage());
  }

  @Test
  void aControlCharacterReadFromATamperedFileOnDiskIsEscapedInTheLog() throws IOException {
    Files.writeString(yaml(), BASE);
    new SpaceliftOidc().generate(GenerationRequest.of(yaml()));
    Path iam = directory.resolve("iam/production/spacelift-oidc-iam.tf");
    // HCL's \n and \u001b escapes: after parsing, a newline and an ANSI escape inside the pattern.
    String tampered = Files.readString(iam).replace("stack:network:run_type:PROPOSED:scope:*",
        "stack:net\\n[INFO] BUILD SUCCESS\\u001b[2Kwork:run_type:PROPOSED:scope:*");
    assertFalse(tampered.equals(Files.readString(iam)), "the pattern to replace is in the file");
    Files.writeString(iam, tampered);

    List<String> lines = new SpaceliftOidc().check(GenerationRequest.of(yaml())).trustChanges().lines(100, 100, "");

    assertTrue(lines.stream().anyMatch(line -> line.contains("[INFO] BUILD SUCCESS")), String.join("\n", lines));
    assertTrue(lines.stream().noneMatch(line -> line.indexOf('\n') >= 0 || line.indexOf('\u001b') >= 0),
        String.join("\n", lines));
  }

  @Test
  void anAddedAndARemovedStackAreAWideningFirstAndANarrowing() throws IOException {
    String after = replace(BASE, DATA, """
          - id: web
            space: production
            account: production
            role: spacelift-app
        """);

    assertEquals(List.of(TITLE,
        "  [wider]    role `spacelift-app` (account production): + stack `web` in space `production`: all runs, read"
            + " and write",
        "  [narrower] role `spacelift-app` (account production): − stack `data` in space `production`: TRACKED runs,"
            + " write only"), lines(BASE, after));
  }

  @Test
  void aNarrowedRunTypeIsANarrowing() throws IOException {
    TrustChanges changes = changes(BASE, replace(BASE, "runTypes: [TRACKED, PROPOSED]", "runTypes: [TRACKED]"));

    assertEquals(List.of(TITLE, "  [narrower] role `spacelift-network` (account production): − stack `network` in"
        + " space `production`: PROPOSED runs, read and write"), changes.lines(100, 100, "more"));
    assertFalse(changes.widens());
  }

  @Test
  void aWidenedScopeNamesOnlyWhatIsNew() throws IOException {
    String after = replace(BASE, "    scopes: [write]\n  - id: data", "  - id: data");

    TrustChanges changes = changes(BASE, after);

    assertEquals(List.of(TITLE, "  [wider] role `spacelift-app` (account production): + stack `app` in space"
        + " `production`: TRACKED runs, read only"), changes.lines(100, 100, "more"));
    assertTrue(changes.widens());
  }

  @Test
  void aNewSpaceWideRuleIsNamedByItsRule() throws IOException {
    String after = replace(BASE, "      - name: spacelift-app\n", """
              - name: spacelift-app
                trust:
                  - space: production
                    stack: "*"
                    runTypes: [PROPOSED]
                    scopes: [read]
        """);

    assertEquals(List.of(TITLE, "  [wider] role `spacelift-app` (account production): + any stack in space"
        + " `production`: PROPOSED runs, read only (trust rule 1)"), lines(BASE, after));
  }

  @Test
  void aSpaceWideRuleThatCoversAStackDoesNotRemoveIt() throws IOException {
    String rule = """
              - name: spacelift-app
                trust:
                  - space: production
                    runTypes: [TRACKED]
                    scopes: [write]
        """;
    String after = replace(replace(BASE, "      - name: spacelift-app\n", rule), DATA, "");

    assertEquals(List.of(TITLE, "  [wider] role `spacelift-app` (account production): + every stack and module in"
        + " space `production`: TRACKED runs, write only (trust rule 1)"), lines(BASE, after));
  }

  @Test
  void aSpaceIdPrefixIsNamedByItsRuleAndCoversTheOneSpaceItReplaces() throws IOException {
    String exact = replace(BASE, "      - name: spacelift-app\n", """
              - name: spacelift-app
                trust:
                  - space: production
                    stack: "*"
                    runTypes: [PROPOSED]
                    scopes: [read]
        """);
    String prefix = exact.replace("          - space: production\n            stack: \"*\"\n",
        "          - spaceId: \"production-*\"\n            stack: \"*\"\n");

    assertEquals(List.of(TITLE, "  [wider] role `spacelift-app` (account production): + any stack in every space"
        + " whose id starts with `production-`: PROPOSED runs, read only (trust rule 1)"), lines(exact, prefix));
    assertEquals(List.of(TITLE, "  [narrower] role `spacelift-app` (account production): − any stack in every space"
        + " whose id starts with `production-`: PROPOSED runs, read only"), lines(prefix, exact));
  }

  @Test
  void aStackIdPrefixNarrowedToOneStack() throws IOException {
    String prefix = replace(BASE, "      - name: spacelift-app\n", """
              - name: spacelift-app
                trust:
                  - space: production
                    stack: "app-*"
                    runTypes: [TRACKED]
        """);
    String one = prefix.replace("stack: \"app-*\"", "stack: app-web");

    assertEquals(List.of(TITLE, "  [narrower] role `spacelift-app` (account production): − every stack whose id"
        + " starts with `app-` in space `production`: TRACKED runs, read and write"), lines(prefix, one));
  }

  @Test
  void anAudienceChangeIsMarkedForTheWholeAccount() throws IOException {
    String two = replace(BASE, "  hostname: demo.app.spacelift.io\n",
        "  hostname: demo.app.spacelift.io\n  audiences: [demo.app.spacelift.io, sts.amazonaws.com]\n");

    assertEquals(List.of(TITLE, "  [audience] account production, every role: + aud `sts.amazonaws.com`"),
        lines(BASE, two));
    assertEquals(List.of(TITLE, "  [audience] account production, every role: − aud `sts.amazonaws.com`"),
        lines(two, BASE));
  }

  @Test
  void sessionTaggingOnAndOff() throws IOException {
    String tagged = replace(BASE, "      - name: spacelift-network\n",
        "      - name: spacelift-network\n        sessionTagging: true\n");

    assertEquals(List.of(TITLE, "  [tagging] role `spacelift-network` (account production): sessionTagging on:"
        + " sts:TagSession is allowed, so runs may pass session tags (run, stack, space) that policies can match as"
        + " aws:PrincipalTag"), lines(BASE, tagged));
    assertEquals(List.of(TITLE, "  [tagging] role `spacelift-network` (account production): sessionTagging off:"
        + " sts:TagSession is no longer allowed, so a run whose stack has the label feature:aws_oidc_session_tagging"
        + " can no longer assume it"), lines(tagged, BASE));
  }

  @Test
  void aNewIssuerIsMarked() throws IOException {
    String after = replace(BASE, "hostname: demo.app.spacelift.io", "hostname: acme.app.us.spacelift.io");

    assertEquals(List.of(TITLE,
        "  [issuer]   account production, every role: trust tokens of https://acme.app.us.spacelift.io instead of"
            + " https://demo.app.spacelift.io",
        "  [audience] account production, every role: + aud `acme.app.us.spacelift.io`, − aud"
            + " `demo.app.spacelift.io`"), lines(BASE, after));
  }

  @Test
  void aNewRoleIsDescribedByItsGrantsAndARemovedOneByWhatItTrusted() throws IOException {
    String after = replace(BASE, "      - name: spacelift-app\n", """
              - name: spacelift-app
              - name: spacelift-data
                sessionTagging: true
        """);
    after = replace(after, DATA, DATA.replace("role: spacelift-app", "role: spacelift-data"));
    after = replace(after, "      - name: spacelift-network\n", "");
    after = replace(after, "    role: spacelift-network\n", "    role: spacelift-app\n");

    assertEquals(List.of(TITLE,
        "  [wider]    role `spacelift-app` (account production): + stack `network` in space `production`: TRACKED"
            + " and PROPOSED runs, read and write",
        "  [wider]    role `spacelift-data` (account production) is new, with session tags: + stack `data` in space"
            + " `production`: TRACKED runs, write only",
        "  [narrower] role `spacelift-network` (account production) is removed, and with it the trust of: stack"
            + " `network` in space `production`: PROPOSED and TRACKED runs, read and write",
        "  [narrower] role `spacelift-app` (account production): − stack `data` in space `production`: TRACKED runs,"
            + " write only"), lines(BASE, after));
  }

  @Test
  void aRemovedAccountLosesEveryRole() throws IOException {
    String two = replace(BASE, "spaces:\n", """
          - name: staging
            id: "210987654321"
            region: eu-west-1
            roles:
              - name: spacelift-staging
                trust:
                  - space: production
                    module: "*"
        spaces:
        """);

    assertEquals(List.of(TITLE, "  [narrower] role `spacelift-staging` (account staging) is removed, and with it"
        + " the trust of: any module in space `production`: all runs, read and write"), lines(two, BASE));
    assertEquals(List.of(TITLE, "  [wider] role `spacelift-staging` (account staging) is new: + any module in space"
        + " `production`: all runs, read and write (trust rule 1)"), lines(BASE, two));
  }

  @Test
  void listingEveryScopeOrNoneIsTheSameTrust() throws IOException {
    String explicit = replace(BASE, "runTypes: [TRACKED, PROPOSED]", "runTypes: [TRACKED, PROPOSED]\n"
        + "    scopes: [read, write]");

    assertEquals(List.of(), lines(BASE, explicit), "scope:* and scope:read + scope:write let in the same runs");
  }

  @Test
  void anOldPatternOfAnotherSubjectTemplateStaysWhole() throws IOException {
    String after = replace(BASE, "  hostname: demo.app.spacelift.io\n", "  hostname: demo.app.spacelift.io\n"
        + "  subjectTemplate: \"{spaceId}|{callerType}:{callerId}|{runType}|{scope}\"\n");

    List<String> lines = lines(BASE, after);

    assertTrue(lines.contains("  [wider]    role `spacelift-network` (account production): + stack `network` in"
        + " space `production`: TRACKED and PROPOSED runs, read and write"), String.join("\n", lines));
    assertTrue(lines.contains("  [narrower] role `spacelift-network` (account production): − subject pattern"
        + " `space:" + P + ":stack:network:run_type:PROPOSED:scope:*`; − subject pattern `space:" + P
        + ":stack:network:run_type:TRACKED:scope:*`"), String.join("\n", lines));
  }

  @Test
  void anUnchangedTrustReportsNothingEvenWhenOtherFilesChange() throws IOException {
    Files.writeString(yaml(), BASE);
    new SpaceliftOidc().generate(GenerationRequest.of(yaml()));
    Files.delete(directory.resolve("stacks/app/spacelift-oidc-provider.tf"));

    GenerationResult result = new SpaceliftOidc().check(GenerationRequest.of(yaml()));

    assertFalse(result.isUpToDateOnDisk());
    assertTrue(result.trustChanges().isEmpty());
    assertEquals(List.of(), result.trustChangeLines(40, io.github.spaceliftoidc.core.problem.Hints.NEUTRAL));
  }

  @Test
  void aCrlfCheckoutOfTheIamFileHasTheSameTrust() throws IOException {
    Files.writeString(yaml(), BASE);
    new SpaceliftOidc().generate(GenerationRequest.of(yaml()));
    Path iam = directory.resolve("iam/production/spacelift-oidc-iam.tf");
    Files.writeString(iam, Files.readString(iam).replace("\n", "\r\n"));
    String after = replace(BASE, DATA, "");
    Files.writeString(yaml(), after);

    List<String> lines = new SpaceliftOidc().check(GenerationRequest.of(yaml())).trustChanges()
        .lines(100, 100, "more");

    assertEquals(List.of(TITLE, "  [narrower] role `spacelift-app` (account production): − stack `data` in space"
        + " `production`: TRACKED runs, write only"), lines);
  }

  @Test
  void anIamFileOfAnotherFormatIsSaidToBeUnread() throws IOException {
    Files.writeString(yaml(), BASE);
    new SpaceliftOidc().generate(GenerationRequest.of(yaml()));
    Path iam = directory.resolve("iam/production/spacelift-oidc-iam.tf");
    Files.writeString(iam, Files.readString(iam).replace(":sub\"", ":subject\""));

    List<String> lines = new SpaceliftOidc().check(GenerationRequest.of(yaml())).trustChanges()
        .lines(100, 100, "more");

    assertEquals("  [unread] account production: its IAM file on disk holds no trust policy in the plugin's format"
        + " (a custom template?), so its roles are compared as if they were new", lines.get(lines.size() - 1));
    assertTrue(lines.get(1).startsWith("  [wider]  role `spacelift-network` (account production) is new: "));
  }

  @Test
  void aFreshOutputDirectoryMakesEveryRoleNew() throws IOException {
    Files.writeString(yaml(), BASE);

    GenerationResult result = new SpaceliftOidc().generate(GenerationRequest.of(yaml()));

    assertEquals(List.of(TITLE,
        "  [wider] role `spacelift-network` (account production) is new: + stack `network` in space `production`:"
            + " TRACKED and PROPOSED runs, read and write",
        "  [wider] role `spacelift-app` (account production) is new: + stack `app` in space `production`: TRACKED"
            + " runs, write only; + stack `data` in space `production`: TRACKED runs, write only"),
        result.trustChanges().lines(100, 100, "more"));
    assertTrue(new SpaceliftOidc().generate(GenerationRequest.of(yaml())).trustChanges().isEmpty(),
        "a rerun changes nothing");
  }

  @Test
  void aFilteredRunComparesOnlyItsAccounts() throws IOException {
    String two = replace(BASE, "spaces:\n", """
          - name: staging
            id: "210987654321"
            region: eu-west-1
            roles:
              - name: spacelift-staging
                trust:
                  - space: production
                    module: "*"
        spaces:
        """);
    Files.writeString(yaml(), two);
    new SpaceliftOidc().generate(GenerationRequest.of(yaml()));
    Files.writeString(yaml(), replace(replace(two, "module: \"*\"", "module: \"*\"\n            runTypes:"
        + " [TESTING]"), DATA, ""));

    TrustChanges changes = new SpaceliftOidc().check(GenerationRequest.of(yaml())
        .withSelection(new Selection(Set.of(), Set.of("staging")))).trustChanges();

    assertEquals(List.of(TITLE, "  [narrower] role `spacelift-staging` (account staging): − any module in space"
        + " `production`: PROPOSED, TRACKED, TASK and DESTROY runs, read and write"), changes.lines(100, 100,
        "more"));
  }

  @Test
  void theConsoleReportIsCutShortAndTheMarkdownHasEverything() throws IOException {
    Files.writeString(yaml(), BASE);
    TrustChanges changes = new SpaceliftOidc().generate(GenerationRequest.of(yaml())).trustChanges();

    assertEquals(List.of(TITLE, "  [wider] role `spacelift-network` (account production) is new: + stack `network`"
        + " in space `production`: TRACKED and PROPOSED runs, read and write", "  ... and 1 more (see the report)"),
        changes.lines(1, 100, "see the report"));
    assertEquals("  [wider] role `spacelift-app` (account production) is new: + stack `app` in space `production`:"
        + " TRACKED runs, write only; and 1 more", changes.lines(100, 1, "").get(2));
    assertEquals("""
        # Trust changes

        Trust changes, from the IAM files on disk to what the YAML asks for (widenings first).

        - **wider** role `spacelift-network` (account production) is new: + stack `network` in space `production`: \
        TRACKED and PROPOSED runs, read and write
        - **wider** role `spacelift-app` (account production) is new: + stack `app` in space `production`: TRACKED \
        runs, write only; + stack `data` in space `production`: TRACKED runs, write only
        """, changes.markdown());
    assertEquals("# Trust changes\n\nNone: the IAM files on disk hold exactly the trust that the YAML asks for.\n",
        TrustChanges.none().markdown());
  }

  @Test
  void theReportOfASkippedGenerateSaysTheTrustIsUnchanged() throws IOException {
    Files.writeString(yaml(), BASE);
    GenerationRequest request = new GenerationRequest(yaml(), directory, directory, directory.resolve("work"), null,
        Selection.ALL, 2048, "test", io.github.spaceliftoidc.core.problem.Hints.NEUTRAL);
    Path report = directory.resolve("target/trust.md");
    new SpaceliftOidc().generate(request, report);
    assertTrue(Files.readString(report).contains("- **wider** role `spacelift-app` (account production) is new"));

    GenerationResult skipped = new SpaceliftOidc().generate(request, report);

    assertTrue(skipped.upToDate(), "the fingerprint matched");
    String markdown = Files.readString(report);
    assertTrue(markdown.startsWith("<!-- Code generated by spacelift-oidc-maven-plugin. DO NOT EDIT. -->\n# Trust"
        + " changes\n\nNone: the IAM files on disk hold exactly the trust that the YAML asks for.\n\n# Who can assume"
        + " what\n"), markdown);
  }

  @Test
  void theOldTrustIsReadFromTheFilesOnDiskOnly() throws IOException {
    Files.writeString(yaml(), BASE);
    new SpaceliftOidc().generate(GenerationRequest.of(yaml()));
    String iam = Files.readString(directory.resolve("iam/production/spacelift-oidc-iam.tf"), StandardCharsets.UTF_8);

    IamFile.Trust trust = IamFile.read(iam).orElseThrow();

    assertEquals("https://demo.app.spacelift.io", trust.providerUrl());
    assertEquals(List.of("spacelift-network", "spacelift-app"), List.copyOf(trust.roles().keySet()));
    IamFile.RoleTrust app = trust.roles().get("spacelift-app");
    assertEquals("demo.app.spacelift.io", app.host());
    assertEquals(Set.of("sts:AssumeRoleWithWebIdentity"), app.actions());
    assertEquals(Set.of("demo.app.spacelift.io"), app.audiences());
    assertEquals(List.of("space:" + P + ":stack:app:run_type:TRACKED:scope:write",
        "space:" + P + ":stack:data:run_type:TRACKED:scope:write"), app.subjects());
  }

  @Test
  void unescapesWhatTheHclEscaperWrites() {
    assertEquals("a\"b\\c${d}%{e}\n\u0001", IamFile.unescape("a\\\"b\\\\c$${d}%%{e}\\n\\u0001"));
  }
}
