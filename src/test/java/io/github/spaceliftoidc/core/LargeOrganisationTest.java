package io.github.spaceliftoidc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.write.FileChange;
import io.github.spaceliftoidc.core.write.GeneratedFile;
import io.github.spaceliftoidc.testing.GoldenFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An organisation large enough that files are rendered, read and written on several threads: the output is the
 * same as rendering each file on its own, in the same order, and a second run writes nothing.
 */
class LargeOrganisationTest {

  private static final int ACCOUNTS = 3;
  private static final int STACKS_PER_ACCOUNT = 100;

  @Test
  void parallelOutputEqualsFileByFileOutput(@TempDir Path directory) throws IOException {
    Path yaml = directory.resolve("spacelift-oidc.yaml");
    Files.writeString(yaml, organisation(), StandardCharsets.UTF_8);
    GenerationRequest request = GenerationRequest.of(yaml).withOutputDirectory(directory.resolve("out"));
    SpaceliftOidc core = new SpaceliftOidc();

    SpaceliftOidc.Loaded loaded = core.load(request);
    List<GeneratedFile> all = core.render(request, loaded);

    assertEquals(ACCOUNTS + ACCOUNTS * STACKS_PER_ACCOUNT, all.size());
    for (int a = 0; a < ACCOUNTS; a++) {
      assertEquals("iam/" + account(a) + "/spacelift-oidc-iam.tf", all.get(a).path(), "accounts first, in order");
      assertEquals(all.get(a), alone(core, request, loaded, new Selection(Set.of(), Set.of(account(a)))));
    }
    for (int s = 0; s < ACCOUNTS * STACKS_PER_ACCOUNT; s++) {
      GeneratedFile file = all.get(ACCOUNTS + s);
      assertEquals("stacks/" + stack(s) + "/spacelift-oidc-provider.tf", file.path(), "stacks in YAML order");
      if (s % 7 == 0) {
        assertEquals(file, alone(core, request, loaded, new Selection(Set.of(stack(s)), Set.of())));
      }
    }

    GenerationResult first = core.generate(request);
    Map<String, String> written = GoldenFiles.read(request.outputDirectory());
    GenerationResult second = core.generate(request);

    assertEquals(all.size(), first.written());
    assertEquals(all.size() + 1, written.size(), "every file and the manifest");
    all.forEach(file -> assertEquals(file.content(), written.get(file.path()), file.path()));
    assertEquals(0, second.written());
    assertEquals(all.size(), second.count(FileChange.Kind.UNCHANGED));
  }

  /** The one file a selection of one stack or account renders: sequentially, as there is only one. */
  private static GeneratedFile alone(SpaceliftOidc core, GenerationRequest request, SpaceliftOidc.Loaded loaded,
      Selection selection) {
    List<GeneratedFile> files = core.render(request.withSelection(selection), loaded);
    assertEquals(1, files.size());
    return files.get(0);
  }

  private static String organisation() {
    StringBuilder yaml = new StringBuilder("spacelift:\n  hostname: acme.app.spacelift.io\naccounts:\n");
    for (int a = 0; a < ACCOUNTS; a++) {
      yaml.append(String.format(Locale.ROOT, "  - name: %s%n    id: \"%012d\"%n    region: eu-west-1%n    roles:%n",
          account(a), 100_000_000_000L + a));
      for (int s = a * STACKS_PER_ACCOUNT; s < (a + 1) * STACKS_PER_ACCOUNT; s++) {
        yaml.append("      - name: role-").append(stack(s)).append('\n');
      }
    }
    yaml.append("spaces:\n  - name: production\n    id: production-01HND497T9JKR76MR3KA2CDJHP\nstacks:\n");
    for (int s = 0; s < ACCOUNTS * STACKS_PER_ACCOUNT; s++) {
      yaml.append("  - id: ").append(stack(s)).append("\n    space: production\n    account: ")
          .append(account(s / STACKS_PER_ACCOUNT)).append("\n    role: role-").append(stack(s)).append('\n');
      if (s % 2 == 0) {
        yaml.append("    runTypes: [TRACKED, PROPOSED]\n");
      }
    }
    return yaml.toString();
  }

  private static String account(int a) {
    return "account-" + a;
  }

  private static String stack(int s) {
    return String.format(Locale.ROOT, "stack-%04d", s);
  }
}
