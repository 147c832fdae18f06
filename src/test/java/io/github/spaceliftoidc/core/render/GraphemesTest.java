package io.github.spaceliftoidc.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Graphemes} counts clusters as Terraform's textseg does. Every expected count here was read off
 * {@code terraform fmt} 1.11's alignment of the string as an object key; {@code HclFormatterTerraformTest} checks the
 * whole property table against the real Terraform where it is installed.
 */
class GraphemesTest {

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      ASCII letters                                   | abc                                      | 3
      Cyrillic                                        | ключ                                     | 4
      CJK ideographs count one each, not two          | 中文                                     | 2
      a letter and its combining accent               | e\u0301                                  | 1
      Thai SARA AM is a spacing mark                  | \u0e01\u0e33                             | 1
      two spacing marks after a letter                | \u0e01\u0e33\u0e33                       | 1
      Devanagari vowel sign                           | \u0915\u093f                             | 1
      a virama does not join the next consonant (v15) | \u0915\u094d\u0937                       | 2
      Malayalam dot reph is prepended                 | \u0d4e\u0d15                             | 1
      Arabic number sign is prepended                 | \u0600\u0661                             | 1
      a flag is a pair of regional indicators         | \uD83C\uDDEB\uD83C\uDDF7                 | 1
      a third regional indicator starts a cluster     | \uD83C\uDDEB\uD83C\uDDF7\uD83C\uDDEB     | 2
      skin tone modifier                              | \uD83D\uDC4D\uD83C\uDFFD                 | 1
      family ZWJ sequence                             | \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 | 1
      emoji presentation selector                     | \u2764\uFE0F                             | 1
      text-style pictographs join by ZWJ too          | \u2605\u200D\u2605                       | 1
      copyright sign is a pictograph                  | \u00a9\u200D\u00a9                       | 1
      a ZWJ after a letter does not glue a letter     | a\u200Db                                 | 2
      a ZWJ after a letter does not glue an emoji     | a\u200D\uD83D\uDC68                      | 2
      a leading ZWJ does not glue an emoji            | \u200D\uD83D\uDC68                       | 2
      textseg: ZWJ after a flag letter glues an emoji | \uD83C\uDDEB\u200D\uD83D\uDC68           | 1
      textseg: spacing mark inside an emoji sequence  | \uD83D\uDC68\u0903\u200D\uD83D\uDC68     | 1
      textseg: two ZWJs still glue                    | \uD83D\uDC68\u200D\u200D\uD83D\uDC68     | 1
      Hangul jamo L V T                               | \u1100\u1161\u11a8                       | 1
      precomposed Hangul syllables                    | \uac00\uac01                             | 2
      Hangul LV then T                                | \uac00\u11a8                             | 1
      soft hyphen is a control                        | a\u00ad\u0301                            | 3
      U+FFFD breaks like a control in textseg         | \ufffd\u0301                             | 2
      """)
  void countsClustersLikeTerraform(String description, String text, int clusters) {
    assertEquals(clusters, Graphemes.count(text), description);
  }
}
