package io.github.spaceliftoidc.core.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.github.spaceliftoidc.core.problem.UserInputException;
import io.github.spaceliftoidc.core.problem.Words;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JWT as Spacelift issues it to a run, decoded here: its header and its claims. Nothing is checked against the
 * network and the signature is not verified, so the claims are what the token says, not proof that Spacelift said
 * it. The token's text is not kept: a report may show its claims, but never the token itself, which is a
 * credential for an hour.
 *
 * <p>A token that cannot be read fails with a {@link UserInputException} that says which part is wrong and how, and
 * never quotes the token.
 */
public final class OidcToken {

  /** A Spacelift token is about a kilobyte; anything far larger is not one, and is not decoded. */
  public static final int MAX_LENGTH = 16 * 1024;

  /** The claims that every Spacelift OIDC token carries, and that AWS reads. */
  public static final List<String> REQUIRED = List.of("iss", "sub", "aud", "iat", "exp");
  /** Spacelift's own claims, which repeat the parts of the {@code sub} one by one. */
  public static final List<String> CUSTOM = List.of("spaceId", "spacePath", "callerType", "callerId", "runType",
      "runId", "scope");
  /** The claim that carries session tags (with {@code feature:aws_oidc_session_tagging}). */
  public static final String AWS_TAGS = "https://aws.amazon.com/tags";

  private static final List<String> PARTS = List.of("the header", "the claims", "the signature");
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final String source;
  private final int length;
  private final Map<String, Object> header;
  private final Map<String, Object> claims;
  private final boolean signed;

  private OidcToken(String source, int length, Map<String, Object> header, Map<String, Object> claims,
      boolean signed) {
    this.source = source;
    this.length = length;
    this.header = header;
    this.claims = claims;
    this.signed = signed;
  }

  /**
   * Decodes a token: three base64url parts separated by dots, the first two JSON objects, with the claims of
   * {@link #REQUIRED} of the right types.
   *
   * @param text the token; surrounding whitespace (a file's final line break) is ignored
   * @param source what the token was read from, as messages name it ("the token in /mnt/workspace/spacelift.oidc")
   */
  public static OidcToken decode(String text, String source) {
    String token = text.strip();
    if (token.isEmpty()) {
      throw new UserInputException(Words.capitalised(source) + " is empty: a Spacelift OIDC token is a JWT of three"
          + " base64url parts separated by dots.");
    }
    if (token.length() > MAX_LENGTH) {
      throw new UserInputException(String.format(java.util.Locale.ROOT, "%s has %,d characters: a Spacelift OIDC"
          + " token has about a thousand, and anything over %,d is not one, so it was not decoded.",
          Words.capitalised(source), token.length(), MAX_LENGTH));
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new UserInputException(Words.capitalised(source) + " has " + parts.length + (parts.length == 1 ? " part" :
          " parts") + " separated by dots, but a signed JWT has 3 (header, claims, signature)" + (parts.length == 5
          ? ": this looks like an encrypted token (JWE), which Spacelift does not issue." : ": was it cut or joined"
          + " with something else when it was copied?"));
    }
    byte[] headerBytes = base64url(parts[0], 0, source);
    byte[] claimBytes = base64url(parts[1], 1, source);
    base64url(parts[2], 2, source);
    Map<String, Object> header = object(headerBytes, 0, source);
    Map<String, Object> claims = object(claimBytes, 1, source);
    checkClaims(claims, source);
    return new OidcToken(source, token.length(), header, claims, !parts[2].isEmpty());
  }

  private static byte[] base64url(String part, int index, String source) {
    String what = "part " + (index + 1) + " (" + PARTS.get(index) + ") of " + source;
    String body = part.endsWith("==") ? part.substring(0, part.length() - 2)
        : part.endsWith("=") ? part.substring(0, part.length() - 1) : part;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      boolean alphabet = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
      if (!alphabet) {
        String shown = c == '+' || c == '/' ? "'" + c + "' (standard base64; a JWT uses '-' and '_' instead)"
            : c == '=' ? "'=' inside the text" : Character.isWhitespace(c) ? "whitespace" : "a character";
        throw new UserInputException(Words.capitalised(what) + " is not base64url: it has " + shown + " at position "
            + (i + 1) + " of " + part.length() + ", where only letters, digits, '-' and '_' may be.");
      }
    }
    if (body.length() % 4 == 1) {
      throw new UserInputException(Words.capitalised(what) + " is not base64url: " + body.length() + " characters"
          + " cannot be a whole number of bytes (was the token cut?).");
    }
    if (index < 2 && body.isEmpty()) {
      throw new UserInputException(Words.capitalised(what) + " is empty.");
    }
    return Base64.getUrlDecoder().decode(body);
  }

  private static Map<String, Object> object(byte[] bytes, int index, String source) {
    String what = "part " + (index + 1) + " (" + PARTS.get(index) + ") of " + source;
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new UserInputException(Words.capitalised(what) + " decodes to bytes that are not UTF-8 text, so not to"
          + " JSON.");
    }
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new UserInputException(Words.capitalised(what) + " decodes to text that is not a JSON object.");
      }
      Map<String, Object> object = readObject(parser);
      if (parser.nextToken() != null) {
        throw new UserInputException(Words.capitalised(what) + " decodes to a JSON object followed by more text.");
      }
      return object;
    } catch (StreamConstraintsException e) {
      throw new UserInputException(Words.capitalised(what) + " decodes to JSON nested too deeply to be a token.");
    } catch (JsonParseException e) {
      // Jackson's own message may quote the text; the location is enough, and shows none of the token.
      String duplicate = e.getOriginalMessage().startsWith("Duplicate field") ? " (a claim appears twice, which makes"
          + " it ambiguous)" : "";
      throw new UserInputException(Words.capitalised(what) + " decodes to text that is not valid JSON" + duplicate
          + ", at character " + (e.getLocation().getCharOffset() + 1) + " of " + text.length() + ".");
    } catch (IOException e) {
      throw new UserInputException(Words.capitalised(what) + " decodes to text that is not valid JSON.");
    }
  }

  private static Map<String, Object> readObject(JsonParser parser) throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      object.put(name, readValue(parser));
    }
    return Collections.unmodifiableMap(object);
  }

  private static Object readValue(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case START_OBJECT -> readObject(parser);
      case START_ARRAY -> {
        List<Object> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(readValue(parser));
        }
        yield Collections.unmodifiableList(items);
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      default -> JsonNull.NULL;
    };
  }

  /** JSON's null, kept apart from a missing claim. */
  enum JsonNull {
    NULL;

    @Override
    public String toString() {
      return "null";
    }
  }

  private static void checkClaims(Map<String, Object> claims, String source) {
    List<String> missing = REQUIRED.stream().filter(name -> !claims.containsKey(name)).toList();
    List<String> wrong = new ArrayList<>();
    for (String name : List.of("iss", "sub")) {
      if (claims.containsKey(name) && !(claims.get(name) instanceof String)) {
        wrong.add(name + " is " + kind(claims.get(name)) + ", not a string");
      }
    }
    Object aud = claims.get("aud");
    if (claims.containsKey("aud") && !(aud instanceof String)
        && !(aud instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(String.class::isInstance))) {
      wrong.add("aud is " + kind(aud) + ", not a string or a list of strings");
    }
    for (String name : List.of("iat", "exp", "nbf")) {
      if (claims.containsKey(name) && !(claims.get(name) instanceof BigDecimal)) {
        wrong.add(name + " is " + kind(claims.get(name)) + ", not a number of seconds since 1970");
      } else if (claims.get(name) instanceof BigDecimal seconds
          && (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(Instant.MAX.getEpochSecond())) > 0)) {
        wrong.add(name + " is not a time this side of year 1,000,000,000");
      }
    }
    for (String name : CUSTOM) {
      if (claims.containsKey(name) && !(claims.get(name) instanceof String)) {
        wrong.add(name + " is " + kind(claims.get(name)) + ", not a string");
      }
    }
    if (missing.isEmpty() && wrong.isEmpty()) {
      return;
    }
    List<String> problems = new ArrayList<>();
    if (!missing.isEmpty()) {
      problems.add("it lacks the " + (missing.size() == 1 ? "claim " : "claims ") + String.join(", ", missing)
          + ", which every Spacelift OIDC token carries and AWS needs");
    }
    problems.addAll(wrong);
    throw new UserInputException("The claims of " + source + " cannot be read as a Spacelift OIDC token: "
        + String.join("; ", problems) + ".");
  }

  private static String kind(Object value) {
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return value.equals(List.of()) ? "an empty list" : "a list";
    }
    if (value instanceof BigDecimal) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return value instanceof String ? "a string" : "null";
  }

  /** What the token was read from, as messages name it. */
  public String source() {
    return source;
  }

  /** The token's length in characters. */
  public int length() {
    return length;
  }

  /** Whether the token has a signature part at all (it is not checked). */
  public boolean signed() {
    return signed;
  }

  /** The header's {@code alg}, or null. */
  public String algorithm() {
    return header.get("alg") instanceof String alg ? alg : null;
  }

  public String issuer() {
    return (String) claims.get("iss");
  }

  public String subject() {
    return (String) claims.get("sub");
  }

  /** The {@code aud} claim: one audience, or the list that the token carries. */
  public List<String> audiences() {
    Object aud = claims.get("aud");
    return aud instanceof String one ? List.of(one) : ((List<?>) aud).stream().map(String.class::cast).toList();
  }

  public Instant issuedAt() {
    return time("iat").orElseThrow();
  }

  public Instant expiresAt() {
    return time("exp").orElseThrow();
  }

  /** The {@code nbf} claim, which Spacelift sets to {@code iat}. */
  public Optional<Instant> notBefore() {
    return time("nbf");
  }

  private Optional<Instant> time(String name) {
    return claims.get(name) instanceof BigDecimal seconds
        ? Optional.of(Instant.ofEpochSecond(seconds.longValue(),
            seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue()))
        : Optional.empty();
  }

  /** A string claim, such as one of {@link #CUSTOM} or {@code jti}; empty when the token lacks it. */
  public Optional<String> claim(String name) {
    return claims.get(name) instanceof String value ? Optional.of(value) : Optional.empty();
  }

  /** The names of every claim, in the token's order. */
  public List<String> claimNames() {
    return List.copyOf(claims.keySet());
  }

  /** The session tags' keys, when the token carries AWS's tags claim ({@code principal_tags}). */
  public Optional<List<String>> sessionTags() {
    if (!(claims.get(AWS_TAGS) instanceof Map<?, ?> tags)) {
      return Optional.empty();
    }
    Object principal = tags.get("principal_tags");
    return Optional.of(principal instanceof Map<?, ?> keys ? keys.keySet().stream().map(String::valueOf).toList()
        : List.of());
  }
}
