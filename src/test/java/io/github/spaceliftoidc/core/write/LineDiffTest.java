package io.github.spaceliftoidc.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The short diff that check shows for a changed file. */
class LineDiffTest {

  @Test
  void showsRemovedLinesBeforeAddedOnesWithOneLineOfContextAndElidesTheRest() {
    String before = "a\nb\nc\nd\ne\nf\ng\n";
    String after = "a\nb\nC\nd\ne\nf\nG\n";

    assertEquals("""
        --- x.tf (on disk)
        +++ x.tf (generated)
         b
        -c
        +C
         d
        ...
         f
        -g
        +G
        \s
        """, LineDiff.unified("x.tf", before, after, 40));
  }

  @Test
  void cutsLongDiffsShort() {
    String diff = LineDiff.unified("x.tf", "1\n2\n3\n4\n", "5\n6\n7\n8\n", 3);

    assertEquals("""
        --- x.tf (on disk)
        +++ x.tf (generated)
        -1
        -2
        -3
        ... (6 more diff lines)
        """, diff);
  }
}
