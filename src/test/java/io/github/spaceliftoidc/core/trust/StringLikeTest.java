package io.github.spaceliftoidc.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IAM {@code StringLike} matching, and the covering check that lets policies drop redundant patterns. */
class StringLikeTest {

  private static final String SUB = "space:production-01HND497T9JKR76MR3KA2CDJHP:stack:infra:run_type:TRACKED:scope:write";

  @ParameterizedTest(name = "''{0}'' matches ''{1}'': {2}")
  @CsvSource(delimiter = '|', nullValues = "NULL", emptyValue = "", textBlock = """
      abc     | abc     | true
      abc     | abd     | false
      abc     | ABC     | false
      abc     | abcd    | false
      abc     | ab      | false
      *       | ''      | true
      *       | anything| true
      ''      | ''      | true
      ''      | a       | false
      a*      | a       | true
      a*      | abc     | true
      a*      | ba      | false
      *c      | abc     | true
      *c      | abcd    | false
      a*c     | ac      | true
      a*c     | abbbc   | true
      a*c     | abcb    | false
      ?       | a       | true
      ?       | ''      | false
      ?       | ab      | false
      a?c     | abc     | true
      a?c     | ac      | false
      ??      | ab      | true
      ?*      | ''      | false
      ?*      | a       | true
      *?      | ab      | true
      **      | ''      | true
      a*b*c   | aXbYbZc | true
      a*b*c   | aXbYbZ  | false
      *a*a*   | xaxa    | true
      *a*a*   | xax     | false
      a.c     | abc     | false
      a.c     | a.c     | true
      a+      | aa      | false
      [ab]    | a       | false
      [ab]    | [ab]    | true
      """)
  void matchesAsIamStringLikeDoes(String pattern, String value, boolean expected) {
    assertEquals(expected, StringLike.matches(pattern, value));
  }

  @Test
  void matchesRealSubjects() {
    assertTrue(StringLike.matches(SUB, SUB));
    assertTrue(StringLike.matches("space:production-01HND497T9JKR76MR3KA2CDJHP:stack:infra:run_type:*:scope:*", SUB));
    assertTrue(StringLike.matches("space:*:stack:infra:*", SUB));
    assertFalse(StringLike.matches("space:*:stack:infra:run_type:PROPOSED:scope:*", SUB));
    assertFalse(StringLike.matches("space:*:stack:infra-2:*", SUB), "a stack id is not a prefix match");
    assertFalse(StringLike.matches("space:*:module:infra:*", SUB));
  }

  @Test
  void matchesAgreesWithAReferenceImplementationOnRandomInput() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      String pattern = random(random, "ab*?", 6);
      String value = random(random, "abc", 7);
      assertEquals(reference(pattern, value), StringLike.matches(pattern, value),
          () -> "'" + pattern + "' on '" + value + "'");
    }
  }

  @ParameterizedTest(name = "''{0}'' covers ''{1}''")
  @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
      *                                   | anything
      *                                   | ''
      *                                   | a*b?
      abc                                 | abc
      a*                                  | ab*
      a*                                  | a?
      a*                                  | a
      a?                                  | ab
      ?*                                  | a*
      *c                                  | ab?c
      a*c                                 | a*b*c
      space:x:stack:*:run_type:*:scope:*  | space:x:stack:infra:run_type:TRACKED:scope:write
      space:x:stack:*:run_type:*:scope:*  | space:x:stack:infra:run_type:*:scope:read
      space:*:stack:infra:*               | space:x:stack:infra:run_type:TRACKED:scope:*
      """)
  void coversKnownPairs(String wide, String narrow) {
    assertTrue(StringLike.covers(wide, narrow));
  }

  @ParameterizedTest(name = "''{0}'' does not cover ''{1}''")
  @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
      a?                                  | a*
      ab                                  | a?
      a*                                  | b*
      ?                                   | *
      ?*                                  | *
      abc                                 | ab
      space:x:stack:*:run_type:*:scope:*  | space:y:stack:infra:run_type:TRACKED:scope:write
      space:x:stack:infra:*               | space:x:stack:*:run_type:TRACKED:scope:write
      space:x:stack:infra:run_type:*:scope:read | space:x:stack:infra:run_type:*:scope:*
      """)
  void doesNotCoverPairsWhereTheNarrowOneMatchesMore(String wide, String narrow) {
    assertFalse(StringLike.covers(wide, narrow));
  }

  /**
   * Soundness, which is what matters: when {@code covers(wide, narrow)} says yes, every string that {@code narrow}
   * matches, {@code wide} matches too. Checked against every string of up to 6 letters over an alphabet with a
   * letter that no pattern names.
   */
  @Test
  void coversIsSoundAgainstBruteForceEnumeration() {
    List<String> strings = allStrings("abc", 6);
    Random random = new Random(7);
    int proven = 0;
    for (int i = 0; i < 4_000; i++) {
      String wide = random(random, "ab*?", 4);
      String narrow = random(random, "ab*?", 4);
      if (random.nextInt(3) == 0) {
        narrow = specialise(wide, random); // make covering pairs common enough to matter
      }
      if (StringLike.covers(wide, narrow)) {
        proven++;
        for (String s : strings) {
          if (StringLike.matches(narrow, s) && !StringLike.matches(wide, s)) {
            fail("covers('" + wide + "', '" + narrow + "') but '" + s + "' matches only the narrow one");
          }
        }
      }
    }
    assertTrue(proven > 1_000, "the property must be exercised by many covering pairs, got " + proven);
  }

  @Test
  void coversFindsWhatAnyPatternCoversOfItsOwnSpecialisations() {
    // Replacing a wildcard of a pattern by something it stands for narrows it; covers must see that (completeness on
    // the cases that matter for de-duplicating subject patterns).
    Random random = new Random(11);
    for (int i = 0; i < 2_000; i++) {
      String wide = random(random, "ab*?", 6);
      String narrow = specialise(wide, random);
      assertTrue(StringLike.covers(wide, narrow), () -> "'" + wide + "' should cover '" + narrow + "'");
    }
  }

  /** A pattern that matches a subset of what {@code pattern} matches: stars become text, stars or nothing. */
  private static String specialise(String pattern, Random random) {
    StringBuilder out = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*') {
        out.append(switch (random.nextInt(4)) {
          case 0 -> "";
          case 1 -> "a?";
          case 2 -> "*b*";
          default -> "*";
        });
      } else if (c == '?') {
        out.append(random.nextBoolean() ? "a" : "?");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean reference(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(switch (c) {
        case '*' -> ".*";
        case '?' -> ".";
        default -> Pattern.quote(String.valueOf(c));
      });
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
  }

  private static String random(Random random, String alphabet, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  static List<String> allStrings(String alphabet, int maxLength) {
    List<String> strings = new ArrayList<>();
    strings.add("");
    int from = 0;
    for (int length = 1; length <= maxLength; length++) {
      int to = strings.size();
      for (int i = from; i < to; i++) {
        for (char c : alphabet.toCharArray()) {
          strings.add(strings.get(i) + c);
        }
      }
      from = to;
    }
    return strings;
  }
}
