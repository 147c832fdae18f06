package io.github.spaceliftoidc.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.testing.GoldenFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes on one output directory: 20 rounds of two concurrent generates of two different YAMLs, then 10
 * rounds in which two start at once and one is killed ({@code kill -9}) at a random moment, followed by a recovery
 * run. After every round the tree must be exactly one YAML's output, with no generated file that the manifest does
 * not list, no temporary file and no journal left, and check must pass. Kept out of the default suite (it takes
 * minutes); run it with
 * {@code ./mvnw -B -o test -Dinvoker.skip=true -Dtest=StressTest -Dtest.excludedGroups= -Dgroups=stress}. Set
 * {@code -Dstress.seed=N} to replay a run.
 */
@Tag("stress")
class StressTest {

  private static final int CONCURRENT_ROUNDS = 20;
  private static final int KILL_ROUNDS = 10;
  private static final int STACKS = 300;

  @TempDir
  static Path work;

  private static Path alpha;
  private static Path beta;
  private static Map<String, String> alphaTree;
  private static Map<String, String> betaTree;
  private static long oneRunMillis;

  @BeforeAll
  static void writeTheTwoYamlsAndTheirOutputs() throws Exception {
    // Half the stacks are in both YAMLs with other content (updates), a quarter only in one (creates and deletes).
    alpha = yaml("alpha", "111111111111", "eu-west-1", 0);
    beta = yaml("beta", "222222222222", "us-east-1", STACKS / 2);
    alphaTree = reference(alpha, work.resolve("reference-alpha"));
    betaTree = reference(beta, work.resolve("reference-beta"));
    long start = System.nanoTime();
    Process run = start(alpha, work.resolve("timing"), false);
    assertEquals(0, finish(run), "a single run succeeds");
    oneRunMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  @Test
  void twoBuildsAtOnceAndKilledBuildsAlwaysLeaveOneYamlsOutputWithNothingUnlisted() throws Exception {
    long seed = Long.getLong("stress.seed", System.nanoTime());
    Random random = new Random(seed);
    Path output = work.resolve("output");
    Files.createDirectories(output);
    List<String> log = new ArrayList<>();
    log.add("seed " + seed + ", one run takes " + oneRunMillis + " ms");
    long concurrentMillis = 0;
    for (int round = 1; round <= CONCURRENT_ROUNDS; round++) {
      long roundStart = System.nanoTime();
      boolean alphaFirst = random.nextBoolean();
      // Every other round without the fingerprint: then neither build can skip its work, and both take the lock.
      boolean fingerprint = round % 2 == 0;
      Process first = start(alphaFirst ? alpha : beta, output, fingerprint);
      Thread.sleep(random.nextInt(200));
      Process second = start(alphaFirst ? beta : alpha, output, fingerprint);
      assertEquals(0, finish(first), "round " + round + ": the first build succeeds (seed " + seed + ")");
      assertEquals(0, finish(second), "round " + round + ": the second build succeeds (seed " + seed + ")");
      concurrentMillis = Math.max(concurrentMillis, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - roundStart));
      String state = "round " + round + " (seed " + seed + ")";
      Path winner = assertOneYamlsOutput(output, state);
      log.add(state + ": " + winner.getFileName() + (fingerprint ? "" : ", without fingerprints"));
    }
    int interrupted = 0;
    for (int round = 1; round <= KILL_ROUNDS; round++) {
      boolean killAlpha = random.nextBoolean();
      Process victim = start(killAlpha ? alpha : beta, output, false);
      Process survivor = start(killAlpha ? beta : alpha, output, false);
      // Odd rounds: a moment anywhere in the two builds' lifetime. Even rounds: a moment once the victim writes
      // (its process holds the lock and has written its journal), where a kill does the most harm.
      String moment;
      boolean seenWriting = false;
      if (round % 2 == 1) {
        long delay = random.nextLong(Math.max(1, concurrentMillis));
        Thread.sleep(delay);
        moment = delay + " ms after the start";
      } else {
        String mark = OutputLock.Journal.PROCESS + victim.pid() + "\n";
        while (victim.isAlive() && !journal(output).contains(mark)) {
          Thread.sleep(1);
        }
        seenWriting = victim.isAlive();
        long delay = random.nextInt(150);
        Thread.sleep(delay);
        moment = delay + " ms into its write";
      }
      boolean killed = victim.isAlive();
      victim.destroyForcibly(); // SIGKILL on Linux and macOS
      victim.waitFor(1, TimeUnit.MINUTES);
      String state = "kill round " + round + ", " + moment + (killed ? "" : ", when it had ended") + " (seed " + seed
          + ")";
      assertEquals(0, finish(survivor), state + ": the other build succeeds");
      assertNothingUnlisted(output, state);
      // What the kill interrupted: the other build waited for the victim's lock (the victim was writing, or about
      // to), or the victim died writing after the other build was done (its journal is left).
      boolean waited = read(logOf(survivor)).contains("Waiting for another build");
      boolean journalLeft = OutputLock.hasJournal(output);
      boolean hit = killed && (seenWriting || waited || journalLeft);
      interrupted += hit ? 1 : 0;
      Path recovery = random.nextBoolean() ? alpha : beta;
      assertEquals(0, finish(start(recovery, output, random.nextBoolean())), state + ": the recovery run succeeds");
      assertEquals(recovery.equals(alpha) ? alphaTree : betaTree, GoldenFiles.read(output),
          state + ": the recovery run leaves exactly " + recovery.getFileName() + "'s output");
      assertOneYamlsOutput(output, state + ", recovered");
      log.add(state + ": " + (!killed ? "nothing to kill; "
          : journalLeft ? "killed while writing, its journal left for the recovery run; "
          : hit ? "killed while holding the lock, the other build repaired it; "
          : "killed before it took the lock; ")
          + "recovered with " + recovery.getFileName());
    }
    log.add(interrupted + " of " + KILL_ROUNDS + " kills hit a build that held the lock");
    System.out.println(String.join("\n", log));
  }

  /** The tree is exactly alpha's or beta's output, all of it listed, nothing temporary; check passes. */
  private static Path assertOneYamlsOutput(Path output, String state) {
    Map<String, String> tree = GoldenFiles.read(output);
    Path winner = tree.equals(alphaTree) ? alpha : tree.equals(betaTree) ? beta : null;
    assertTrue(winner != null, state + ": the tree is neither YAML's output; files: " + tree.size());
    assertNothingUnlisted(output, state);
    assertEquals("", read(output.resolve(OutputLock.FILE_NAME)), state + ": no journal is left");
    GenerationRequest request = GenerationRequest.of(winner).withOutputDirectory(output);
    SpaceliftOidc core = new SpaceliftOidc();
    OutputWriter.SyncResult check = new OutputWriter(output).check(core.render(request, core.load(request)),
        Selection.ALL::owns);
    assertEquals(List.of(), check.drift(), state + ": check passes");
    return winner;
  }

  /** Every file with the header is in the manifest, or is a temporary file that the journal names. */
  private static void assertNothingUnlisted(Path output, String state) {
    Manifest manifest = new OutputWriter(output).readManifest();
    String journal = read(output.resolve(OutputLock.FILE_NAME));
    try (Stream<Path> walk = Files.walk(output)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String relative = output.relativize(file).toString().replace('\\', '/');
        if (relative.equals(Manifest.FILE_NAME) || !read(file).startsWith(GeneratedFile.HEADER)) {
          continue;
        }
        boolean temporary = AtomicFiles.isTemporary(file.getFileName().toString());
        assertTrue(manifest.entries().containsKey(relative) || temporary && journal.contains(relative + "\n"),
            state + ": " + relative + " is generated, but neither the manifest nor the journal lists it");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @param fingerprint whether the build keeps an up-to-date fingerprint (and may skip its work) */
  private static Process start(Path config, Path output, boolean fingerprint) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path log = Files.createTempFile(work, "build-", ".log");
    Process process = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath,
        GenerateProcess.class.getName(), config.toString(), output.toString(),
        fingerprint ? work.resolve("target").toString() : "none")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    LOGS.put(process, log);
    return process;
  }

  private static final Map<Process, Path> LOGS = new java.util.concurrent.ConcurrentHashMap<>();

  private static Path logOf(Process process) {
    return LOGS.get(process);
  }

  private static int finish(Process process) throws InterruptedException {
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the build ends");
    if (process.exitValue() != 0) {
      System.out.println(read(logOf(process)));
    }
    return process.exitValue();
  }

  private static Path yaml(String account, String id, String region, int firstStack) throws IOException {
    StringBuilder yaml = new StringBuilder("""
        spacelift:
          hostname: demo.app.spacelift.io
        accounts:
          - name: %s
            id: "%s"
            region: %s
            roles:
              - name: spacelift-%s
                managedPolicies: [ReadOnlyAccess]
                trust: [{space: production, stack: "*"}]
        spaces:
          - name: production
            id: production-01HND497T9JKR76MR3KA2CDJHP
        stacks:
        """.formatted(account, id, region, account));
    for (int i = firstStack; i < firstStack + STACKS; i++) {
      yaml.append("  - {id: stack-").append(i).append(", space: production, account: ").append(account)
          .append(", role: spacelift-").append(account).append("}\n");
    }
    Path file = work.resolve(account + ".yaml");
    Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
    return file;
  }

  private static Map<String, String> reference(Path config, Path directory) {
    new SpaceliftOidc().generate(GenerationRequest.of(config).withOutputDirectory(directory));
    return GoldenFiles.read(directory);
  }

  /** The lock file's content as another process sees it mid-write; "" when it cannot be read. */
  private static String journal(Path output) {
    try {
      return new String(Files.readAllBytes(output.resolve(OutputLock.FILE_NAME)), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
