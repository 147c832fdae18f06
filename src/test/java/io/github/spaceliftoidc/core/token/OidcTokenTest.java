package io.github.spaceliftoidc.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.problem.UserInputException;
import io.github.spaceliftoidc.testing.Tokens;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A token is decoded locally, and one that cannot be read fails with a message that says which part is wrong and
 * how, and never contains the token or a part of it.
 */
class OidcTokenTest {

  private static final String SOURCE = "the token in spacelift.oidc";
  private static final String HEADER = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";

  @Test
  void decodesTheClaimsOfASpaceliftToken() {
    OidcToken token = OidcToken.decode(Tokens.jwt(Tokens.tracked("network")) + "\n", SOURCE);

    assertEquals("https://demo.app.spacelift.io", token.issuer());
    assertEquals(List.of("demo.app.spacelift.io"), token.audiences());
    assertEquals("space:" + Tokens.PRODUCTION + ":stack:network:run_type:TRACKED:scope:write", token.subject());
    assertEquals(Tokens.ISSUED, token.issuedAt());
    assertEquals(Optional.of(Tokens.ISSUED), token.notBefore());
    assertEquals(Tokens.ISSUED.plusSeconds(3600), token.expiresAt());
    assertEquals(Optional.of("network"), token.claim("callerId"));
    assertEquals(Optional.of("TRACKED"), token.claim("runType"));
    assertEquals("RS256", token.algorithm());
    assertTrue(token.signed());
    assertEquals(Optional.empty(), token.sessionTags());
    assertEquals(SOURCE, token.source());
  }

  @Test
  void readsAnAudienceListFractionalTimesAndSessionTags() {
    Map<String, Object> claims = Tokens.tracked("network");
    claims.put("aud", List.of("a.example.com", "demo.app.spacelift.io"));
    claims.put("exp", new BigDecimal(Tokens.ISSUED.getEpochSecond() + 3600 + ".5"));
    claims.put(OidcToken.AWS_TAGS, Map.of("principal_tags", Map.of("run", List.of("01J")),
        "transitive_tag_keys", List.of("run")));

    OidcToken token = OidcToken.decode(Tokens.jwt(claims), SOURCE);

    assertEquals(List.of("a.example.com", "demo.app.spacelift.io"), token.audiences());
    assertEquals(Instant.parse("2026-03-02T11:00:00.500Z"), token.expiresAt());
    assertEquals(Optional.of(List.of("run")), token.sessionTags());
  }

  @Test
  void aTokenWithoutSignatureDecodesAndSaysSo() {
    String jwt = Tokens.base64url("{\"alg\":\"none\"}") + "." + Tokens.base64url(Tokens.json(Tokens.tracked("x")))
        + ".";

    OidcToken token = OidcToken.decode(jwt, SOURCE);

    assertFalse(token.signed());
    assertEquals("none", token.algorithm());
  }

  static Stream<Arguments> malformed() {
    String claims = Tokens.json(Tokens.tracked("network"));
    String good = Tokens.jwt(Tokens.tracked("network"));
    String[] parts = good.split("\\.");
    Map<String, Object> noSub = new LinkedHashMap<>(Tokens.tracked("network"));
    noSub.remove("sub");
    noSub.remove("exp");
    Map<String, Object> wrongTypes = new LinkedHashMap<>(Tokens.tracked("network"));
    wrongTypes.put("exp", "tomorrow");
    wrongTypes.put("aud", 42);
    wrongTypes.put("iss", null);
    wrongTypes.put("runType", List.of("TRACKED"));
    return Stream.of(
        Arguments.of("empty", "  \n", "The token in spacelift.oidc is empty: a Spacelift OIDC token is a JWT of three"
            + " base64url parts separated by dots."),
        Arguments.of("one part", parts[1], "The token in spacelift.oidc has 1 part separated by dots, but a signed JWT"
            + " has 3 (header, claims, signature): was it cut or joined with something else when it was copied?"),
        Arguments.of("two parts", parts[0] + "." + parts[1], "The token in spacelift.oidc has 2 parts separated by"
            + " dots, but a signed JWT has 3 (header, claims, signature): was it cut or joined with something else"
            + " when it was copied?"),
        Arguments.of("four parts", good + ".x", "The token in spacelift.oidc has 4 parts separated by dots, but a"
            + " signed JWT has 3 (header, claims, signature): was it cut or joined with something else when it was"
            + " copied?"),
        Arguments.of("encrypted", good + ".x.y", "The token in spacelift.oidc has 5 parts separated by dots, but a"
            + " signed JWT has 3 (header, claims, signature): this looks like an encrypted token (JWE), which"
            + " Spacelift does not issue."),
        Arguments.of("standard base64", parts[0] + "." + parts[1].substring(0, 10) + "+" + parts[1].substring(11)
            + "." + parts[2], "Part 2 (the claims) of the token in spacelift.oidc is not base64url: it has '+'"
            + " (standard base64; a JWT uses '-' and '_' instead) at position 11 of " + parts[1].length() + ", where"
            + " only letters, digits, '-' and '_' may be."),
        Arguments.of("a stray character", parts[0] + "*." + parts[1] + "." + parts[2], "Part 1 (the header) of the"
            + " token in spacelift.oidc is not base64url: it has a character at position " + (parts[0].length() + 1)
            + " of " + (parts[0].length() + 1) + ", where only letters, digits, '-' and '_' may be."),
        Arguments.of("a line break inside", parts[0] + "." + parts[1] + "\n" + parts[1] + "." + parts[2], "Part 2"
            + " (the claims) of the token in spacelift.oidc is not base64url: it has whitespace at position "
            + (parts[1].length() + 1) + " of " + (2 * parts[1].length() + 1) + ", where only letters, digits, '-'"
            + " and '_' may be."),
        Arguments.of("cut short", parts[0] + "." + parts[1].substring(0, 4 * 20 + 1) + "." + parts[2], "Part 2 (the"
            + " claims) of the token in spacelift.oidc is not base64url: 81 characters cannot be a whole number of"
            + " bytes (was the token cut?)."),
        Arguments.of("empty claims", parts[0] + ".." + parts[2], "Part 2 (the claims) of the token in"
            + " spacelift.oidc is empty."),
        Arguments.of("header not JSON", Tokens.join("alg: RS256", claims, "s"), "Part 1 (the header) of the token"
            + " in spacelift.oidc decodes to text that is not valid JSON, at character 1 of 10."),
        Arguments.of("claims not JSON", Tokens.join(HEADER, "{\"sub\": nope}", "s"), "Part 2 (the claims) of the"
            + " token in spacelift.oidc decodes to text that is not valid JSON, at character 9 of 13."),
        Arguments.of("claims a list", Tokens.join(HEADER, "[" + claims + "]", "s"), "Part 2 (the claims) of the"
            + " token in spacelift.oidc decodes to text that is not a JSON object."),
        Arguments.of("claims and more", Tokens.join(HEADER, claims + "{}", "s"), "Part 2 (the claims) of the token"
            + " in spacelift.oidc decodes to a JSON object followed by more text."),
        Arguments.of("claims not UTF-8", Tokens.base64url(HEADER) + "." + java.util.Base64.getUrlEncoder()
            .withoutPadding().encodeToString(new byte[] {'{', (byte) 0xff, '}'}) + ".c2ln", "Part 2 (the claims) of"
            + " the token in spacelift.oidc decodes to bytes that are not UTF-8 text, so not to JSON."),
        Arguments.of("a claim twice", Tokens.join(HEADER, "{\"sub\":\"a\",\"sub\":\"b\"}", "s"), "Part 2 (the claims)"
            + " of the token in spacelift.oidc decodes to text that is not valid JSON (a claim appears twice, which"
            + " makes it ambiguous), at character 17 of 21."),
        Arguments.of("missing claims", Tokens.jwt(noSub), "The claims of the token in spacelift.oidc cannot be read"
            + " as a Spacelift OIDC token: it lacks the claims sub, exp, which every Spacelift OIDC token carries and"
            + " AWS needs."),
        Arguments.of("no claims at all", Tokens.join(HEADER, "{}", "s"), "The claims of the token in spacelift.oidc"
            + " cannot be read as a Spacelift OIDC token: it lacks the claims iss, sub, aud, iat, exp, which every"
            + " Spacelift OIDC token carries and AWS needs."),
        Arguments.of("claims of the wrong type", Tokens.jwt(wrongTypes), "The claims of the token in spacelift.oidc"
            + " cannot be read as a Spacelift OIDC token: iss is null, not a string; aud is a number, not a string"
            + " or a list of strings; exp is a string, not a number of seconds since 1970; runType is a list, not a"
            + " string."),
        Arguments.of("over the size", "a".repeat(OidcToken.MAX_LENGTH + 1), "The token in spacelift.oidc has 16,385"
            + " characters: a Spacelift OIDC token has about a thousand, and anything over 16,384 is not one, so it"
            + " was not decoded."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void aMalformedTokenGetsAClearMessageThatQuotesNoneOfIt(String name, String text, String message) {
    UserInputException failure = assertThrows(UserInputException.class, () -> OidcToken.decode(text, SOURCE));

    assertEquals(message, failure.getMessage());
    for (String part : text.strip().split("[.\\n]")) {
      assertTrue(part.length() < 8 || !failure.getMessage().contains(part), "the message quotes the token: " + part);
    }
  }

  @Test
  void theEnvironmentVariableIsReadForEnv(@TempDir Path directory) {
    String jwt = Tokens.jwt(Tokens.tracked("network"));

    OidcToken token = TokenSource.read(" env ", directory, Map.of("SPACELIFT_OIDC_TOKEN", jwt)::get);

    assertEquals("network", token.claim("callerId").orElseThrow());
    assertEquals("the token in SPACELIFT_OIDC_TOKEN", token.source());
  }

  @Test
  void anUnsetVariableSaysWhereTheTokenIs(@TempDir Path directory) {
    UserInputException failure = assertThrows(UserInputException.class,
        () -> TokenSource.read("env", directory, Map.<String, String>of()::get));

    assertEquals("SPACELIFT_OIDC_TOKEN is not set. Spacelift sets it in every run, with the same token as"
        + " /mnt/workspace/spacelift.oidc; outside a run, save a run's token to a file and name the file instead of"
        + " env.", failure.getMessage());
  }

  @Test
  void aRelativeFileResolvesAgainstTheBaseDirectory(@TempDir Path directory) throws IOException {
    Files.writeString(directory.resolve("spacelift.oidc"), Tokens.jwt(Tokens.tracked("network")) + "\n");

    OidcToken token = TokenSource.read("spacelift.oidc", directory, name -> null);

    assertEquals("the token in " + directory.resolve("spacelift.oidc"), token.source());
  }

  @Test
  void aMissingFileSaysWhereARunHasItsToken(@TempDir Path directory) {
    UserInputException failure = assertThrows(UserInputException.class,
        () -> TokenSource.read("nope.oidc", directory, name -> null));

    assertEquals("There is no token file " + directory.resolve("nope.oidc") + ". In a Spacelift run the token is in"
        + " /mnt/workspace/spacelift.oidc and in SPACELIFT_OIDC_TOKEN (name env for that); elsewhere, save a run's"
        + " token to a file and name that file.", failure.getMessage());
  }

  @Test
  void aDirectoryIsNoTokenFile(@TempDir Path directory) {
    UserInputException failure = assertThrows(UserInputException.class,
        () -> TokenSource.read(".", directory, name -> null));

    assertEquals(directory + " is a directory; name the token file (in a Spacelift run,"
        + " /mnt/workspace/spacelift.oidc).", failure.getMessage());
  }

  @Test
  void aHugeFileIsNotReadWhole(@TempDir Path directory) throws IOException {
    Path big = Files.write(directory.resolve("big"), new byte[1 << 20]);

    UserInputException failure = assertThrows(UserInputException.class,
        () -> TokenSource.read(big.toString(), directory, name -> null));

    assertEquals("The token file " + big + " has more than 16,384 bytes: a Spacelift OIDC token has about a"
        + " thousand, so this is not one, and it was not read further.", failure.getMessage());
  }

  @Test
  void aBinaryFileIsNoText(@TempDir Path directory) throws IOException {
    Path binary = Files.write(directory.resolve("token.der"), new byte[] {0x30, (byte) 0x82, (byte) 0xff});

    UserInputException failure = assertThrows(UserInputException.class,
        () -> TokenSource.read(binary.toString(), directory, name -> null));

    assertEquals("The token file " + binary + " is not text (not UTF-8), so it holds no token.",
        failure.getMessage());
  }

  @Test
  void theTokenIsNotKeptInTheDecodedObject() {
    String jwt = Tokens.jwt(Tokens.tracked("network"));
    OidcToken token = OidcToken.decode(jwt, SOURCE);

    for (var field : OidcToken.class.getDeclaredFields()) {
      boolean instance = !java.lang.reflect.Modifier.isStatic(field.getModifiers());
      assertFalse(instance && field.getType() == String.class && !field.getName().equals("source"),
          "only the claims are kept, not the token's text: " + field.getName());
    }
    assertEquals(jwt.length(), token.length());
  }
}
