package io.github.spaceliftoidc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.maven.MavenHints;
import io.github.spaceliftoidc.core.plan.Planner;
import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.problem.InvalidConfigurationException;
import io.github.spaceliftoidc.core.problem.Problem;
import io.github.spaceliftoidc.testing.DirectorySnapshot;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: each file under {@code src/test/resources/bad-input/} is the valid
 * {@code _valid-baseline.yaml} with one mistake (its first line says which). For each, a run over earlier generated
 * output must fail with exactly one located problem: at the exact {@code file:line:column} of the offending value,
 * naming the value and the fix, and leaving every file on disk as it was.
 *
 * <p>Each row reads: case file, where the problem points ({@code line:column} in the case file, or
 * {@code file:line:column} for another file), then the fragments the message must contain.
 */
class BadInputCorpusTest {

  private static final Path CORPUS = ProjectPaths.testResources().resolve("bad-input");
  private static final String BASELINE = "_valid-baseline.yaml";

  /** One row of the table. */
  record Case(String name, String at, List<String> says) {
    @Override
    public String toString() {
      return name;
    }

    String location() {
      return at.matches("\\d+:\\d+") ? name + ".yaml:" + at : at;
    }
  }

  private static Case bad(String name, String at, String... says) {
    return new Case(name, at, List.of(says));
  }

  static Stream<Case> cases() {
    return Stream.of(
        // YAML syntax: the parser's own position, and where the broken construct began.
        bad("syntax-missing-colon", "8:5", "YAML syntax error", "could not find expected ':'", "line 7, column 5",
            "check indentation, quotes and colons"),
        bad("syntax-bad-indentation", "7:6", "YAML syntax error", "'region:' on line 7 is indented deeper (5 spaces)",
            "than 'id:' on line 6 (4 spaces)", "indent it by 4 spaces like 'id:'"),
        // The two indentation mistakes in the parser's words "mapping values are not allowed here" and "expected
        // <block end>, but found '?'": a sentence, the line, and what to write instead.
        bad("syntax-key-too-deep", "17:7", "'account:' on line 17 is indented deeper (6 spaces) than 'space:' on line"
            + " 16 (4 spaces)", "indent it by 4 spaces like 'space:'", "quote that value"),
        bad("syntax-key-too-shallow", "17:3", "'account:' on line 17 is indented like the '- ' that starts the list"
            + " item on line 15", "indent it by 4 spaces like 'id:' to keep it in the item", "start a new item"),
        bad("syntax-unclosed-quote", "19:1", "YAML syntax error", "quoted scalar that starts at line 6, column 9"),
        bad("syntax-tab-indentation", "7:1", "YAML syntax error", "Do not use \\t(TAB) for indentation"),
        bad("syntax-two-documents", "20:1", "a second document starts here", "keep the whole configuration in one"),
        // Bounded reading: refused where the limit is crossed, before the cost is paid.
        bad("alias-bomb", "9:7", "expands to more than 4,000,000 nodes", "alias bomb, so it is refused"),
        bad("nesting-too-deep", "19:73", "nests deeper than 64 levels", "check for a runaway structure"),
        // Empty files and a root that is not a map.
        bad("empty-file", "1:1", "the file is empty", "mvn spacelift-oidc:init"),
        bad("comments-only", "1:1", "the file is empty", "`spacelift:`"),
        bad("root-is-a-list", "2:1", "must be a map of keys, found a list", "top-level keys spacelift:"),
        bad("root-is-a-string", "2:1", "found a string \"spacelift-oidc\"", "top-level keys spacelift:"),
        bad("accounts-empty-list", "4:11", "'accounts'", "is an empty list", "list at least one AWS account"),
        bad("accounts-empty-value", "4:10", "'accounts' is empty", "list the AWS accounts"),
        bad("roles-empty-list", "8:12", "'roles' of account 'production' is an empty list",
            "list at least one IAM role"),
        // Wrong types.
        bad("type-accounts-is-a-map", "5:3", "'accounts'", "must be a list, found a map", "start each item with '- '"),
        bad("type-spacelift-is-a-list", "3:3", "spacelift must be a map of keys, found a list",
            "indented key: value lines"),
        bad("type-session-duration-quoted", "11:29", "'maxSessionDuration'", "found a string \"7200\"",
            "write it without quotes"),
        bad("type-session-duration-decimal", "11:29", "must be a whole number", "\"3600.5\"",
            "maxSessionDuration: 3600"),
        bad("type-managed-policies-scalar", "10:26", "'managedPolicies'", "must be a list",
            "\"PowerUserAccess\"", "write it as [a, b]"),
        bad("type-tags-list", "11:15", "'tags'", "must be a map, found a list", "{team: platform}"),
        bad("type-boolean-quoted", "11:25", "'sessionTagging'", "found a string \"true\"",
            "write true or false without quotes"),
        bad("type-boolean-yes", "11:25", "'sessionTagging'", "found a string \"yes\"", "true or false"),
        bad("type-version-quoted", "2:10", "'version'", "found a string \"1\"", "version: 1"),
        // Text that YAML reads as a number: the quotes make every YAML tool (and the JSON Schema) read the same.
        bad("type-account-id-unquoted", "6:9", "'id' of account 'production' must be text",
            "reads the unquoted 123456789012 as a number", "write it in quotes: \"123456789012\""),
        bad("type-account-id-leading-zero", "6:9", "reads the unquoted 012345678901 as a number",
            "\"012345678901\""),
        bad("type-terraform-version-decimal", "5:12", "'version' of terraform must be text",
            "reads the unquoted 1.10 as a number", "\"1.10\""),
        bad("type-backend-string", "19:14", "'backend' of stack 'infra' must be a map", "\"s3://acme-state/infra\"",
            "indented key: value lines"),
        bad("type-stack-id-map", "15:9", "'id' of a stack without an id must be a single value, found a map",
            "id: <value>"),
        bad("type-role-item-empty", "9:8", "a role without a name of account 'production'", "found an empty value",
            "remove the empty '-' line"),
        // Missing required keys: at the object that lacks the key, or at the empty value.
        bad("missing-spacelift", "2:1", "missing the required key 'spacelift'", "hostname: <account>.app"),
        bad("missing-hostname", "3:3", "spacelift is missing the required key 'hostname'", "demo.app.spacelift.io"),
        bad("missing-hostname-value", "3:12", "empty value for the required key 'hostname'", "demo.app.spacelift.io"),
        bad("missing-account-id", "5:5", "account 'production' is missing the required key 'id'",
            "\"123456789012\""),
        bad("missing-stack-role", "15:5", "stack 'infra' is missing the required key 'role'", "a role of that account"),
        bad("missing-role-name", "9:9", "missing the required key 'name'", "e.g. spacelift-infra"),
        bad("missing-roles", "5:5", "account 'production' has no roles", "add at least one under roles:"),
        bad("missing-backend-bucket", "20:7", "backend of stack 'infra'", "required key 'bucket'", "S3 bucket"),
        bad("missing-backend-key", "20:7", "backend of stack 'infra'", "required key 'key'", "terraform.tfstate"),
        bad("missing-backend-region", "20:7", "backend of stack 'infra'", "required key 'region'",
            "the bucket's region"),
        // Unknown keys, with "did you mean" when one is close.
        bad("unknown-key-with-suggestion", "10:9", "unknown key 'managedPolicy'", "Did you mean 'managedPolicies'?"),
        bad("unknown-key-stack-typo", "19:5", "unknown key 'regoin' in stack 'infra'", "Did you mean 'region'?"),
        bad("unknown-key-root-typo", "11:1", "unknown key 'space'", "Did you mean 'spaces'?"),
        bad("unknown-key-without-suggestion", "19:5", "unknown key 'colour'", "Allowed keys: id, space, account"),
        // Duplicates: at the second occurrence, naming the first.
        bad("duplicate-account-name", "11:11", "duplicate account name 'production'", "(first at line 5)",
            "its own name"),
        bad("duplicate-account-id", "12:9", "duplicate account id '123456789012'", "(first at line 6)"),
        bad("duplicate-role-ignoring-case", "11:15", "role 'Spacelift-Infra' twice", "(first at line 9)",
            "ignoring case", "Rename or merge"),
        bad("duplicate-space-name", "14:11", "duplicate space name 'production'", "(first at line 12)"),
        bad("duplicate-space-id", "15:9", "duplicate space id 'production-01HND497T9JKR76MR3KA2CDJHP'",
            "(first at line 13)"),
        bad("duplicate-stack-id", "19:9", "duplicate stack id 'infra'", "(first at line 15)"),
        bad("duplicate-module-id", "24:9", "duplicate module id 'vpc'", "(first at line 20)"),
        bad("duplicate-directory", "19:16", "stack 'infra' generates into 'iam/production'",
            "which account 'production' already uses", "its own directory"),
        bad("duplicate-stack-directory", "24:16", "stack 'app' generates into 'stacks/shared'",
            "stack 'infra' already uses"),
        bad("duplicate-key", "8:5", "duplicate key 'region'", "(first at line 7)", "keep one of them"),
        // Dangling references.
        bad("unknown-space", "16:12", "unknown space 'prodution'", "(known: production)",
            "Did you mean 'production'?"),
        bad("unknown-account", "17:14", "unknown account 'prod'", "(known: production)"),
        bad("unknown-role", "18:11", "unknown role 'spacelift-infar'", "Did you mean 'spacelift-infra'?"),
        bad("role-of-another-account", "25:11", "role 'spacelift-staging', which belongs to account 'staging'",
            "Set account: staging"),
        bad("unknown-space-in-trust-rule", "12:20", "trust rule 1 of role 'spacelift-infra'",
            "unknown space 'staging'", "(known: production)"),
        // Formats.
        bad("hostname-with-scheme", "3:13", "'https://demo.app.spacelift.io'", "without a scheme"),
        bad("hostname-with-port", "3:13", "'demo.app.spacelift.io:443'", "remove the port"),
        bad("hostname-with-query", "3:13", "'demo.app.spacelift.io?region=eu'", "query string", "remove it"),
        bad("hostname-upper-case", "3:13", "'Demo.App.Spacelift.io'", "lower-case hostname"),
        bad("account-id-short", "6:9", "id '12345'", "exactly 12 digits", "quote it"),
        bad("region-invalid", "7:13", "region 'europe'", "such as eu-west-1"),
        bad("partition-invalid", "8:16", "partition 'aws-eu'", "one of aws, aws-us-gov, aws-cn"),
        bad("region-not-in-partition", "7:13", "region 'eu-west-1' is not in partition 'aws-cn'", "cn-north-1"),
        bad("stack-region-not-in-partition", "19:13", "stack 'infra'", "region 'cn-north-1' is not in partition 'aws'",
            "set partition: aws-cn"),
        bad("space-id-invalid", "13:9", "space id 'production-01HND497T9JKR'", "26-character ULID", "copy it from"),
        bad("stack-id-with-colon", "15:9", "id 'infra:prod'", "a stack id is the slug in Spacelift's URL",
            "lower-case letters, digits, '-' and '_'"),
        bad("directory-line-break", "19:16", "control character", "write it on one line"),
        bad("terraform-version-huge", "5:12", "1.99999999999.0"),
        bad("stack-id-with-star", "15:9", "id 'infra*'", "lower-case letters, digits, '-' and '_'"),
        bad("stack-id-with-pipe", "15:9", "id 'infra|prod'", "lower-case letters, digits, '-' and '_'"),
        bad("stack-id-with-path", "15:9", "id 'a/../../b'", "lower-case letters, digits, '-' and '_'"),
        bad("stack-id-with-backslash", "15:9", "id 'x\\y'", "lower-case letters, digits, '-' and '_'"),
        bad("stack-id-with-markdown", "15:9", "id 'x`[approved-by-security](//evil.example/x)`<img/src=x>'",
            "lower-case letters"),
        bad("stack-id-upper-case", "16:9", "id 'Infra'", "lower-case letters, digits, '-' and '_'"),
        bad("subject-template-ambiguous-separator", "4:20", "{spaceId}-{callerType}-{callerId}-{runType}-{scope}",
            "{callerId} and {runType} are separated only by '-'", "separate them with ':'"),
        bad("stack-id-with-space", "15:9", "id 'my infra'", "lower-case letters, digits, '-' and '_'"),
        bad("module-id-with-question-mark", "20:9", "module 'vpc?'", "a module id is the slug", "terraform-aws-vpc"),
        bad("trust-rule-stack-with-colon", "13:20", "trust rule 1", "stack 'infra:prod'", "a stack id is the slug"),
        // Directories that would fail at write time: the writer's own file, another output's file, a long name.
        bad("directory-is-the-manifest", "19:16", "'.spacelift-oidc.manifest' is the plugin's own file",
            "choose another directory"),
        bad("directory-is-a-generated-file", "19:16", "'spacelift-oidc-iam.tf' is the name of a file the plugin"
            + " generates", "would clash with a generated file"),
        bad("directory-name-too-long", "19:16", "has 300 bytes, more than the 255 that file systems allow in one name"),
        // Empty lists are errors, as keys without a value are: they never silently mean the default.
        bad("audiences-empty-list", "4:14", "'audiences' of spacelift is an empty list", "remove the key to use its"
            + " default"),
        bad("trust-empty-list", "11:16", "'trust' of role 'spacelift-infra' of account 'production' is an empty list"),
        bad("trust-rule-empty-stack", "13:19", "'stack' of a trust rule of role 'spacelift-infra'", "has no value", "remove the line"),
        bad("stack-null-run-types", "19:15", "'runTypes' of stack 'infra'", "has no value", "remove the line"),
        bad("run-type-invalid", "19:25", "'proposed' is not a valid value of 'runTypes'", "Did you mean 'PROPOSED'?",
            "Allowed: PROPOSED, TRACKED, TASK, TESTING, DESTROY"),
        bad("scope-invalid", "19:14", "'admin' is not a valid value of 'scopes'", "Allowed: read, write"),
        bad("managed-policy-arn-invalid", "10:27", "'arn:aws:iam::aws:PowerUserAccess'",
            "arn:aws:iam::aws:policy/ReadOnlyAccess"),
        bad("managed-policy-wrong-partition", "10:27", "'arn:aws-cn:iam::aws:policy/PowerUserAccess'",
            "is in partition 'aws-cn'", "use arn:aws:"),
        bad("boundary-arn-invalid", "11:30", "permissionsBoundary 'arn:aws:iam::123:policy/boundary'",
            "not an IAM policy ARN"),
        bad("boundary-wrong-partition", "11:30", "is in partition 'aws-us-gov'", "account 'production' is in 'aws'"),
        bad("description-invalid-character", "11:22", "description: it contains '\u2603' (U+2603)",
            "printable Latin-1", "remove or replace it"),
        bad("thumbprint-invalid", "8:19", "thumbprint 'abc123'", "40 hexadecimal characters"),
        bad("inline-policy-file-missing", "13:19", "'policies/missing.json', which does not exist",
            "relative to the YAML file's directory"),
        bad("inline-policy-file-not-json", "policies/not-json.json:2:1", "inline policy 'state'",
            "inline-policy-file-not-json.yaml:13", "JSON syntax error", "check brackets, braces"),
        bad("inline-policy-file-no-statement", "policies/no-statement.json:1:1", "inline policy 'state'",
            "not an IAM policy", "\"Statement\""),
        bad("inline-policy-file-empty", "policies/empty.json:1:1", "inline policy 'state'",
            "inline-policy-file-empty.yaml:13", "the file is empty", "write the IAM policy document into it",
            "\"Statement\""),
        bad("inline-policy-file-trailing-comma", "policies/trailing-comma.json:4:67", "inline policy 'state'",
            "a comma before the ']' at line 5, column 3", "JSON allows no comma after the last item", "remove this one"),
        // A YAML (from a pull request, say) cannot read files outside its own directory.
        bad("inline-policy-file-absolute", "13:19", "reads '/etc/passwd', an absolute path", "only from the YAML"
            + " file's directory"),
        bad("inline-policy-file-outside", "13:19", "reads '../../../../tmp/x.json', which leads out of the YAML"
            + " file's directory"),
        bad("inline-policy-document-no-statement", "14:15", "inline policy 'state' is not an IAM policy",
            "\"Statement\" list"),
        bad("inline-policy-document-bad-json", "13:23", "not valid JSON at line 1, column 16 of the string",
            "Unexpected close marker '}'", "write the document as YAML keys"),
        bad("oidc-provider-invalid", "8:19", "'import' is not a valid value of 'oidcProvider'",
            "Allowed: create, existing"),
        bad("version-unsupported", "2:10", "format version 2 is not supported", "Write version: 1"),
        // IAM limits, before terraform apply finds them.
        bad("role-name-too-long", "9:15", "at most 64 characters; this one has 65"),
        bad("role-name-invalid-characters", "9:15", "role 'spacelift infra'", "letters, digits and + = , . @ _ -"),
        bad("role-path-invalid", "11:15", "path 'spacelift'", "starts and ends with '/'"),
        bad("session-duration-too-short", "11:29", "maxSessionDuration 600", "between 3600 and 43200"),
        bad("session-duration-too-long", "11:29", "maxSessionDuration 50000", "between 3600 and 43200"),
        bad("managed-policies-over-ten", "10:26", "attaches 11 managed policies", "IAM allows 10",
            "Combine some"),
        bad("inline-policies-too-large", "12:11", "add up to 12,488 characters", "limit of 10,240",
            "customer-managed policy"),
        bad("tags-over-fifty", "11:15", "has 51 tags", "at most 50"),
        bad("tag-key-too-long", "13:11", "tag key 'kkkk", "1 to 128 characters"),
        bad("tag-value-too-long", "12:17", "value of tag 'team'", "at most 256 characters; this one has 257"),
        bad("audiences-over-hundred", "4:14", "at most 100 audiences (client IDs)", "this lists 101"),
        bad("thumbprints-over-five", "8:18", "lists 6 thumbprints", "at most 5"),
        bad("trust-policy-too-large", "9:15", "role 'spacelift-infra' of account 'production'", "2,930 characters",
            "limit of 2,048", "space-wide trust rule", "split the role", "maxTrustPolicySize"),
        // Least privilege.
        bad("trust-any-subject", "12:20", "trusts every stack and module in every space",
            "set allowAnySubject: true on the role"),
        bad("trust-any-stack-in-any-space", "12:20", "trusts every stack in every space", "allowAnySubject: true"),
        bad("trust-any-module-in-any-space", "12:20", "trusts every module in every space", "allowAnySubject: true"),
        bad("trust-stack-and-module", "14:21", "names both a stack and a module", "split it into two rules"),
        // Prefixes, space trees and per-rule templates.
        bad("trust-space-id-prefix-star-inside", "12:22", "spaceId 'production-*-eu'",
            "only one *, at the end, is allowed", "e.g. production-*"),
        bad("trust-subspaces-any-space", "14:24", "subspaces: true, which needs the name of a declared space"),
        bad("trust-rule-template-not-listed", "13:30", "is not one of the templates of spacelift.subjectTemplate",
            "Copy one of them exactly"),
        bad("space-parent-cycle", "14:13", "spaces 'eu', 'production' are each other's parents",
            "(production -> eu -> production)"),
        bad("space-path-not-under-parent", "17:11", "space 'production' has path '/production'",
            "its parent 'root' has path '/root'", "must be /root/<segment>"),
        bad("space-parent-unknown", "14:13", "names unknown parent space 'rot'", "Did you mean 'root'?"),
        bad("audience-with-scheme", "4:15", "audience 'https://demo.app.spacelift.io'", "bare hostname",
            "write it without 'https://'"),
        bad("role-trusted-by-nothing", "11:15", "role 'spacelift-orphan'", "trusted by no stack, module or trust rule",
            "add a trust rule, or remove the role"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void failsAtTheOffendingValueWithTheFixAndChangesNothing(Case c, @TempDir Path project) {
    Path output = project.resolve("output");
    new SpaceliftOidc().generate(request(BASELINE, output, project));
    DirectorySnapshot before = DirectorySnapshot.of(project);
    assertTrue(before.fileCount() >= 3, "the baseline run left output for the case to spare");

    InvalidConfigurationException failure = assertThrows(InvalidConfigurationException.class,
        () -> new SpaceliftOidc().generate(request(c.name() + ".yaml", output, project)));

    List<Problem> problems = failure.problems();
    assertEquals(1, problems.size(), "one mistake, one problem (no follow-on noise):\n" + failure.getMessage());
    Problem problem = problems.get(0);
    assertEquals(c.location(), problem.mark().toString(), "position of the offending value");
    for (String fragment : c.says()) {
      assertTrue(problem.message().contains(fragment), "expected '" + fragment + "' in: " + problem.message());
    }
    assertTrue(failure.getMessage().contains("\n" + c.location() + ": "), failure.getMessage());
    before.assertUnchanged("a failing run must leave every file as it was");
  }

  @Test
  void theTableCoversEveryCaseFile() throws IOException {
    Set<String> files;
    try (Stream<Path> list = Files.list(CORPUS)) {
      files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.equals(BASELINE))
          .map(n -> n.substring(0, n.length() - ".yaml".length())).collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> table = cases().map(Case::name).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(files, table, "every bad-input file has a row, and every row a file");
    assertTrue(table.size() >= 45, "the corpus has " + table.size() + " cases");
  }

  @Test
  void anEmptyPolicyFileIsNotToldWhatTheConfigurationFileNeeds(@TempDir Path project) {
    InvalidConfigurationException failure = assertThrows(InvalidConfigurationException.class,
        () -> new SpaceliftOidc().load(request("inline-policy-file-empty.yaml", project.resolve("output"), project)));

    String message = failure.problems().get(0).message();
    for (String advice : List.of("spacelift:", "accounts:", "spaces:", "stacks:", "spacelift-oidc:init", "starter")) {
      assertFalse(message.contains(advice), "advice for the YAML, not for a policy file: " + message);
    }
  }

  @Test
  void theTrustPolicyLimitParameterRaisesTheLimitToExactlyTheGivenSize(@TempDir Path project) {
    Path output = project.resolve("output");
    String file = "trust-policy-too-large.yaml";

    InvalidConfigurationException justBelow = assertThrows(InvalidConfigurationException.class,
        () -> new SpaceliftOidc().load(request(file, output, project).withMaxTrustPolicySize(2929)));
    GenerationResult atTheSize = new SpaceliftOidc().generate(request(file, output, project)
        .withMaxTrustPolicySize(2930));

    assertTrue(justBelow.getMessage().contains("2,930 characters (not counting whitespace), over the limit of 2,929"),
        justBelow.getMessage());
    assertEquals(30, atTheSize.stacks(), "a raised quota lets the same YAML through, with every stack");
  }

  private static GenerationRequest request(String caseFile, Path output, Path project) {
    return new GenerationRequest(CORPUS.resolve(caseFile), output, CORPUS, project.resolve("work"), null,
        Selection.ALL, Planner.defaultTrustPolicyLimit(), "corpus-test", MavenHints.HINTS);
  }
}
