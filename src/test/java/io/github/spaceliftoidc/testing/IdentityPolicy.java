package io.github.spaceliftoidc.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small evaluator of AWS IAM identity policies, for tests: does a policy document allow a request? It covers what
 * the generated policies use, and refuses (throws on) anything else rather than guess:
 *
 * <ul>
 *   <li>{@code Allow} and {@code Deny} statements; an explicit deny wins, and without an allow a request is denied;
 *   <li>{@code Action} and {@code Resource}, a string or a list, with {@code *} (any run of characters, {@code /}
 *       and {@code :} included) and {@code ?} (one character); actions compare without case, resources with;
 *   <li>conditions, ANDed across operators and across keys, ORed across the values of a key: {@code StringEquals},
 *       {@code StringLike}, and their {@code ForAllValues:} and {@code ForAnyValue:} forms on multivalued keys.
 *       A single-valued operator on a key the request lacks is false. {@code ForAllValues:} on a key the request
 *       lacks (or with no values) is true, as in IAM: that is why the state policy grants only the DynamoDB item
 *       actions, which always carry {@code dynamodb:LeadingKeys}. {@code ForAnyValue:} on a missing key is false.
 * </ul>
 *
 * <p>Not modelled, and refused: {@code NotAction}, {@code NotResource}, {@code Principal}, policy variables
 * ({@code ${...}}), other condition operators, and {@code IfExists}.
 */
public final class IdentityPolicy {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<JsonNode> statements;

  private IdentityPolicy(List<JsonNode> statements) {
    this.statements = statements;
  }

  /** The policy of a JSON document with a {@code Statement} list (or a single statement object). */
  public static IdentityPolicy parse(String json) {
    JsonNode document = JSON.readTree(json);
    if (json.contains("${")) {
      throw new IllegalArgumentException("policy variables are not modelled: " + json);
    }
    JsonNode statement = document.path("Statement");
    List<JsonNode> statements = new ArrayList<>();
    if (statement.isArray()) {
      statement.forEach(statements::add);
    } else if (statement.isObject()) {
      statements.add(statement);
    } else {
      throw new IllegalArgumentException("no Statement in " + json);
    }
    for (JsonNode s : statements) {
      for (String key : s.propertyNames()) {
        if (!List.of("Sid", "Effect", "Action", "Resource", "Condition").contains(key)) {
          throw new IllegalArgumentException("not modelled: " + key + " in " + s);
        }
      }
      if (!List.of("Allow", "Deny").contains(s.path("Effect").asString())) {
        throw new IllegalArgumentException("Effect must be Allow or Deny: " + s);
      }
    }
    return new IdentityPolicy(statements);
  }

  /** A request: an action on a resource, with the context keys IAM would see (each with its values). */
  public record Request(String action, String resource, Map<String, List<String>> context) {
    public Request {
      context = Map.copyOf(context);
    }

    public static Request of(String action, String resource) {
      return new Request(action, resource, Map.of());
    }

    public Request with(String key, String... values) {
      Map<String, List<String>> more = new java.util.HashMap<>(context);
      more.put(key, List.of(values));
      return new Request(action, resource, more);
    }
  }

  /** Whether the policy allows the request: some allow matches it and no deny does. */
  public boolean allows(Request request) {
    boolean allowed = false;
    for (JsonNode statement : statements) {
      if (matches(statement, request)) {
        if (statement.path("Effect").asString().equals("Deny")) {
          return false;
        }
        allowed = true;
      }
    }
    return allowed;
  }

  private static boolean matches(JsonNode statement, Request request) {
    boolean action = strings(statement.path("Action")).stream().anyMatch(pattern -> wildcard(
        pattern.toLowerCase(Locale.ROOT), request.action().toLowerCase(Locale.ROOT)));
    boolean resource = strings(statement.path("Resource")).stream()
        .anyMatch(pattern -> wildcard(pattern, request.resource()));
    return action && resource && conditions(statement.path("Condition"), request.context());
  }

  private static boolean conditions(JsonNode condition, Map<String, List<String>> context) {
    if (condition.isMissingNode()) {
      return true;
    }
    for (Map.Entry<String, JsonNode> operator : condition.properties()) {
      for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
        if (!condition(operator.getKey(), strings(key.getValue()), context.get(key.getKey()))) {
          return false;
        }
      }
    }
    return true;
  }

  /** One operator on one key: the policy's values ORed. */
  static boolean condition(String operator, List<String> expected, List<String> actual) {
    String set = operator.contains(":") ? operator.substring(0, operator.indexOf(':')) : null;
    String test = operator.contains(":") ? operator.substring(operator.indexOf(':') + 1) : operator;
    if (!test.equals("StringEquals") && !test.equals("StringLike")) {
      throw new IllegalArgumentException("condition operator not modelled: " + operator);
    }
    boolean like = test.equals("StringLike");
    if (set == null) {
      if (actual == null || actual.isEmpty()) {
        return false;
      }
      if (actual.size() > 1) {
        throw new IllegalArgumentException(operator + " on a multivalued key; use ForAllValues or ForAnyValue");
      }
      return matchesAny(expected, actual.get(0), like);
    }
    return switch (set) {
      case "ForAllValues" -> actual == null || actual.stream().allMatch(value -> matchesAny(expected, value, like));
      case "ForAnyValue" -> actual != null && actual.stream().anyMatch(value -> matchesAny(expected, value, like));
      default -> throw new IllegalArgumentException("set operator not modelled: " + operator);
    };
  }

  private static boolean matchesAny(List<String> expected, String value, boolean like) {
    return expected.stream().anyMatch(pattern -> like ? wildcard(pattern, value) : pattern.equals(value));
  }

  /** IAM's wildcard match: {@code *} any run of characters (none too), {@code ?} exactly one, case-sensitive. */
  static boolean wildcard(String pattern, String value) {
    boolean[][] match = new boolean[pattern.length() + 1][value.length() + 1];
    match[pattern.length()][value.length()] = true;
    for (int p = pattern.length() - 1; p >= 0; p--) {
      char c = pattern.charAt(p);
      for (int v = value.length(); v >= 0; v--) {
        if (c == '*') {
          match[p][v] = match[p + 1][v] || v < value.length() && match[p][v + 1];
        } else {
          match[p][v] = v < value.length() && (c == '?' || c == value.charAt(v)) && match[p + 1][v + 1];
        }
      }
    }
    return match[0][0];
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(item -> values.add(item.asString()));
    } else if (node.isString()) {
      values.add(node.asString());
    } else {
      throw new IllegalArgumentException("expected a string or a list of strings: " + node);
    }
    return values;
  }
}
