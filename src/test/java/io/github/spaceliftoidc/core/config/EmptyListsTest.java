package io.github.spaceliftoidc.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.spaceliftoidc.core.problem.Problem;
import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.yaml.TreeReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An empty list or map inside an object is an error, as a key without a value is: it never silently means the key's
 * default ({@code audiences: []} is not "the hostname", {@code runTypes: []} not "any"). Remove the key for the
 * default. The collections at the top of the file may be empty: an organisation may have no stacks yet.
 */
class EmptyListsTest {

  private static final String FILE = "spacelift-oidc.yaml";
  private static final String YAML = """
      spacelift:
        hostname: demo.app.spacelift.io
        %1$s
      accounts:
        - name: production
          id: "123456789012"
          region: eu-west-1
          %2$s
          roles:
            - name: spacelift-infra
              %3$s
      spaces:
        - name: production
          id: production-01HND497T9JKR76MR3KA2CDJHP
      stacks:
        - id: infra
          space: production
          account: production
          role: spacelift-infra
          %4$s
      """;

  private static List<String> problems(String yaml) {
    Problems problems = new Problems();
    new ConfigBinder(problems).bind(new TreeReader().readString(yaml, FILE, TreeReader.Format.YAML, problems)
        .orElseThrow(), Path.of(FILE), FILE);
    return problems.sorted().stream().map(Problem::toString).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "audiences: []          | 1 | 3:14 | 'audiences' of spacelift is an empty list",
      "subjectTemplate: []    | 1 | 3:20 | 'subjectTemplate' of spacelift is an empty list",
      "thumbprints: []        | 2 | 8:18 | 'thumbprints' of account 'production' is an empty list",
      "managedPolicies: []    | 3 | 11:26 | 'managedPolicies' of role 'spacelift-infra' of account 'production' is an empty list",
      "inlinePolicies: []     | 3 | 11:25 | 'inlinePolicies' of role 'spacelift-infra' of account 'production' is an empty list",
      "trust: []              | 3 | 11:16 | 'trust' of role 'spacelift-infra' of account 'production' is an empty list",
      "tags: {}               | 3 | 11:15 | 'tags' of role 'spacelift-infra' of account 'production' is an empty map",
      "aliases: []            | 4 | 20:14 | 'aliases' of stack 'infra' is an empty list",
      "runTypes: []           | 4 | 20:15 | 'runTypes' of stack 'infra' is an empty list",
      "scopes: []             | 4 | 20:13 | 'scopes' of stack 'infra' is an empty list"})
  void anEmptyCollectionInsideAnObjectIsAnErrorAtItsValue(String line, int slot, String at, String says) {
    String[] slots = {"", "", "", ""};
    slots[slot - 1] = line.strip();

    List<String> problems = problems(YAML.formatted((Object[]) slots));

    assertEquals(List.of(FILE + ":" + at + ": " + says + "; remove the key to use its default, or "
        + (line.contains("{}") ? "add an entry." : "list at least one value.")), problems);
  }

  @Test
  void theCollectionsAtTheTopMayBeEmpty() {
    String yaml = """
        spacelift:
          hostname: demo.app.spacelift.io
        accounts:
          - name: production
            id: "123456789012"
            region: eu-west-1
            roles:
              - name: spacelift-infra
        spaces: []
        stacks: []
        modules: []
        """;

    assertEquals(List.of(), problems(yaml), "an organisation without spaces, stacks or modules yet");
  }
}
