package io.github.spaceliftoidc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.trust.StringLike;
import io.github.spaceliftoidc.testing.IdentityPolicy.Request;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The test-scope IAM evaluator against the rules of the IAM User Guide's policy evaluation logic and condition
 * operators: each rule once where it allows and once where it denies, and the corner cases that decide the state
 * policy's safety (a missing key, {@code ForAllValues} on no values, {@code *} across {@code /}).
 */
class IdentityPolicyTest {

  private static final String BUCKET = "arn:aws:s3:::state";

  private static IdentityPolicy policy(String statements) {
    return IdentityPolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}");
  }

  private static String allow(String action, String resource, String condition) {
    return "{\"Effect\":\"Allow\",\"Action\":" + action + ",\"Resource\":" + resource
        + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
  }

  @Test
  void anAllowMatchesOnlyItsActionAndResource() {
    IdentityPolicy policy = policy(allow("\"s3:GetObject\"", "\"" + BUCKET + "/a\"", null));

    assertTrue(policy.allows(Request.of("s3:GetObject", BUCKET + "/a")));
    assertFalse(policy.allows(Request.of("s3:PutObject", BUCKET + "/a")));
    assertFalse(policy.allows(Request.of("s3:GetObject", BUCKET + "/b")));
    assertFalse(policy.allows(Request.of("s3:GetObject", BUCKET + "/a/b")));
  }

  @Test
  void withoutAMatchingStatementTheRequestIsDenied() {
    assertFalse(policy("").allows(Request.of("s3:GetObject", BUCKET + "/a")));
  }

  @Test
  void anExplicitDenyWinsOverAnAllow() {
    IdentityPolicy policy = policy(allow("\"s3:*\"", "\"*\"", null)
        + ",{\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"" + BUCKET + "/secret\"}");

    assertFalse(policy.allows(Request.of("s3:GetObject", BUCKET + "/secret")));
    assertTrue(policy.allows(Request.of("s3:GetObject", BUCKET + "/other")));
  }

  @Test
  void actionsMatchWithoutCaseAndWithWildcards() {
    IdentityPolicy policy = policy(allow("[\"s3:Get*\", \"kms:Decrypt\"]", "\"*\"", null));

    assertTrue(policy.allows(Request.of("s3:GetObject", BUCKET)));
    assertTrue(policy.allows(Request.of("S3:getobjecttagging", BUCKET)));
    assertTrue(policy.allows(Request.of("KMS:decrypt", BUCKET)));
    assertFalse(policy.allows(Request.of("s3:PutObject", BUCKET)));
  }

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({
      "arn:aws:s3:::state/*, arn:aws:s3:::state/a/b/c, true",
      "arn:aws:s3:::state/*, arn:aws:s3:::state, false",
      "arn:aws:s3:::state/env/*/key, arn:aws:s3:::state/env/a/b/key, true",
      "arn:aws:s3:::state/env/*/key, arn:aws:s3:::state/env/a/key.tflock, false",
      "arn:aws:s3:::state/?, arn:aws:s3:::state/a, true",
      "arn:aws:s3:::state/?, arn:aws:s3:::state/ab, false",
      "arn:aws:s3:::State/a, arn:aws:s3:::state/a, false",
      "arn:aws:s3:::state*, arn:aws:s3:::state-other, true"})
  void resourcesMatchCaseSensitivelyWithWildcardsThatCrossSlashes(String pattern, String resource, boolean expected) {
    assertEquals(expected, policy(allow("\"s3:GetObject\"", "\"" + pattern + "\"", null))
        .allows(Request.of("s3:GetObject", resource)));
  }

  @Test
  void stringEqualsNeedsTheKeyAndOneOfTheValues() {
    IdentityPolicy policy = policy(allow("\"s3:ListBucket\"", "\"" + BUCKET + "\"",
        "{\"StringEquals\":{\"s3:prefix\":[\"a/key\",\"env:/\"]}}"));
    Request list = Request.of("s3:ListBucket", BUCKET);

    assertTrue(policy.allows(list.with("s3:prefix", "a/key")));
    assertTrue(policy.allows(list.with("s3:prefix", "env:/")));
    assertFalse(policy.allows(list), "a listing without a prefix is the whole bucket: the key is missing");
    assertFalse(policy.allows(list.with("s3:prefix", "")));
    assertFalse(policy.allows(list.with("s3:prefix", "a/")));
    assertFalse(policy.allows(list.with("s3:prefix", "A/KEY")), "StringEquals is case-sensitive");
  }

  @Test
  void stringLikeMatchesPatterns() {
    IdentityPolicy policy = policy(allow("\"s3:ListBucket\"", "\"" + BUCKET + "\"",
        "{\"StringLike\":{\"s3:prefix\":\"env:/*\"}}"));

    assertTrue(policy.allows(Request.of("s3:ListBucket", BUCKET).with("s3:prefix", "env:/dev/key")));
    assertFalse(policy.allows(Request.of("s3:ListBucket", BUCKET).with("s3:prefix", "other/")));
  }

  @Test
  void operatorsAndKeysAreAndedValuesOred() {
    IdentityPolicy policy = policy(allow("\"s3:ListBucket\"", "\"" + BUCKET + "\"",
        "{\"StringEquals\":{\"s3:prefix\":[\"a\",\"b\"],\"s3:delimiter\":\"/\"},"
            + "\"StringLike\":{\"aws:PrincipalTag/stack\":\"app*\"}}"));
    Request all = Request.of("s3:ListBucket", BUCKET).with("s3:prefix", "b").with("s3:delimiter", "/")
        .with("aws:PrincipalTag/stack", "app-1");

    assertTrue(policy.allows(all));
    assertFalse(policy.allows(all.with("s3:delimiter", ",")));
    assertFalse(policy.allows(all.with("aws:PrincipalTag/stack", "web")));
    assertFalse(policy.allows(all.with("s3:prefix", "c")));
  }

  @Test
  void forAllValuesNeedsEveryRequestValueInTheSetAndIsTrueWithoutTheKey() {
    IdentityPolicy policy = policy(allow("\"dynamodb:GetItem\"", "\"*\"",
        "{\"ForAllValues:StringEquals\":{\"dynamodb:LeadingKeys\":[\"state/a\",\"state/a-md5\"]}}"));
    Request get = Request.of("dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:123456789012:table/locks");

    assertTrue(policy.allows(get.with("dynamodb:LeadingKeys", "state/a")));
    assertTrue(policy.allows(get.with("dynamodb:LeadingKeys", "state/a", "state/a-md5")));
    assertFalse(policy.allows(get.with("dynamodb:LeadingKeys", "state/a", "state/b")));
    assertFalse(policy.allows(get.with("dynamodb:LeadingKeys", "state/b")));
    assertTrue(policy.allows(get), "IAM: ForAllValues on a missing key is true (no value is outside the set)");
    assertTrue(policy.allows(get.with("dynamodb:LeadingKeys")), "and on an empty one");
  }

  @Test
  void forAllValuesStringLikeMatchesEachValueAgainstThePatterns() {
    IdentityPolicy policy = policy(allow("\"dynamodb:PutItem\"", "\"*\"",
        "{\"ForAllValues:StringLike\":{\"dynamodb:LeadingKeys\":[\"state/env:/*/key\"]}}"));
    Request put = Request.of("dynamodb:PutItem", "arn:aws:dynamodb:eu-west-1:123456789012:table/locks");

    assertTrue(policy.allows(put.with("dynamodb:LeadingKeys", "state/env:/dev/key")));
    assertFalse(policy.allows(put.with("dynamodb:LeadingKeys", "state/env:/dev/key", "state/other")));
  }

  @Test
  void forAnyValueNeedsOneMatchingValueAndIsFalseWithoutTheKey() {
    IdentityPolicy policy = policy(allow("\"dynamodb:GetItem\"", "\"*\"",
        "{\"ForAnyValue:StringEquals\":{\"dynamodb:LeadingKeys\":\"state/a\"}}"));
    Request get = Request.of("dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:123456789012:table/locks");

    assertTrue(policy.allows(get.with("dynamodb:LeadingKeys", "state/b", "state/a")));
    assertFalse(policy.allows(get.with("dynamodb:LeadingKeys", "state/b")));
    assertFalse(policy.allows(get));
  }

  @Test
  void whatItDoesNotModelIsRefusedNotGuessed() {
    assertThrows(IllegalArgumentException.class, () -> policy(
        "{\"Effect\":\"Allow\",\"NotAction\":\"s3:*\",\"Resource\":\"*\"}"));
    assertThrows(IllegalArgumentException.class, () -> policy(
        allow("\"s3:GetObject\"", "\"" + BUCKET + "/${aws:username}\"", null)));
    assertThrows(IllegalArgumentException.class, () -> policy(allow("\"s3:GetObject\"", "\"*\"",
        "{\"NumericLessThan\":{\"s3:max-keys\":\"10\"}}")).allows(Request.of("s3:GetObject", BUCKET)));
    assertThrows(IllegalArgumentException.class, () -> policy(allow("\"s3:GetObject\"", "\"*\"",
        "{\"StringEquals\":{\"dynamodb:LeadingKeys\":\"a\"}}"))
        .allows(Request.of("s3:GetObject", BUCKET).with("dynamodb:LeadingKeys", "a", "b")));
    assertThrows(IllegalArgumentException.class, () -> policy(
        "{\"Effect\":\"Maybe\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"));
  }

  /** Two implementations of the same rule, written apart: IAM's wildcard here, the plugin's StringLike in main. */
  @Test
  void theWildcardAgreesWithThePluginsStringLikeMatcher() {
    Random random = new Random(11);
    String alphabet = "ab/*?";
    int compared = 0;
    for (int i = 0; i < 20_000; i++) {
      String pattern = randomText(random, alphabet, 6);
      String value = randomText(random, "ab/", 7);
      assertEquals(StringLike.matches(pattern, value), IdentityPolicy.wildcard(pattern, value),
          () -> "'" + pattern + "' ~ '" + value + "'");
      compared++;
    }
    assertEquals(20_000, compared);
    assertTrue(IdentityPolicy.wildcard("", ""));
    assertFalse(IdentityPolicy.wildcard("", "a"));
    assertTrue(IdentityPolicy.condition("StringLike", List.of("*"), List.of("")));
  }

  private static String randomText(Random random, String alphabet, int maxLength) {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
