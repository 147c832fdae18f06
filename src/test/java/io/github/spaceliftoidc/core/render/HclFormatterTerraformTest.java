package io.github.spaceliftoidc.core.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.spaceliftoidc.testing.TerraformCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The real {@code terraform fmt} agrees with {@link HclFormatter}: it leaves the formatter's output unchanged, both for
 * the hand-written cases of {@link HclFormatterTest} and for hundreds of generated snippets. Each check runs
 * {@code terraform fmt} once over a directory of files. Skipped, with the reason, where Terraform is missing.
 */
@Execution(ExecutionMode.CONCURRENT)
class HclFormatterTerraformTest {

  private static final int SNIPPETS = 400;
  private static final int RAW_SAMPLE = 60;
  private static final long SEED = 20240611L;

  @Test
  void terraformFmtLeavesEveryExpectedTextUnchanged(@TempDir Path directory) throws IOException {
    TerraformCli terraform = TerraformCli.require();
    List<HclFormatterTest.Case> cases = HclFormatterTest.cases().toList();
    for (int i = 0; i < cases.size(); i++) {
      write(directory.resolve(String.format("case-%02d.tf", i)), cases.get(i).expected());
    }
    TerraformCli.Result result = terraform.fmtCheck(directory);
    assertTrue(result.ok(), () -> "terraform fmt would change expected texts of HclFormatterTest (case-NN is the"
        + " NN-th case):\n" + result.output());
  }

  /**
   * The property: whatever the generated input, terraform fmt leaves HclFormatter's output unchanged. In the same run,
   * a sample of the raw inputs guards the property against a generator that only writes formatted or unparseable
   * text: they must parse, and most must need formatting.
   */
  @Test
  void terraformFmtLeavesFormattedRandomSnippetsUnchanged(@TempDir Path directory) throws IOException {
    TerraformCli terraform = TerraformCli.require();
    Random random = new Random(SEED);
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < SNIPPETS; i++) {
      String input = RandomHcl.file(random);
      inputs.add(input);
      write(directory.resolve(String.format("snippet-%03d.tf", i)), HclFormatter.format(input));
      if (i < RAW_SAMPLE) {
        write(directory.resolve(String.format("raw-%03d.tf", i)), input);
      }
    }
    TerraformCli.Result result = terraform.fmtCheck(directory);
    List<String> changed = result.output().lines().filter(line -> line.matches("(raw|snippet)-\\d+\\.tf")).toList();
    assertFalse(result.output().contains("Error"), () -> "a generated snippet is not valid HCL:\n" + result.output());
    if (changed.stream().anyMatch(name -> name.startsWith("snippet-"))) {
      String snippets = result.output().substring(result.output().indexOf("snippet-"));
      fail("terraform fmt would change what HclFormatter wrote for generated snippets (seed " + SEED + "):\n"
          + snippets + "\nFirst input that went wrong:\n" + firstFailingInput(snippets, inputs));
    }
    assertTrue(changed.size() >= RAW_SAMPLE * 2 / 3,
        () -> "only " + changed.size() + " of " + RAW_SAMPLE + " raw snippets needed formatting:\n" + result.output());
  }

  @Test
  void terraformFmtCountsGraphemeClustersLikeTheFormatterAtEveryEdgeOfItsUnicodeTable(@TempDir Path directory)
      throws IOException {
    // The first and last code point of every run of Graphemes' property table, each in the contexts that tell the
    // kinds apart: after a letter (extending marks), before a letter (prepended), before an accent (controls) and
    // after an emoji with ZWJ (pictographs). The keys are aligned under a long ASCII key, so any miscount shows.
    TerraformCli terraform = TerraformCli.require();
    java.util.TreeSet<Integer> codePoints = new java.util.TreeSet<>();
    for (int start : Graphemes.runStarts()) {
      codePoints.add(start);
      codePoints.add(start - 1);
    }
    StringBuilder hcl = new StringBuilder("locals {\n");
    int keys = 0;
    for (int codePoint : codePoints) {
      if (codePoint < 0xA0 || Character.getType(codePoint) == Character.SURROGATE) {
        continue; // ASCII and C0/C1 controls cannot appear in a quoted string as they are
      }
      String c = Character.toString(codePoint);
      for (String key : List.of("a" + c, c + "a", c + "\u0301", "\uD83D\uDC68\u200D" + c)) {
        if (keys++ % 200 == 0) {
          hcl.append(keys > 1 ? "}\n" : "").append("o").append(keys).append(" = {\n\"").append("x".repeat(40))
              .append("\" = 0\n");
        }
        hcl.append('"').append(key).append("\" = 1\n");
      }
    }
    hcl.append("}\n}\n");
    write(directory.resolve("graphemes.tf"), HclFormatter.format(hcl.toString()));
    TerraformCli.Result result = terraform.fmtCheck(directory);
    assertTrue(result.ok(), () -> "terraform fmt counts grapheme clusters differently (lines marked - are ours):\n"
        + result.output());
  }

  private static String firstFailingInput(String output, List<String> inputs) {
    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("snippet-(\\d{3})\\.tf").matcher(output);
    return matcher.find() ? inputs.get(Integer.parseInt(matcher.group(1))) : "(not found in the output)";
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
