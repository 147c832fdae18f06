package io.github.spaceliftoidc.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.problem.Hints;
import io.github.spaceliftoidc.core.problem.Markdown;
import io.github.spaceliftoidc.core.write.GeneratedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing that reaches the Markdown report from the YAML becomes Markdown: not a link, not an image, not raw HTML,
 * and it cannot end its code span early. The hostile values are the free-form ones the rules let through: a stack
 * directory, a role path (in the ARN), an audience, and a space path (in the subjects).
 */
class MarkdownEscapingTest {

  private static final String HOSTILE = "x`[approved-by-security](//evil.example/x)`<img/src=x>``y";

  @ParameterizedTest
  @ValueSource(strings = {"plain", "with `one` tick", "``double``", "`starts", "ends`", " spaced ", HOSTILE,
      "line\nbreak\u0000nul"})
  void aCodeSpanHoldsAnyValueLiterally(String value) {
    String span = Markdown.code(value);

    String content = codeSpanContent(span);

    assertEquals(io.github.spaceliftoidc.core.problem.Printable.of(value), content, span);
    assertFalse(span.contains("\n"), "a line break would end the paragraph");
  }

  @Test
  void textEscapesWhatStartsMarkdownAndAutolinks() {
    assertEquals("a\\[b\\](c) \\<img\\> \\*x\\* \\_y\\_ \\`z\\` www\\.evil.example http\\://e me\\@x \\&amp; \\|",
        Markdown.text("a[b](c) <img> *x* _y_ `z` www.evil.example http://e me@x &amp; |"));
  }

  @Test
  void theReportOfAHostileYamlHasNoLinkImageOrHtmlOutsideCodeSpans(@TempDir Path directory) throws IOException {
    Path yaml = directory.resolve("spacelift-oidc.yaml");
    Files.writeString(yaml, """
        spacelift:
          hostname: demo.app.spacelift.io
          audiences: ["aud`[a](//evil.example)`<b>", demo.app.spacelift.io]
          subjectTemplate:
            - space:{spaceId}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}
            - p:{spacePath}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}
        accounts:
          - name: production
            id: "123456789012"
            region: eu-west-1
            directory: "iam/x`[a](//evil.example)`<img src=x>"
            roles:
              - name: spacelift-infra
                path: "/x`[a](//evil.example)`<i>/"
        spaces:
          - name: production
            id: production-01HND497T9JKR76MR3KA2CDJHP
            path: "root/x`[a](//evil.example)`<s>"
        stacks:
          - id: infra
            space: production
            account: production
            role: spacelift-infra
            directory: "stacks/x`[a](//evil.example)`<img src=x>"
        """);
    GenerationPlan plan = new SpaceliftOidc().load(GenerationRequest.of(yaml)).plan();

    String markdown = Explainer.markdown(plan);
    String outside = withoutCodeSpans(markdown);

    assertFalse(outside.contains("<"), "no raw HTML outside code spans:\n" + outside);
    assertFalse(outside.contains("]("), "no link outside code spans:\n" + outside);
    assertFalse(outside.replace("\\`", "").contains("`"), "every backtick belongs to a code span:\n" + outside);
    assertTrue(markdown.contains(Markdown.code(plan.stacks().get(0).directory())), markdown);
    assertTrue(markdown.contains(Markdown.code("aud`[a](//evil.example)`<b>")), markdown);
  }

  @Test
  void theReportFileHasThePermissionsOfTheGeneratedFiles(@TempDir Path directory) throws IOException {
    Path yaml = directory.resolve("spacelift-oidc.yaml");
    Files.copy(io.github.spaceliftoidc.testing.ProjectPaths.root().resolve("examples/quickstart/spacelift-oidc.yaml"),
        yaml);
    GenerationRequest request = GenerationRequest.of(yaml);
    new SpaceliftOidc().generate(request);
    Path report = directory.resolve("trust.md");

    ReportFile.write(new SpaceliftOidc().load(request).plan(), report, Hints.NEUTRAL);

    Path generated = Files.walk(directory).filter(p -> p.toString().endsWith(".tf")).findFirst().orElseThrow();
    assertTrue(Files.readString(generated).startsWith(GeneratedFile.HEADER));
    assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(generated)),
        PosixFilePermissions.toString(Files.getPosixFilePermissions(report)), "0644 with the usual umask, not 0600");
  }

  /** The content of a single code span, by CommonMark's rules (equal fences, one stripped space each side). */
  private static String codeSpanContent(String span) {
    int fence = 0;
    while (fence < span.length() && span.charAt(fence) == '`') {
      fence++;
    }
    String ticks = "`".repeat(fence);
    assertTrue(span.endsWith(ticks) && span.length() >= 2 * fence, span);
    String inner = span.substring(fence, span.length() - fence);
    assertFalse(inner.contains(ticks) && !inner.contains(ticks + "`"), "the fence cannot occur inside: " + span);
    if (inner.length() >= 2 && inner.startsWith(" ") && inner.endsWith(" ") && !inner.isBlank()) {
      inner = inner.substring(1, inner.length() - 1);
    }
    return inner;
  }

  /** The Markdown with every code span (a backtick run up to the next run of the same length) removed. */
  private static String withoutCodeSpans(String markdown) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < markdown.length()) {
      char c = markdown.charAt(i);
      if (c == '\\' && i + 1 < markdown.length()) {
        out.append(c).append(markdown.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c != '`') {
        out.append(c);
        i++;
        continue;
      }
      int run = i;
      while (run < markdown.length() && markdown.charAt(run) == '`') {
        run++;
      }
      String fence = markdown.substring(i, run);
      int close = -1;
      for (int search = run; search < markdown.length(); ) {
        int at = markdown.indexOf('`', search);
        if (at < 0) {
          break;
        }
        int end = at;
        while (end < markdown.length() && markdown.charAt(end) == '`') {
          end++;
        }
        if (end - at == fence.length()) {
          close = at;
          break;
        }
        search = end;
      }
      if (close < 0) {
        out.append(fence);
        i = run;
      } else {
        i = close + fence.length();
      }
    }
    return out.toString();
  }
}
