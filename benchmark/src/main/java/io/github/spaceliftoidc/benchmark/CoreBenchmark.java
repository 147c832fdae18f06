package io.github.spaceliftoidc.benchmark;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.GenerationResult;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.config.ConfigBinder;
import io.github.spaceliftoidc.core.model.Config;
import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.plan.Planner;
import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.problem.Hints;
import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.write.GeneratedFile;
import io.github.spaceliftoidc.core.write.OutputWriter;
import io.github.spaceliftoidc.core.yaml.TreeReader;
import io.github.spaceliftoidc.core.yaml.YNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The core alone, in process, on the synthetic organisation: each phase of a run ({@code parse} the YAML,
 * {@code validate} it (bind and plan: every check, reference and trust policy), {@code render} every file, and
 * {@code diff} them against the disk), and a whole {@code check} (all four), with the output already on disk.
 *
 * <p>Run by {@code benchmark/run.sh}; by hand: {@code java -cp target/classes:$(cat target/classpath.txt)
 * org.openjdk.jmh.Main CoreBenchmark -p stacks=10000}. {@code -bm ss -wi 0 -i 1 -f 5} measures cold JVMs instead,
 * which is what one Maven run sees.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class CoreBenchmark {

  @Param({"10000"})
  public int stacks;

  private Path directory;
  private GenerationRequest request;
  private YNode tree;
  private SpaceliftOidc.Loaded loaded;
  private List<GeneratedFile> files;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    directory = Files.createTempDirectory("spacelift-oidc-bench-");
    Path yaml = directory.resolve("spacelift-oidc.yaml");
    SyntheticOrganisation.write(yaml, stacks);
    request = GenerationRequest.of(yaml).withOutputDirectory(directory.resolve("infra"));
    SpaceliftOidc core = new SpaceliftOidc();
    GenerationResult generated = core.generate(request);
    if (generated.written() != generated.changes().size()) {
      throw new IllegalStateException("the first run should write every file: " + generated.summary());
    }
    tree = parse();
    loaded = core.load(request);
    files = core.render(request, loaded);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** YAML to the located tree. */
  @Benchmark
  public YNode parse() {
    Problems problems = new Problems();
    YNode root = new TreeReader().read(request.configFile(), request.configDisplayName(), TreeReader.Format.YAML,
        problems).orElseThrow();
    problems.throwIfAny();
    return root;
  }

  /** The tree to the model and the plan: every check, reference, grant and trust policy. */
  @Benchmark
  public GenerationPlan validate() {
    Problems problems = new Problems();
    Config config = new ConfigBinder(problems).bind(tree, request.configFile(), request.configDisplayName());
    GenerationPlan plan = new Planner(problems, request.maxTrustPolicySize(), new TreeReader(),
        Hints.NEUTRAL).plan(config).plan();
    problems.throwIfAny();
    return plan;
  }

  /** The plan to the text of every file, through FreeMarker and the formatter. */
  @Benchmark
  public List<GeneratedFile> render() {
    return new SpaceliftOidc().render(request, loaded);
  }

  /** Every rendered file against the disk (all unchanged), and the manifest. */
  @Benchmark
  public OutputWriter.SyncResult diff() {
    OutputWriter.SyncResult result = new OutputWriter(request.outputDirectory()).check(files, Selection.ALL::owns);
    if (!result.drift().isEmpty()) {
      throw new IllegalStateException("the output on disk should be up to date");
    }
    return result;
  }

  /** All four: what {@code spacelift-oidc:check} (or a generate without a fingerprint) does. */
  @Benchmark
  public GenerationResult all() {
    return new SpaceliftOidc().check(request);
  }
}
