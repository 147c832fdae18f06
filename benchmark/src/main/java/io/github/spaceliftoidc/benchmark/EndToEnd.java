package io.github.spaceliftoidc.benchmark;

import io.github.spaceliftoidc.core.write.OutputWriter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The end-to-end benchmark: {@code mvn spacelift-oidc:generate} on synthetic organisations, against the floor measured
 * in the same run on the same projects.
 *
 * <p>For each size it writes a Maven project with the organisation's YAML and then, in interleaved rounds (so that a
 * burst of load on a shared machine hits every measure alike), times as separate processes:
 * <ul>
 *   <li>{@code mvn validate}: starting Maven and reading the POM, no plugin;</li>
 *   <li>{@code cp -r} of the generated output tree: writing the same bytes into the same files and directories;</li>
 *   <li>{@code mvn spacelift-oidc:generate} into an empty output directory (fresh);</li>
 *   <li>the same again with nothing changed (no-op: the fingerprint matches, 0 files written);</li>
 *   <li>{@code mvn clean}: a plugin that starts and deletes next to nothing, for comparison with the no-op;</li>
 *   <li>the same generate after that (no fingerprint: everything is rendered and compared, 0 written).</li>
 * </ul>
 * The first round is a warm-up and is dropped; each figure is the median of the others. The floor is
 * {@code mvn validate + cp -r}. Finally the largest organisation is generated once with {@code MAVEN_OPTS=-Xmx256m}.
 *
 * <p>Usage: {@code EndToEnd --maven <mvn> --repo <local repo with the plugin> --work <dir> --plugin-version <v>
 * [--runs 5] [--warmup 1] [--sizes 1000,10000]}; {@code benchmark/run.sh} passes all of it.
 */
public final class EndToEnd {

  static final String FLOOR_DEFINITION = "floor = median(mvn validate) + median(cp -r of the generated output tree),"
      + " both on the same project in the same run";

  private static final Pattern WRITTEN = Pattern.compile("(\\d+) written");
  // The plugin's up-to-date summary; IncrementalGenerationTest checks this pattern against GenerationResult.
  private static final Pattern NOTHING_WRITTEN = Pattern.compile("up to date .*: 0 written, \\d+ unchanged, 0 deleted");

  private final String maven;
  private final Path repo;
  private final Path work;
  private final String pluginVersion;
  private final int runs;
  private final int warmup;
  private final List<Integer> sizes;

  private EndToEnd(Map<String, String> options) {
    maven = required(options, "maven");
    repo = Path.of(required(options, "repo")).toAbsolutePath();
    work = Path.of(required(options, "work")).toAbsolutePath();
    pluginVersion = required(options, "plugin-version");
    runs = Integer.parseInt(options.getOrDefault("runs", "5"));
    warmup = Integer.parseInt(options.getOrDefault("warmup", "1"));
    sizes = Arrays.stream(options.getOrDefault("sizes", "1000,10000").split(",")).map(String::strip)
        .map(Integer::parseInt).sorted().toList();
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    System.exit(new EndToEnd(options).run() ? 0 : 1);
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return value;
  }

  /** One timed process: wall seconds and the CPU seconds (user + system) of it and its children. */
  record Timing(double wall, double cpu, String log) {}

  /** The measures of one size, one list of timings per measure. */
  static final class Series {
    final Map<String, List<Timing>> byMeasure = new LinkedHashMap<>();

    void add(String measure, Timing timing) {
      byMeasure.computeIfAbsent(measure, m -> new ArrayList<>()).add(timing);
    }

    double median(String measure) {
      return medianOf(byMeasure.get(measure).stream().mapToDouble(Timing::wall).toArray());
    }

    double medianCpu(String measure) {
      return medianOf(byMeasure.get(measure).stream().mapToDouble(Timing::cpu).toArray());
    }

    String spread(String measure) {
      double[] walls = byMeasure.get(measure).stream().mapToDouble(Timing::wall).sorted().toArray();
      return String.format(Locale.ROOT, "%.2f-%.2f", walls[0], walls[walls.length - 1]);
    }
  }

  static final String VALIDATE = "mvn validate";
  static final String COPY = "cp -r of the output tree";
  static final String FRESH = "generate, fresh output";
  static final String NOOP = "generate, no-op rerun";
  static final String CLEAN = "generate, rerun after mvn clean";
  static final String PLUGIN = "mvn clean (any plugin's start-up)";

  private boolean run() throws Exception {
    Files.createDirectories(work);
    String load = loadAverage();
    System.out.println("spacelift-oidc end-to-end benchmark");
    System.out.println("  " + firstLine(exec(work, List.of(maven, "--version"), null).log()));
    System.out.println("  Java " + System.getProperty("java.version") + ", " + Runtime.getRuntime()
        .availableProcessors() + " cores, load average at start: " + load);
    System.out.println("  plugin " + pluginVersion + "; " + runs + " measured runs per figure after " + warmup
        + " warm-up round(s), interleaved; figures are medians in seconds (wall clock), min-max and CPU (user+sys)");
    Map<Integer, Path> projects = new LinkedHashMap<>();
    for (int size : sizes) {
      projects.put(size, writeProject(size));
    }
    Map<Integer, Series> results = new LinkedHashMap<>();
    sizes.forEach(size -> results.put(size, new Series()));
    Map<Integer, String> digests = new LinkedHashMap<>();
    Map<Integer, Long> fileCounts = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (int round = 0; round < warmup + runs; round++) {
      boolean measured = round >= warmup;
      System.out.print(measured ? "  round " + (round - warmup + 1) + "/" + runs : "  warm-up round");
      for (int size : sizes) {
        Path project = projects.get(size);
        Series series = results.get(size);
        Path output = project.resolve("infra");
        Path copy = project.resolve("infra-copy");

        Timing validate = mavenRun(project, List.of("validate"), null, failures, "validate " + size);
        Trees.delete(output);
        Trees.delete(project.resolve("target"));
        Timing fresh = mavenRun(project, List.of("spacelift-oidc:generate"), null, failures, "fresh " + size);
        long written = lastWritten(fresh.log());
        long files = countFiles(output);
        if (written != files - 1) { // every file but the manifest is counted as written
          failures.add("fresh " + size + ": wrote " + written + " files, but the output holds " + files);
        }
        fileCounts.put(size, files);
        String digest = digestTree(output);
        String previous = digests.putIfAbsent(size, digest);
        if (previous != null && !previous.equals(digest)) {
          failures.add("fresh " + size + ": the output differs from the previous round's");
        }
        Timing noop = mavenRun(project, List.of("spacelift-oidc:generate"), null, failures, "no-op " + size);
        if (!NOTHING_WRITTEN.matcher(noop.log()).find()) {
          failures.add("no-op " + size + ": the rerun did not report the output up to date with 0 files written");
        }
        Trees.delete(copy);
        Timing cp = exec(project, List.of("cp", "-r", "infra", "infra-copy"), null);
        Trees.delete(copy);
        // A plugin that starts and does next to nothing (deletes target/); the warm-up round may download it.
        Timing plugin = mavenRun(project, List.of("clean"), null, failures, "mvn clean " + size, measured);
        Trees.delete(project.resolve("target"));
        Timing clean = mavenRun(project, List.of("spacelift-oidc:generate"), null, failures, "clean " + size);
        if (lastWritten(clean.log()) != 0) {
          failures.add("rerun after clean " + size + ": wrote " + lastWritten(clean.log()) + " files, expected 0");
        }
        if (measured) {
          series.add(VALIDATE, validate);
          series.add(COPY, cp);
          series.add(FRESH, fresh);
          series.add(NOOP, noop);
          series.add(CLEAN, clean);
          series.add(PLUGIN, plugin);
        }
        System.out.print(" .");
      }
      System.out.println();
    }

    int largest = sizes.get(sizes.size() - 1);
    Path project = projects.get(largest);
    Trees.delete(project.resolve("infra"));
    Trees.delete(project.resolve("target"));
    Timing smallHeap = mavenRun(project, List.of("spacelift-oidc:generate"), "-Xmx256m", new ArrayList<>(), "");
    boolean smallHeapOk = smallHeap.log().contains("BUILD SUCCESS")
        && lastWritten(smallHeap.log()) == fileCounts.get(largest) - 1
        && digestTree(project.resolve("infra")).equals(digests.get(largest));

    report(results, fileCounts, largest, smallHeap, smallHeapOk);
    System.out.println("  load average at end: " + loadAverage());
    failures.forEach(failure -> System.out.println("FAILED: " + failure));
    return failures.isEmpty();
  }

  private void report(Map<Integer, Series> results, Map<Integer, Long> fileCounts, int largest, Timing smallHeap,
      boolean smallHeapOk) {
    System.out.println();
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-34s", ""));
    for (int size : sizes) {
      header.append(String.format(Locale.ROOT, " | %,7d stacks (%,d files)      ", size, fileCounts.get(size)));
    }
    System.out.println(header);
    StringBuilder columns = new StringBuilder(String.format(Locale.ROOT, "  %-34s", ""));
    sizes.forEach(size -> columns.append(String.format(Locale.ROOT, " | %7s %-11s %7s", "median", "(min-max)",
        "cpu")));
    System.out.println(columns);
    for (String measure : List.of(VALIDATE, COPY, FRESH, NOOP, CLEAN, PLUGIN)) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-34s", measure));
      for (int size : sizes) {
        Series series = results.get(size);
        line.append(String.format(Locale.ROOT, " | %7.2f %-11s %7.2f", series.median(measure),
            "(" + series.spread(measure) + ")", series.medianCpu(measure)));
      }
      System.out.println(line);
    }
    StringBuilder floorLine = new StringBuilder(String.format(Locale.ROOT, "  %-34s", "floor (validate + cp -r)"));
    for (int size : sizes) {
      Series series = results.get(size);
      floorLine.append(String.format(Locale.ROOT, " | %7.2f %-11s %7.2f", floor(series), "",
          series.medianCpu(VALIDATE) + series.medianCpu(COPY)));
    }
    System.out.println(floorLine);
    System.out.println();
    System.out.println("  " + FLOOR_DEFINITION + ".");
    System.out.println("  Ratios (wall clock; CPU-time ratio in brackets, steadier on a busy machine):");
    Series big = results.get(largest);
    String big10k = String.format(Locale.ROOT, "%,d", largest);
    ratio("generate " + big10k + ", fresh / floor", big.median(FRESH) / floor(big),
        big.medianCpu(FRESH) / (big.medianCpu(VALIDATE) + big.medianCpu(COPY)), 1.3, "");
    ratio("generate " + big10k + ", no-op / mvn validate", big.median(NOOP) / big.median(VALIDATE),
        big.medianCpu(NOOP) / big.medianCpu(VALIDATE), 1.1, "0 files written");
    System.out.printf(Locale.ROOT, "  %-52s %6.2f (%5.2f)  for comparison: maven-clean-plugin starting to delete"
        + " next to nothing%n", "  mvn clean / mvn validate", big.median(PLUGIN) / big.median(VALIDATE),
        big.medianCpu(PLUGIN) / big.medianCpu(VALIDATE));
    if (sizes.size() > 1) {
      int smallest = sizes.get(0);
      Series small = results.get(smallest);
      double expected = (double) largest / smallest;
      ratio(String.format(Locale.ROOT, "scaling (t%,d - t_validate) / (t%,d - t_validate)", largest, smallest),
          (big.median(FRESH) - big.median(VALIDATE)) / (small.median(FRESH) - small.median(VALIDATE)),
          (big.medianCpu(FRESH) - big.medianCpu(VALIDATE)) / (small.medianCpu(FRESH) - small.medianCpu(VALIDATE)),
          expected * 1.1, "linear is " + Math.round(expected));
    }
    System.out.printf(Locale.ROOT, "  %-52s %s in %.2f s (target: succeeds)%n",
        "generate " + big10k + " with MAVEN_OPTS=-Xmx256m", smallHeapOk ? "succeeded" : "FAILED", smallHeap.wall());
  }

  private static void ratio(String name, double wall, double cpu, double target, String note) {
    // A negative or infinite ratio means a difference drowned in noise (a busy machine): no verdict then.
    String verdict = !Double.isFinite(wall) || wall <= 0 ? "no verdict (noise)" : wall <= target ? "met" : "MISSED";
    System.out.printf(Locale.ROOT, "  %-52s %6.2f (%5.2f)  target <= %-5s %s%s%n", name, wall, cpu,
        trim(target), verdict, note.isEmpty() ? "" : "; " + note);
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static double floor(Series series) {
    return series.median(VALIDATE) + series.median(COPY);
  }

  private Path writeProject(int size) throws IOException {
    Path project = work.resolve("org-" + size);
    Files.createDirectories(project.resolve(".mvn")); // the project's own root: no parent's .mvn/ config applies
    SyntheticOrganisation.write(project.resolve("spacelift-oidc.yaml"), size);
    Files.writeString(project.resolve("pom.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>io.github.spaceliftoidc.benchmark</groupId>
          <artifactId>organisation-%d</artifactId>
          <version>1</version>
          <packaging>pom</packaging>
          <build>
            <plugins>
              <plugin>
                <groupId>io.github.spaceliftoidc</groupId>
                <artifactId>spacelift-oidc-maven-plugin</artifactId>
                <version>%s</version>
                <configuration>
                  <outputDirectory>${project.basedir}/infra</outputDirectory>
                </configuration>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(size, pluginVersion), StandardCharsets.UTF_8);
    return project;
  }

  private Timing mavenRun(Path project, List<String> goals, String mavenOpts, List<String> failures, String what)
      throws IOException, InterruptedException {
    return mavenRun(project, goals, mavenOpts, failures, what, true);
  }

  /** Runs Maven offline (measured runs touch no network), or online once to download a missing plugin. */
  private Timing mavenRun(Path project, List<String> goals, String mavenOpts, List<String> failures, String what,
      boolean offline) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(maven, "-B", "-Dmaven.repo.local=" + repo,
        "-Dmaven.repo.local.tail=" + Path.of(System.getProperty("user.home"), ".m2", "repository")));
    if (offline) {
      command.add("-o");
    }
    command.addAll(goals);
    Timing timing = exec(project, command, mavenOpts);
    if (!timing.log().contains("BUILD SUCCESS")) {
      failures.add(what + ": the build failed:\n" + timing.log());
    }
    return timing;
  }

  /**
   * Runs a command with its output in a log, through bash so that {@code times} reports the CPU time of the command
   * and its children. Wall time is taken around the whole, which adds the same few milliseconds to every measure.
   */
  private static Timing exec(Path directory, List<String> command, String mavenOpts)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("spacelift-oidc-bench-", ".log");
    Path times = Files.createTempFile("spacelift-oidc-bench-", ".times");
    List<String> wrapped = new ArrayList<>(List.of("bash", "-c",
        "\"$@\" > \"$LOG\" 2>&1; rc=$?; times > \"$TIMES\"; exit $rc", "bash"));
    wrapped.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(wrapped).directory(directory.toFile());
    builder.environment().put("LOG", log.toString());
    builder.environment().put("TIMES", times.toString());
    builder.environment().remove("MAVEN_ARGS");
    if (mavenOpts == null) {
      builder.environment().remove("MAVEN_OPTS");
    } else {
      builder.environment().put("MAVEN_OPTS", mavenOpts);
    }
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    long start = System.nanoTime();
    Process process = builder.start();
    process.waitFor();
    double wall = (System.nanoTime() - start) / 1e9;
    String output = Files.readString(log, StandardCharsets.UTF_8);
    List<String> timesLines = Files.readAllLines(times, StandardCharsets.UTF_8);
    Files.delete(log);
    Files.delete(times);
    double cpu = timesLines.size() >= 2 ? cpuSeconds(timesLines.get(1)) : Double.NaN;
    return new Timing(wall, cpu, output);
  }

  /** bash's {@code times} line of the children: "0m1.234s 0m0.567s" (user, system). */
  static double cpuSeconds(String line) {
    double total = 0;
    Matcher matcher = Pattern.compile("(\\d+)m([\\d.]+)s").matcher(line);
    while (matcher.find()) {
      total += Integer.parseInt(matcher.group(1)) * 60 + Double.parseDouble(matcher.group(2));
    }
    return total;
  }

  private static long lastWritten(String log) {
    Matcher matcher = WRITTEN.matcher(log);
    long written = -1;
    while (matcher.find()) {
      written = Long.parseLong(matcher.group(1));
    }
    return written;
  }

  static double medianOf(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The generated files and the manifest: every regular file but the writer's lock file (empty between runs). */
  private static long countFiles(Path directory) throws IOException {
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> !file.getFileName().toString().equals(OutputWriter.LOCK_FILE)).count();
    }
  }

  /** A digest of every file's path and content: equal trees, equal digests. */
  private static String digestTree(Path directory) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        sha.update(directory.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        try (InputStream in = Files.newInputStream(file)) {
          sha.update(in.readAllBytes());
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }


  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + ", " + parts[1] + ", " + parts[2] + " (1, 5, 15 min)";
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text.strip() : text.substring(0, newline).strip();
  }
}
