package io.github.spaceliftoidc.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spacelift OIDC tokens built in the test: the claims Spacelift documents, as a JWT whose signature is made-up bytes
 * (the plugin never checks it).
 */
public final class Tokens {

  public static final String HOST = "demo.app.spacelift.io";
  public static final String PRODUCTION = "production-01HND497T9JKR76MR3KA2CDJHP";
  /** The moment the tokens of {@link #claims} were issued. */
  public static final Instant ISSUED = Instant.parse("2026-03-02T10:00:00Z");

  private Tokens() {}

  /**
   * The claims of a token for one run, issued at {@link #ISSUED} and valid for an hour, with the default subject
   * template; callers change or remove entries before {@link #jwt}.
   */
  public static Map<String, Object> claims(String spaceId, String callerType, String callerId, String runType,
      String scope) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", "https://" + HOST);
    claims.put("aud", HOST);
    claims.put("sub", "space:" + spaceId + ":" + callerType + ":" + callerId + ":run_type:" + runType + ":scope:"
        + scope);
    claims.put("iat", ISSUED.getEpochSecond());
    claims.put("nbf", ISSUED.getEpochSecond());
    claims.put("exp", ISSUED.getEpochSecond() + 3600);
    claims.put("jti", "0b0f8f6e-5a39-4e5f-9d52-3c9e5e1c2b7a");
    claims.put("spaceId", spaceId);
    claims.put("callerType", callerType);
    claims.put("callerId", callerId);
    claims.put("runType", runType);
    claims.put("runId", "01JKZAHVAQHFM8CC3EA5HWRMP1");
    claims.put("scope", scope);
    return claims;
  }

  /** The claims of a TRACKED write run of stack {@code id} in the production space. */
  public static Map<String, Object> tracked(String id) {
    return claims(PRODUCTION, "stack", id, "TRACKED", "write");
  }

  /** A signed-looking JWT of these claims. */
  public static String jwt(Map<String, ?> claims) {
    return join("{\"alg\":\"RS256\",\"kid\":\"spacelift\",\"typ\":\"JWT\"}", json(claims), "signature-bytes");
  }

  /** Three parts, each base64url-encoded without padding, joined by dots. */
  public static String join(String header, String claims, String signature) {
    return base64url(header) + "." + base64url(claims) + "." + base64url(signature);
  }

  public static String base64url(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** JSON of maps, lists, strings, numbers, booleans and null. */
  public static String json(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(first ? "" : ",");
        first = false;
        write(String.valueOf(entry.getKey()), out);
        out.append(':');
        write(entry.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ",");
        write(list.get(i), out);
      }
      out.append(']');
    } else if (value instanceof String text) {
      out.append('"');
      for (char c : text.toCharArray()) {
        if (c == '\\' || c == '"') {
          out.append('\\').append(c);
        } else if (c < 0x20) {
          out.append(String.format(Locale.ROOT, "\\u%04x", (int) c)); // JSON allows no raw control character
        } else {
          out.append(c);
        }
      }
      out.append('"');
    } else {
      out.append(value);
    }
  }
}
