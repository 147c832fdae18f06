package io.github.spaceliftoidc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.spaceliftoidc.core.render.Renderer;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The before_init script generated below Terraform 1.6, run for real: sourced by {@code /bin/sh} (dash on Debian) and
 * by bash exactly as the Spacelift hook does, with a stub {@code aws} on PATH that records its arguments. Skipped
 * where neither shell exists (Windows).
 */
class BeforeInitScriptTest {

  private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/spacelift/spacelift-infra";
  private static final String KEY = "ASIASTUBACCESSKEY";
  private static final String SECRET = "stub/secret+access=key";
  private static final String SESSION = "StubSessionToken//with+base64=";
  private static final String FILE_TOKEN = "eyJ.token-from-file.sig";
  private static final String ENV_TOKEN = "eyJ.token-from-env.sig";

  private static final String STUB_AWS = """
      #!/bin/sh
      for argument in "$@"; do printf '%s\\n' "$argument"; done > "$STUB_ARGS"
      case "${STUB_MODE:-ok}" in
        ok) printf 'ASIASTUBACCESSKEY\\tstub/secret+access=key\\tStubSessionToken//with+base64=\\n' ;;
        partial) printf 'ASIASTUBACCESSKEY\\tstub/secret+access=key\\n' ;;
        fail) echo 'An error occurred (AccessDenied) when calling the AssumeRoleWithWebIdentity operation' >&2
              exit 254 ;;
      esac
      """;

  @TempDir Path work;
  private Path stack;
  private Path tokenFile;
  private Path tools;
  private Path stubs;
  private GenerationResult result;

  static Stream<String> shells() {
    List<String> shells = new ArrayList<>();
    if (Files.isExecutable(Path.of("/bin/sh"))) {
      shells.add("/bin/sh");
    }
    findOnPath("bash").map(Path::toString).ifPresent(shells::add);
    assumeTrue(!shells.isEmpty(), "Skipped: neither /bin/sh nor bash is available");
    return shells.stream();
  }

  @BeforeEach
  void generateTheScriptAndTheStubs() throws IOException {
    tokenFile = work.resolve("workspace/spacelift.oidc");
    Path yaml = work.resolve("spacelift-oidc.yaml");
    Files.writeString(yaml, """
        spacelift:
          hostname: acme.app.spacelift.io
          tokenFile: %s
        terraform:
          version: 1.5.7
        accounts:
          - name: production
            id: "123456789012"
            region: eu-west-1
            roles:
              - name: spacelift-infra
                path: /spacelift/
        spaces:
          - name: production
            id: production-01HND497T9JKR76MR3KA2CDJHP
        stacks:
          - id: infra
            space: production
            account: production
            role: spacelift-infra
            region: eu-central-1
        """.formatted(tokenFile), StandardCharsets.UTF_8);
    result = new SpaceliftOidc().generate(GenerationRequest.of(yaml).withOutputDirectory(work.resolve("out")));
    stack = work.resolve("out/stacks/infra");
    assertTrue(Files.isRegularFile(stack.resolve(Renderer.HOOK_FILE)), "the script is generated next to the stack");
    // PATH holds only what the script may use besides shell builtins, so a real aws CLI cannot interfere.
    tools = Files.createDirectories(work.resolve("tools"));
    for (String tool : new String[] {"cat", "env"}) {
      Path wrapper = tools.resolve(tool);
      Files.writeString(wrapper, "#!/bin/sh\nexec '" + findOnPath(tool).orElseThrow() + "' \"$@\"\n",
          StandardCharsets.UTF_8);
      assertTrue(wrapper.toFile().setExecutable(true));
    }
    stubs = Files.createDirectories(work.resolve("stubs"));
    Path aws = stubs.resolve("aws");
    Files.writeString(aws, STUB_AWS, StandardCharsets.UTF_8);
    assertTrue(aws.toFile().setExecutable(true));
  }

  @Test
  void theLogNamesTheHookCommandAndEveryStackThatNeedsIt() {
    assertEquals(1, result.notices().size(), result.notices().toString());
    String notice = result.notices().get(0);
    assertTrue(notice.contains("before_init hook `. ./spacelift-oidc-before-init.sh`"), notice);
    assertTrue(notice.contains("Terraform 1.5.7"), notice);
    assertTrue(notice.endsWith("these stacks in Spacelift: infra."), notice);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shells")
  void theTokenFileIsPreferredAndTheExactArgumentsArePassed(String shell) throws Exception {
    writeToken(FILE_TOKEN + "\n");

    Run run = source(shell, "", Map.of("SPACELIFT_OIDC_TOKEN", ENV_TOKEN, "TF_VAR_spacelift_run_id", "01HRUNID"));

    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of("sts", "assume-role-with-web-identity", "--region", "eu-central-1", "--web-identity-token",
        FILE_TOKEN, "--role-arn", ROLE_ARN, "--role-session-name", "spacelift-run-01HRUNID", "--query",
        "Credentials.[AccessKeyId,SecretAccessKey,SessionToken]", "--output", "text"), run.awsArguments());
    assertEquals(Map.of("AWS_ACCESS_KEY_ID", KEY, "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN", SESSION),
        run.exportedAws());
    assertEquals("", run.output(), "a successful run prints nothing");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shells")
  void withoutTheTokenFileTheEnvironmentTokenIsUsed(String shell) throws Exception {
    Run run = source(shell, "", Map.of("SPACELIFT_OIDC_TOKEN", ENV_TOKEN, "TF_VAR_spacelift_run_id", "01HRUNID"));

    assertEquals(0, run.status(), run.toString());
    assertEquals(ENV_TOKEN, run.awsArguments().get(run.awsArguments().indexOf("--web-identity-token") + 1));
    assertEquals(KEY, run.exportedAws().get("AWS_ACCESS_KEY_ID"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shells")
  void sourcingLeavesOnlyTheThreeExportsBehind(String shell) throws Exception {
    writeToken(FILE_TOKEN);

    Run run = source(shell, "", Map.of("TF_VAR_spacelift_run_id", "01HRUNID"));

    assertEquals(0, run.status(), run.toString());
    assertEquals(Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"), run.newVariables());
    assertFalse(run.setAfter().contains("spacelift_oidc_"), "no helper variable or function is left:\n"
        + run.setAfter());
    assertFalse(run.functionLeft(), "the helper function is removed");
  }

  /** Regenerates the script for the same stack with a plan role, and a role whose sessions may last two hours. */
  private void useAPlanRole() throws IOException {
    Path yaml = work.resolve("plan-role.yaml");
    Files.writeString(yaml, """
        spacelift:
          hostname: acme.app.spacelift.io
          tokenFile: %s
        terraform:
          version: 1.5.7
        accounts:
          - name: production
            id: "123456789012"
            region: eu-west-1
            roles:
              - name: spacelift-infra
                path: /spacelift/
                maxSessionDuration: 7200
              - name: spacelift-infra-plan
                path: /spacelift/
        spaces:
          - name: production
            id: production-01HND497T9JKR76MR3KA2CDJHP
        stacks:
          - id: infra
            space: production
            account: production
            role: spacelift-infra
            planRole: spacelift-infra-plan
            region: eu-central-1
        """.formatted(tokenFile), StandardCharsets.UTF_8);
    new SpaceliftOidc().generate(GenerationRequest.of(yaml).withOutputDirectory(work.resolve("out-plan-role")));
    stack = work.resolve("out-plan-role/stacks/infra");
  }

  /** TF_VAR_spacelift_run_type picks the role, and its session length; anything else gets the plan role. */
  static Stream<org.junit.jupiter.params.provider.Arguments> shellsAndRunTypes() {
    List<org.junit.jupiter.params.provider.Arguments> cases = new ArrayList<>();
    for (String shell : shells().toList()) {
      for (String runType : List.of("PROPOSED", "TRACKED", "TASK", "DESTROY", "TESTING", "PARSE", "tracked", "")) {
        cases.add(org.junit.jupiter.params.provider.Arguments.of(shell, runType));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}, run type ''{1}''")
  @MethodSource("shellsAndRunTypes")
  void withAPlanRoleTheRunTypePicksTheRoleAndItsSessionLength(String shell, String runType) throws Exception {
    useAPlanRole();
    writeToken(FILE_TOKEN);
    Map<String, String> environment = new HashMap<>(Map.of("TF_VAR_spacelift_run_id", "01HRUNID"));
    if (!runType.isEmpty()) {
      environment.put("TF_VAR_spacelift_run_type", runType);
    }

    Run run = source(shell, "set -eu", environment);

    boolean applies = List.of("TRACKED", "TASK", "DESTROY", "TESTING").contains(runType);
    assertEquals(0, run.status(), run.toString());
    List<String> arguments = run.awsArguments();
    assertEquals(applies ? ROLE_ARN : ROLE_ARN + "-plan", arguments.get(arguments.indexOf("--role-arn") + 1));
    assertEquals(applies ? "7200" : "3600", arguments.get(arguments.indexOf("--duration-seconds") + 1));
    assertEquals(Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"), run.newVariables(),
        "the role's and the duration's variables are gone too");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shells")
  void credentialsAreNeverPrintedEvenWithXtraceOnInTheCaller(String shell) throws Exception {
    writeToken(FILE_TOKEN);

    Run run = source(shell, "set -x", Map.of("TF_VAR_spacelift_run_id", "01HRUNID"));

    assertEquals(0, run.status(), run.toString());
    assertEquals(KEY, run.exportedAws().get("AWS_ACCESS_KEY_ID"), "the exports still work");
    for (String secret : List.of(KEY, SECRET, SESSION, FILE_TOKEN)) {
      assertFalse(run.output().contains(secret), "the trace shows " + secret + ":\n" + run.output());
    }
    assertTrue(run.output().contains("+ "), "xtrace was on around the script:\n" + run.output());
    assertTrue(run.xtraceAfter(), "the caller's xtrace is back on afterwards");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shells")
  void aCallerWithErrexitAndNounsetWorks(String shell) throws Exception {
    writeToken(FILE_TOKEN);

    Run run = source(shell, "set -eu", Map.of("TF_VAR_spacelift_run_id", "01HRUNID"));

    assertEquals(0, run.status(), run.toString());
    assertEquals(SESSION, run.exportedAws().get("AWS_SESSION_TOKEN"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shells")
  void withoutAnyTokenItFailsClearlyAndDoesNotCallAws(String shell) throws Exception {
    Run run = source(shell, "", Map.of());

    assertNotEquals(0, run.status(), run.toString());
    assertTrue(run.output().contains("spacelift-oidc: no OIDC token: " + tokenFile + " is missing or empty and"
        + " SPACELIFT_OIDC_TOKEN is unset"), run.output());
    assertFalse(Files.exists(work.resolve("aws-arguments")), "aws is not called without a token");
    assertEquals(Map.of(), run.exportedAws());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shells")
  void withoutTheAwsCliItFailsClearly(String shell) throws Exception {
    writeToken(FILE_TOKEN);

    Run run = source(shell, "", Map.of("STUB_HIDDEN", "1"));

    assertNotEquals(0, run.status(), run.toString());
    assertTrue(run.output().contains("spacelift-oidc: the aws CLI is not on PATH"), run.output());
    assertEquals(Map.of(), run.exportedAws());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shells")
  void aFailingAwsCallFailsTheHookWithBothMessages(String shell) throws Exception {
    writeToken(FILE_TOKEN);

    Run run = source(shell, "", Map.of("STUB_MODE", "fail"));

    assertNotEquals(0, run.status(), run.toString());
    assertTrue(run.output().contains("An error occurred (AccessDenied)"), "aws's own message: " + run.output());
    assertTrue(run.output().contains("spacelift-oidc: aws sts assume-role-with-web-identity failed for " + ROLE_ARN
        + "; check the role's trust policy"), run.output());
    assertEquals(Map.of(), run.exportedAws());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shells")
  void incompleteCredentialsFailTheHookWithoutPrintingThem(String shell) throws Exception {
    writeToken(FILE_TOKEN);

    Run run = source(shell, "", Map.of("STUB_MODE", "partial"));

    assertNotEquals(0, run.status(), run.toString());
    assertTrue(run.output().contains("returned no complete credentials for " + ROLE_ARN), run.output());
    assertFalse(run.output().contains(SECRET), run.output());
    assertEquals(Map.of(), run.exportedAws());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shells")
  void aCallerWithErrexitStopsAtAFailure(String shell) throws Exception {
    Run run = source(shell, "set -e", Map.of());

    assertNotEquals(0, run.status(), run.toString());
    assertFalse(run.reachedTheEnd(), "set -e stops the hook after the failed source");
  }

  /**
   * The real aws CLI, where one is installed, against a fake STS endpoint on localhost: it accepts every argument the
   * script passes, sends the token, role and session name, and the script reads its text output correctly.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("shells")
  void theRealAwsCliAcceptsTheCallAndTheScriptReadsItsAnswer(String shell) throws Exception {
    assumeTrue(awsCliWithEndpointOverride(), "Skipped: no aws CLI on PATH that honours AWS_ENDPOINT_URL"
        + " (aws-cli >= 1.29 or >= 2.13); the stub tests above cover the script");
    writeToken(FILE_TOKEN);
    HttpServer sts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    sts.createContext("/", exchange -> {
      requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = FAKE_STS_RESPONSE.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/xml");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    sts.start();
    try {
      Run run = source(shell, "", Map.of("REAL_AWS", "1", "TF_VAR_spacelift_run_id", "01HRUNID",
          "AWS_ENDPOINT_URL", "http://127.0.0.1:" + sts.getAddress().getPort(), "AWS_MAX_ATTEMPTS", "1",
          "AWS_EC2_METADATA_DISABLED", "true"));

      assertEquals(0, run.status(), run.toString());
      assertEquals(List.of("Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn="
          + "arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fspacelift%2Fspacelift-infra"
          + "&RoleSessionName=spacelift-run-01HRUNID&WebIdentityToken=" + FILE_TOKEN), requests);
      assertEquals("ASIAFAKESTSKEY", run.exportedAws().get("AWS_ACCESS_KEY_ID"));
      assertEquals("fake/sts+secret", run.exportedAws().get("AWS_SECRET_ACCESS_KEY"));
      assertEquals("FakeSts//Session+Token=", run.exportedAws().get("AWS_SESSION_TOKEN"));
      assertEquals("", run.output(), "a successful run prints nothing");
    } finally {
      sts.stop(0);
    }
  }

  private static final String FAKE_STS_RESPONSE = """
      <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
        <AssumeRoleWithWebIdentityResult>
          <Credentials>
            <AccessKeyId>ASIAFAKESTSKEY</AccessKeyId>
            <SecretAccessKey>fake/sts+secret</SecretAccessKey>
            <SessionToken>FakeSts//Session+Token=</SessionToken>
            <Expiration>2030-01-01T00:00:00Z</Expiration>
          </Credentials>
        </AssumeRoleWithWebIdentityResult>
        <ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata>
      </AssumeRoleWithWebIdentityResponse>
      """;

  /** Whether the aws CLI on PATH is new enough to send requests to AWS_ENDPOINT_URL (else it would call AWS). */
  private static boolean awsCliWithEndpointOverride() {
    if (findOnPath("aws").isEmpty()) {
      return false;
    }
    try {
      Process process = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
      String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
        return false;
      }
      Matcher m = Pattern.compile("aws-cli/(\\d+)\\.(\\d+)").matcher(version);
      if (!m.find()) {
        return false;
      }
      int major = Integer.parseInt(m.group(1));
      int minor = Integer.parseInt(m.group(2));
      return (major == 1 && minor >= 29) || (major == 2 && minor >= 13) || major > 2;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // -----------------------------------------------------------------------------------------------------------------

  private void writeToken(String token) throws IOException {
    Files.createDirectories(tokenFile.getParent());
    Files.writeString(tokenFile, token, StandardCharsets.UTF_8);
  }

  /** What one sourcing did; files written by the caller script after the {@code .} command. */
  private record Run(int status, String output, List<String> awsArguments, Map<String, String> exportedAws,
      Set<String> newVariables, String setAfter, boolean functionLeft, boolean xtraceAfter, boolean reachedTheEnd) {}

  /**
   * Sources the script as a Spacelift hook would, in the stack directory: {@code . ./spacelift-oidc-before-init.sh}.
   * The caller snapshots {@code set} before and after, and dumps the environment to files, never to the output.
   */
  private Run source(String shell, String callerOptions, Map<String, String> environment) throws Exception {
    Path results = Files.createDirectories(work.resolve("results"));
    String caller = String.join("\n",
        callerOptions,
        "set > '" + results.resolve("set-before") + "'",
        ". ./" + Renderer.HOOK_FILE,
        "echo $? > '" + results.resolve("status") + "'", // no variable of the caller's between the two snapshots
        "set > '" + results.resolve("set-after") + "'",
        "env > '" + results.resolve("env") + "'",
        "case $- in *x*) : > '" + results.resolve("xtrace-on") + "' ;; esac",
        "if command -v spacelift_oidc_assume_role >/dev/null 2>&1; then : > '" + results.resolve("function-left")
            + "'; fi",
        "exit \"$(cat '" + results.resolve("status") + "')\"",
        "");
    ProcessBuilder builder = new ProcessBuilder(shell, "-c", caller).directory(stack.toFile())
        .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("SPACELIFT_")
        || name.startsWith("TF_VAR_") || name.equals("ENV") || name.equals("BASH_ENV"));
    env.put("PATH", environment.containsKey("STUB_HIDDEN") ? tools.toString()
        : environment.containsKey("REAL_AWS") ? System.getenv("PATH") : stubs + File.pathSeparator + tools);
    env.put("STUB_ARGS", work.resolve("aws-arguments").toString());
    env.putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(1, TimeUnit.MINUTES), "the shell finished");
    boolean reachedTheEnd = Files.exists(results.resolve("env"));
    Map<String, String> exported = new HashMap<>();
    if (reachedTheEnd) {
      for (String line : Files.readAllLines(results.resolve("env"), StandardCharsets.UTF_8)) {
        if (line.startsWith("AWS_")) {
          exported.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
      }
    }
    Path arguments = work.resolve("aws-arguments");
    // bash keeps the caller's own text in BASH_EXECUTION_STRING; that is not something the script left behind.
    String setAfter = reachedTheEnd ? Files.readString(results.resolve("set-after"), StandardCharsets.UTF_8)
        .replaceAll("(?m)^BASH_EXECUTION_STRING=.*$", "") : "";
    Set<String> added = new TreeSet<>(variableNames(setAfter));
    if (reachedTheEnd) {
      added.removeAll(variableNames(Files.readString(results.resolve("set-before"), StandardCharsets.UTF_8)));
      added.removeAll(Set.of("_", "PIPESTATUS")); // bash's own: the last argument, the last pipeline's statuses
    }
    return new Run(process.exitValue(), output,
        Files.exists(arguments) ? Files.readAllLines(arguments, StandardCharsets.UTF_8) : List.of(),
        exported, added, setAfter, Files.exists(results.resolve("function-left")),
        Files.exists(results.resolve("xtrace-on")), reachedTheEnd);
  }

  private static final Pattern ASSIGNMENT = Pattern.compile("(?m)^([A-Za-z_][A-Za-z0-9_]*)=");

  private static Set<String> variableNames(String setOutput) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = ASSIGNMENT.matcher(setOutput);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static Optional<Path> findOnPath(String name) {
    String path = System.getenv("PATH");
    return path == null ? Optional.empty() : Stream.of(path.split(File.pathSeparator))
        .map(directory -> Path.of(directory, name)).filter(Files::isExecutable).findFirst();
  }
}
