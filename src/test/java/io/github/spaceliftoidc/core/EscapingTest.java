package io.github.spaceliftoidc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.yaml.TreeReader;
import io.github.spaceliftoidc.core.yaml.YNode;
import io.github.spaceliftoidc.testing.HclStrings;
import io.github.spaceliftoidc.testing.HclStrings.Literal;
import io.github.spaceliftoidc.testing.ProjectPaths;
import io.github.spaceliftoidc.testing.TerraformCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No user string changes meaning on its way into the generated files. {@code escaping/spacelift-oidc.yaml} puts
 * {@code ${...}}, {@code %{...}}, quotes, backslashes, a newline and a tab into every value whose format allows them;
 * every one must read back literally, and the only template sequence left in the output is the templates' own
 * {@code ${var.spacelift_run_id}}.
 */
class EscapingTest {

  private static final Path CASES = ProjectPaths.testResources().resolve("escaping");
  private static final String RUN_ID = "${var.spacelift_run_id}";

  /** The description of the issue, plus a line break and a tab, and the escapes themselves written literally. */
  private static final String DESCRIPTION = "Deploys ${var.x} and %{if true}x%{endif} \"q\" back\\slash\nsecond line"
      + "\tend $${y} %%{z} $$${w}";

  /** The user's values as the generated files must read them back, whatever file they land in. */
  private static final List<String> USER_VALUES = List.of(
      DESCRIPTION,
      "aud-${var.a}-%{if}\"q\"\\x",
      "/mnt/${var.t}/%{x}/\"tok\"\\file",
      "arn:aws:iam::123456789012:role/a\"${b}%{c}\\/spacelift-infra",
      "state/${var.k}/\"q\"\\%{k}.tfstate",
      "path:root/${var.s}\"x\"\\y%{z}:stack:infra:run_type:*:scope:*",
      "path:root/${var.s}\"x\"\\y%{z}:module:vpc:run_type:*:scope:*",
      "arn:aws:s3:::bucket/${aws:username}/\"x\"\\y",
      "${aws:PrincipalTag/team}\"",
      "%{if}");

  @Test
  void everyUserValueReadsBackLiterallyAndNoUserTemplateSequenceSurvives(@TempDir Path output) throws IOException {
    generate("spacelift-oidc.yaml", output);

    List<Literal> literals = literalsOf(output);

    List<String> values = literals.stream().map(Literal::value).toList();
    for (String expected : USER_VALUES) {
      assertTrue(values.contains(expected), "no string literal reads back as " + expected + "; literals: " + values);
    }
    List<String> sequences = literals.stream().flatMap(l -> l.templateSequences().stream()).distinct().toList();
    assertEquals(List.of(RUN_ID), sequences, "the only template sequence is the templates' own");
  }

  @Test
  void terraformReadsTheRenderedDescriptionBackExactly(@TempDir Path output, @TempDir Path scratch)
      throws IOException {
    TerraformCli terraform = TerraformCli.require();
    generate("spacelift-oidc.yaml", output);
    Literal description = literalsOf(output).stream()
        .filter(l -> l.value().equals(DESCRIPTION)).findFirst().orElseThrow();
    Files.writeString(scratch.resolve("main.tf"), "locals {\n  description = " + description.source() + "\n}\n");

    TerraformCli.Result result = terraform.console(scratch, "base64encode(local.description)");

    assertEquals(DESCRIPTION, decodeBase64Output(result));
  }

  @Test
  void terraformReadsEveryGeneratedLiteralAsTheTestDoes(@TempDir Path output, @TempDir Path scratch)
      throws IOException {
    TerraformCli terraform = TerraformCli.require();
    generate("spacelift-oidc.yaml", output);
    List<Literal> literals = literalsOf(output).stream().filter(l -> l.templateSequences().isEmpty()).toList();
    Files.writeString(scratch.resolve("main.tf"), "locals {}\n");
    String array = literals.stream().map(Literal::source).collect(Collectors.joining(", ", "[", "]"));

    TerraformCli.Result result = terraform.console(scratch, "base64encode(jsonencode(" + array + "))");

    List<String> terraformValues = jsonStrings(decodeBase64Output(result));
    assertEquals(literals.stream().map(Literal::value).toList(), terraformValues);
    assertTrue(terraformValues.containsAll(USER_VALUES));
  }

  @Test
  void theGeneratedFilesAreValidTerraform(@TempDir Path output) throws IOException {
    TerraformCli terraform = TerraformCli.require();
    generate("spacelift-oidc.yaml", output);

    for (String directory : List.of("iam/production", "stacks/infra")) {
      TerraformCli.Result fmt = terraform.fmtCheck(output.resolve(directory));
      TerraformCli.Result validate = terraform.validate(output.resolve(directory));
      assertTrue(fmt.ok(), directory + ": " + fmt.output());
      assertTrue(validate.ok(), directory + ": " + validate.output());
    }
  }

  @Test
  void theBeforeInitScriptQuotesTheTokenFileAndRoleArnForTheShell(@TempDir Path output) throws Exception {
    Path sh = Path.of("/bin/sh");
    assumeTrue(Files.isExecutable(sh), "Skipped: no /bin/sh to run the generated script's assignments");
    generate("legacy.yaml", output);
    String script = Files.readString(output.resolve("stacks/infra/spacelift-oidc-before-init.sh"));
    String assignments = script.lines().filter(l -> l.matches("\\s*_spacelift_oidc_(token_file|role_arn)=.*"))
        .collect(Collectors.joining("\n"));

    String printed = run(sh.toString(), "-c", assignments
        + "\nprintf '%s\\n%s' \"$_spacelift_oidc_token_file\" \"$_spacelift_oidc_role_arn\"");
    String syntax = run(sh.toString(), "-n", output.resolve("stacks/infra/spacelift-oidc-before-init.sh").toString());

    assertEquals("/mnt/it's $(id) `id` $HOME/tok\narn:aws:iam::123456789012:role/team'$(id)/spacelift-infra", printed);
    assertEquals("", syntax, "sh -n finds the whole script well-formed");
  }

  private static void generate(String config, Path output) {
    new SpaceliftOidc().generate(GenerationRequest.of(CASES.resolve(config)).withOutputDirectory(output));
  }

  /** Every string literal of every generated .tf file. */
  private static List<Literal> literalsOf(Path output) throws IOException {
    List<Literal> literals = new ArrayList<>();
    for (String file : List.of("iam/production/spacelift-oidc-iam.tf", "stacks/infra/spacelift-oidc-provider.tf")) {
      literals.addAll(HclStrings.literals(Files.readString(output.resolve(file), StandardCharsets.UTF_8)));
    }
    return literals;
  }

  private static final Pattern QUOTED_BASE64 = Pattern.compile("(?m)^\"([A-Za-z0-9+/=]*)\"$");

  private static String decodeBase64Output(TerraformCli.Result result) {
    assertTrue(result.ok(), result.output());
    Matcher matcher = QUOTED_BASE64.matcher(result.output());
    assertTrue(matcher.find(), "terraform console printed no base64 string: " + result.output());
    return new String(Base64.getDecoder().decode(matcher.group(1)), StandardCharsets.UTF_8);
  }

  /** A JSON array of strings, read with the plugin's own JSON reader (no databind on the classpath). */
  private static List<String> jsonStrings(String json) {
    Problems problems = new Problems();
    YNode node = new TreeReader().readString(json, "console", TreeReader.Format.JSON, problems).orElseThrow();
    return ((YNode.YSeq) node).items().stream().map(item -> ((YNode.YScalar) item).text()).toList();
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "sh did not finish");
    assertEquals(0, process.exitValue(), out);
    return out;
  }
}
