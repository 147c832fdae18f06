package io.github.spaceliftoidc.benchmark;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.config.ConfigBinder;
import io.github.spaceliftoidc.core.model.Config;
import io.github.spaceliftoidc.core.plan.Planner;
import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.problem.Hints;
import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.write.GeneratedFile;
import io.github.spaceliftoidc.core.write.OutputWriter;
import io.github.spaceliftoidc.core.yaml.TreeReader;
import io.github.spaceliftoidc.core.yaml.YNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Phase timers for profiling: runs the core's phases on the synthetic organisation in one JVM, the first round cold
 * (as in one Maven run) and the next ones warm, and prints milliseconds per phase and the GC time.
 *
 * <p>{@code java -cp target/classes:$(cat target/classpath.txt) io.github.spaceliftoidc.benchmark.Phases 10000 5}
 */
public final class Phases {

  private Phases() {}

  public static void main(String[] args) throws IOException {
    int stacks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path directory = Files.createTempDirectory("spacelift-oidc-phases-");
    try {
      Path yaml = directory.resolve("spacelift-oidc.yaml");
      SyntheticOrganisation.write(yaml, stacks);
      System.out.printf(Locale.ROOT, "%,d stacks, %d cores; milliseconds per phase, round 1 cold%n", stacks,
          Runtime.getRuntime().availableProcessors());
      System.out.println("wall ms (process CPU ms, all threads; steadier on a busy machine)");
      System.out.println("round         parse      validate        render  write(fresh) diff(unchanged)     gc");
      for (int round = 1; round <= rounds; round++) {
        Path output = directory.resolve("out-" + round);
        GenerationRequest request = GenerationRequest.of(yaml).withOutputDirectory(output);
        long gcBefore = gcMillis();
        Clock clock = new Clock();
        Problems problems = new Problems();
        YNode tree = new TreeReader().read(yaml, "spacelift-oidc.yaml", TreeReader.Format.YAML, problems)
            .orElseThrow();
        String parse = clock.lap();
        Config config = new ConfigBinder(problems).bind(tree, request.configFile(), request.configDisplayName());
        var plan = new Planner(problems, request.maxTrustPolicySize(), new TreeReader(), Hints.NEUTRAL)
            .plan(config).plan();
        problems.throwIfAny();
        String validate = clock.lap();
        List<GeneratedFile> files = new SpaceliftOidc().render(request,
            new SpaceliftOidc.Loaded(config, plan, List.of(yaml), problems.warnings()));
        String render = clock.lap();
        new OutputWriter(output).write(files, Selection.ALL::owns);
        String write = clock.lap();
        OutputWriter.SyncResult diff = new OutputWriter(output).check(files, Selection.ALL::owns);
        String compare = clock.lap();
        if (!diff.drift().isEmpty()) {
          throw new IllegalStateException("a rerun should find every file unchanged");
        }
        System.out.printf(Locale.ROOT, "%5d %13s %13s %13s %13s %15s %6d%n", round, parse, validate, render, write,
            compare, gcMillis() - gcBefore);
        Trees.delete(output);
      }
    } finally {
      Trees.delete(directory);
    }
  }

  /** Wall and process CPU time since the last lap. */
  private static final class Clock {
    private final com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long wall = System.nanoTime();
    private long cpu = os.getProcessCpuTime();

    String lap() {
      long nowWall = System.nanoTime();
      long nowCpu = os.getProcessCpuTime();
      String text = String.format(Locale.ROOT, "%d (%d)", (nowWall - wall) / 1_000_000, (nowCpu - cpu) / 1_000_000);
      wall = nowWall;
      cpu = nowCpu;
      return text;
    }
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime()))
        .sum();
  }

}
