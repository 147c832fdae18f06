package io.github.spaceliftoidc.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.token.OidcToken;
import io.github.spaceliftoidc.testing.Tokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain} with a real token, built in the test: the happy path, each kind of mismatch (issuer, audience,
 * expiry, space, caller type, id, run type, scope, session tags, sub format), against a clock fixed 25 minutes after
 * the token's issue.
 */
class TokenReportTest {

  static final String STAGING = "staging-01HND497T9JKR76MR3KA2CDJHQ";
  static final String YAML = """
      version: 1
      spacelift:
        hostname: demo.app.spacelift.io
      accounts:
        - name: production
          id: "123456789012"
          region: eu-west-1
          roles:
            - name: spacelift-network
            - name: spacelift-modules
      spaces:
        - name: production
          id: production-01HND497T9JKR76MR3KA2CDJHP
        - name: staging
          id: staging-01HND497T9JKR76MR3KA2CDJHQ
      stacks:
        - id: network
          space: production
          account: production
          role: spacelift-network
          runTypes: [TRACKED]
          scopes: [write]
      modules:
        - id: vpc
          space: staging
          account: production
          role: spacelift-modules
      """;

  static GenerationPlan plan;

  @BeforeAll
  static void load(@TempDir Path directory) throws IOException {
    Path yaml = Files.writeString(directory.resolve("spacelift-oidc.yaml"), YAML);
    plan = new SpaceliftOidc().load(GenerationRequest.of(yaml)).plan();
  }

  static List<String> report(Map<String, Object> claims, Instant now) {
    return TokenReport.lines(plan, OidcToken.decode(Tokens.jwt(claims), "the token in spacelift.oidc"),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  static final Instant NOW = Tokens.ISSUED.plusSeconds(25 * 60);

  private static final String P = Tokens.PRODUCTION;

  private static String line(List<String> lines, String start) {
    return lines.stream().filter(line -> line.startsWith(start)).findFirst()
        .orElseThrow(() -> new AssertionError("no line starts with '" + start + "':\n" + String.join("\n", lines)));
  }

  @Test
  void theHappyPathNamesTheRoleAndEveryCheckIsOk() {
    assertEquals(List.of(
        "The token in spacelift.oidc (649 characters), decoded here: no network call, and its signature is not"
            + " checked, so this shows what the token claims, not that Spacelift signed it.",
        "Its claims:",
        "  iss         https://demo.app.spacelift.io",
        "  aud         demo.app.spacelift.io",
        "  sub         space:" + P + ":stack:network:run_type:TRACKED:scope:write",
        "  iat         2026-03-02T10:00:00Z",
        "  nbf         2026-03-02T10:00:00Z",
        "  exp         2026-03-02T11:00:00Z",
        "  jti         0b0f8f6e-5a39-4e5f-9d52-3c9e5e1c2b7a",
        "  spaceId     " + P,
        "  callerType  stack",
        "  callerId    network",
        "  runType     TRACKED",
        "  runId       01JKZAHVAQHFM8CC3EA5HWRMP1",
        "  scope       write",
        "issuer    ok: https://demo.app.spacelift.io is the URL of the OIDC provider of account production.",
        "audience  ok: demo.app.spacelift.io is accepted (spacelift.audiences).",
        "time      ok: valid until 2026-03-02T11:00:00Z, another 35 min (issued 25 min ago).",
        "sub       a TRACKED run (scope write) of stack `network` in space `production`.",
        "This token may assume 1 role:",
        "  - arn:aws:iam::123456789012:role/spacelift-network (account production), allowed by space:" + P
            + ":stack:network:run_type:TRACKED:scope:write"), report(Tokens.tracked("network"), NOW));
  }

  @Test
  void aModuleTokenMayAssumeTheModulesRole() {
    List<String> lines = report(Tokens.claims(STAGING, "module", "vpc", "TESTING", "read"), NOW);

    assertEquals("  - arn:aws:iam::123456789012:role/spacelift-modules (account production), allowed by space:"
        + STAGING + ":module:vpc:run_type:*:scope:*", lines.get(lines.size() - 1));
  }

  @Test
  void anotherIssuerIsRefusedByEveryAccount() {
    Map<String, Object> claims = Tokens.tracked("network");
    claims.put("iss", "https://acme.app.us.spacelift.io");

    List<String> lines = report(claims, NOW);

    assertEquals("issuer    REFUSED by account production: its OIDC provider is for https://demo.app.spacelift.io,"
        + " not https://acme.app.us.spacelift.io, so AWS finds no provider for this token there. If the token is"
        + " right, set spacelift.hostname to its issuer's host.", line(lines, "issuer"));
    assertEquals("AWS refuses this token for every role: no account has an OIDC provider for its issuer. By its"
        + " sub alone it would match 1 role:", line(lines, "AWS refuses"));
  }

  @Test
  void anIssuerWithAFinalSlashIsNamedAsSuch() {
    Map<String, Object> claims = Tokens.tracked("network");
    claims.put("iss", "https://demo.app.spacelift.io/");

    assertTrue(line(report(claims, NOW), "issuer").contains(" (they differ only in the final '/'), "));
  }

  @Test
  void anotherAudienceIsRefused() {
    Map<String, Object> claims = Tokens.tracked("network");
    claims.put("aud", "Demo.app.spacelift.io");

    List<String> lines = report(claims, NOW);

    assertEquals("audience  REFUSED: Demo.app.spacelift.io is not an accepted audience (demo.app.spacelift.io): the"
        + " OIDC provider's client IDs and every role's StringEquals on the aud key list only those. IAM compares"
        + " them case-sensitively. If the token is right, add its aud to spacelift.audiences.",
        line(lines, "audience"));
    assertEquals("AWS refuses this token for every role: its audience is not accepted. By its sub alone it would"
        + " match 1 role:", line(lines, "AWS refuses"));
  }

  @Test
  void anExpiredTokenIsRefused() {
    List<String> lines = report(Tokens.tracked("network"), Tokens.ISSUED.plusSeconds(3 * 3600 + 5 * 60));

    assertEquals("time      REFUSED: the token expired 2 h 5 min ago (exp 2026-03-02T11:00:00Z). A Spacelift token"
        + " is valid for one hour: this one is from an earlier run, or its run took longer than that.",
        line(lines, "time"));
    assertEquals("AWS refuses this token for every role: it has expired. By its sub alone it would match 1 role:",
        line(lines, "AWS refuses"));
  }

  @Test
  void aTokenAtItsExpiryIsExpired() {
    assertTrue(line(report(Tokens.tracked("network"), Tokens.ISSUED.plusSeconds(3600)), "time")
        .startsWith("time      REFUSED: the token expired 0 s ago"));
  }

  @Test
  void aTokenFromTheFutureSaysTheClockMayBeBehind() {
    Map<String, Object> claims = Tokens.tracked("network");
    claims.remove("nbf");

    assertEquals("time      ok: valid until 2026-03-02T11:00:00Z, another 1 h 10 min; it was issued 10 min in the"
        + " future (iat 2026-03-02T10:00:00Z), so this machine's clock may be behind.",
        line(report(claims, Tokens.ISSUED.minusSeconds(600)), "time"));
    assertTrue(line(report(Tokens.tracked("network"), Tokens.ISSUED.minusSeconds(600)), "time").startsWith(
        "time      REFUSED: the token is not valid before 2026-03-02T10:00:00Z, 10 min from now"));
  }

  @Test
  void aLifetimeOtherThanAnHourIsNamed() {
    Map<String, Object> claims = Tokens.tracked("network");
    claims.put("exp", Tokens.ISSUED.getEpochSecond() + 12 * 3600);

    assertTrue(line(report(claims, NOW), "time").endsWith("; it was issued to last 12 h, where Spacelift's tokens"
        + " last one hour."));
  }

  @Test
  void aTokenOfAnotherSpaceNamesTheSpaceTheYamlDeclares() {
    List<String> lines = report(Tokens.claims(STAGING, "stack", "network", "TRACKED", "write"), NOW);

    assertEquals("This token may assume no role of this configuration.", line(lines, "This token"));
    assertEquals("Stack `network`'s own role spacelift-network (account production) does not match the token's"
        + " sub. Closest pattern: space:" + P + ":stack:network:run_type:TRACKED:scope:write; it differs first in"
        + " the space id: the token's space is `" + STAGING + "` (claim spaceId; space `staging` in the YAML), but"
        + " the YAML declares stack `network` in space `production` (`" + P + "`).", line(lines, "Stack"));
  }

  @Test
  void aTokenOfAModuleWhereTheYamlHasAStackNamesTheCallerType() {
    List<String> lines = report(Tokens.claims(P, "module", "network", "TRACKED", "write"), NOW);

    assertEquals("The token comes from module `network`, which the YAML does not declare as a module.",
        line(lines, "The token comes"));
    assertEquals("  closest: role spacelift-network (account production): space:" + P + ":stack:network:run_type:"
        + "TRACKED:scope:write, which differs first in the caller type: the token comes from a module (claim"
        + " callerType), but the pattern is for a stack.", line(lines, "  closest"));
  }

  @Test
  void aTokenOfAnUndeclaredStackNamesTheClosestId() {
    List<String> lines = report(Tokens.claims(P, "stack", "network-dr", "TRACKED", "write"), NOW);

    assertEquals("The token comes from stack `network-dr`, which the YAML does not declare. Did you mean"
        + " 'network'?", line(lines, "The token comes"));
    assertEquals("  closest: role spacelift-network (account production): space:" + P + ":stack:network:run_type:"
        + "TRACKED:scope:write, which differs first in the id: the token comes from `network-dr` (claim callerId),"
        + " but the pattern names `network`.", line(lines, "  closest"));
  }

  @Test
  void aRunTypeTheStackIsNotTrustedForNamesItsRunTypes() {
    List<String> lines = report(Tokens.claims(P, "stack", "network", "TASK", "write"), NOW);

    assertEquals("Stack `network`'s own role spacelift-network (account production) does not match the token's"
        + " sub. Closest pattern: space:" + P + ":stack:network:run_type:TRACKED:scope:write; it differs first in"
        + " the run type: the token is for a TASK run (claim runType), but the pattern allows TRACKED; the YAML"
        + " trusts stack `network` in space `production`: TRACKED runs, write only (add TASK to its runTypes if"
        + " such runs need the role).", line(lines, "Stack"));
  }

  @Test
  void theRoleOfTheOtherPhaseOfAStackWithAPlanRoleRefusesByDesign(@TempDir Path directory) throws IOException {
    Path yaml = Files.writeString(directory.resolve("spacelift-oidc.yaml"), """
        version: 1
        spacelift:
          hostname: demo.app.spacelift.io
        terraform:
          version: 1.11.4
        accounts:
          - name: production
            id: "123456789012"
            region: eu-west-1
            roles:
              - name: spacelift-infra
              - name: spacelift-infra-plan
        spaces:
          - name: production
            id: production-01HND497T9JKR76MR3KA2CDJHP
        stacks:
          - id: infra
            space: production
            account: production
            role: spacelift-infra
            planRole: spacelift-infra-plan
        """);
    GenerationPlan split = new SpaceliftOidc().load(GenerationRequest.of(yaml)).plan();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    List<String> proposed = TokenReport.lines(split, OidcToken.decode(Tokens.jwt(Tokens.claims(P, "stack", "infra",
        "PROPOSED", "read")), "the token"), clock);
    assertEquals("Stack `infra`'s apply role spacelift-infra (account production) does not trust this run, by"
        + " design: the stack has planRole spacelift-infra-plan, so a run like this one plans with"
        + " spacelift-infra-plan.", line(proposed, "Stack `infra`"));
    assertTrue(proposed.stream().noneMatch(line -> line.contains("add PROPOSED to its runTypes")),
        () -> String.join("\n", proposed));

    List<String> applying = TokenReport.lines(split, OidcToken.decode(Tokens.jwt(Tokens.claims(P, "stack", "infra",
        "TASK", "write")), "the token"), clock);
    assertEquals("Stack `infra`'s plan role spacelift-infra-plan (account production) does not trust this run, by"
        + " design: the stack has planRole spacelift-infra-plan, so a run like this one applies with"
        + " spacelift-infra.", line(applying, "Stack `infra`"));
  }

  @Test
  void aReadTokenOfATrackedRunExplainsAutodeploy() {
    List<String> lines = report(Tokens.claims(P, "stack", "network", "TRACKED", "read"), NOW);

    assertEquals("Stack `network`'s own role spacelift-network (account production) does not match the token's"
        + " sub. Closest pattern: space:" + P + ":stack:network:run_type:TRACKED:scope:write; it differs first in"
        + " the scope: the token has scope read (claim scope), but the pattern allows write (a TRACKED run of a"
        + " stack without autodeploy plans with a read token, and applies with a write one); the YAML trusts stack"
        + " `network` in space `production`: TRACKED runs, write only.", line(lines, "Stack"));
  }

  @Test
  void severalDifferencesNameTheFirstAndListTheOthers() {
    List<String> lines = report(Tokens.claims(STAGING, "stack", "network", "PROPOSED", "read"), NOW);

    assertTrue(line(lines, "Stack").endsWith(" (`" + P + "`) (and also in the run type and the scope)."),
        line(lines, "Stack"));
  }

  @Test
  void sessionTagsNeedTagSessionOnTheRole() {
    Map<String, Object> claims = Tokens.tracked("network");
    claims.put(OidcToken.AWS_TAGS, Map.of("principal_tags", Map.of("run", List.of("01JK"), "stack",
        List.of("network"), "space", List.of(P)), "transitive_tag_keys", List.of("run", "stack", "space")));

    List<String> lines = report(claims, NOW);

    assertTrue(line(lines, "  session tags").matches("  session tags  (run|stack|space), (run|stack|space),"
        + " (run|stack|space) \\(claim https://aws.amazon.com/tags\\)"), line(lines, "  session tags"));
    assertEquals("This token may assume no role of this configuration. Its sub matches 1 role that refuses it:",
        line(lines, "This token"));
    assertEquals("  - arn:aws:iam::123456789012:role/spacelift-network (account production), allowed by space:" + P
        + ":stack:network:run_type:TRACKED:scope:write, but the token carries session tags (its stack has the label"
        + " feature:aws_oidc_session_tagging), and the role does not allow sts:TagSession; set sessionTagging: true"
        + " on the role", lines.get(lines.size() - 1));
  }

  @Test
  void aSubOfAnotherFormatShowsTheSubThatTheClaimsGiveWithTheYamlsTemplate() {
    Map<String, Object> claims = Tokens.tracked("network");
    claims.put("sub", "/root/production|stack:network|TRACKED|write");

    List<String> lines = report(claims, NOW);

    assertEquals("sub       it does not have the format of spacelift.subjectTemplate (space:{spaceId}:{callerType}:"
        + "{callerId}:run_type:{runType}:scope:{scope}), so no pattern can match it.", line(lines, "sub "));
    assertEquals("          With that format its claims give the sub space:" + P + ":stack:network:run_type:TRACKED"
        + ":scope:write: the Spacelift account's OIDC subject template (Organization Settings, Security) and"
        + " spacelift.subjectTemplate differ.", line(lines, "          With"));
    assertEquals("This token may assume no role of this configuration.", line(lines, "This token"));
  }

  @Test
  void aClaimThatDisagreesWithTheSubIsNoted() {
    Map<String, Object> claims = Tokens.tracked("network");
    claims.put("runType", "TASK");

    assertEquals("          Note: the sub has runType `TRACKED`, but the runType claim says `TASK`; AWS matches only"
        + " the sub.", line(report(claims, NOW), "          Note"));
  }

  @Test
  void anUnsignedTokenIsRefused() {
    String jwt = Tokens.base64url("{\"alg\":\"none\"}") + "." + Tokens.base64url(Tokens.json(
        Tokens.tracked("network"))) + ".";

    List<String> lines = TokenReport.lines(plan, OidcToken.decode(jwt, "the token"), Clock.fixed(NOW,
        ZoneOffset.UTC));

    assertEquals("It has no signature at all (alg none), and AWS refuses an unsigned token.", lines.get(1));
    assertEquals("AWS refuses this token for every role: it is unsigned. By its sub alone it would match 1 role:",
        line(lines, "AWS refuses"));
  }

  @Test
  void theReportShowsNoPartOfTheTokenItself() {
    Map<String, Object> claims = Tokens.tracked("network");
    String jwt = Tokens.jwt(claims);

    String report = String.join("\n", TokenReport.lines(plan, OidcToken.decode(jwt, "t"), Clock.fixed(NOW,
        ZoneOffset.UTC)));

    for (String part : jwt.split("\\.")) {
      for (int i = 0; i + 16 <= part.length(); i += 8) {
        assertTrue(!report.contains(part.substring(i, i + 16)), "the report shows part of the token");
      }
    }
  }
}
