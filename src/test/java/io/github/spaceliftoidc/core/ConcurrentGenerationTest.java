package io.github.spaceliftoidc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.testing.GoldenFiles;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code threadSafe = true} in fact: many threads generating at once, into separate output directories and into
 * the same ones (whole runs, and filtered runs that share one directory and its manifest, as the modules of a
 * {@code -T} build do), leave exactly the bytes a serial run leaves.
 */
class ConcurrentGenerationTest {

  private static final Path YAML =
      ProjectPaths.testResources().resolve("golden/organisation/spacelift-oidc.yaml");

  /** The filters of three modules that share one YAML and one output directory. */
  private static final List<Selection> MODULES = List.of(
      new Selection(Set.of("network-prod", "network-dr"), Set.of("production")),
      new Selection(Set.of("app"), Set.of()),
      new Selection(Set.of("app-staging"), Set.of("staging")));

  private static final int SHARED_DIRECTORIES = 6;

  /**
   * (output directory name, selection) runs: whole runs, twice each into the same directories; and each module's
   * filtered run once into each of several fresh shared directories, where an unsynchronised manifest merge would
   * lose a module's entries.
   */
  private static List<Map.Entry<String, Selection>> runs() {
    List<Map.Entry<String, Selection>> runs = new ArrayList<>();
    for (int directory = 0; directory < SHARED_DIRECTORIES; directory++) {
      for (Selection module : MODULES) {
        runs.add(Map.entry("shared-" + directory, module));
      }
      if (directory < 2) {
        runs.add(Map.entry("whole-" + directory, Selection.ALL));
        runs.add(Map.entry("whole-" + directory, Selection.ALL));
      }
    }
    return runs;
  }

  private static void run(Path root, Map.Entry<String, Selection> run) {
    GenerationRequest request = GenerationRequest.of(YAML).withOutputDirectory(root.resolve(run.getKey()))
        .withSelection(run.getValue());
    new SpaceliftOidc().generate(request);
  }

  @Test
  void parallelRunsWriteWhatASerialRunWrites(@TempDir Path serial, @TempDir Path parallel) throws Exception {
    runs().forEach(run -> run(serial, run));

    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (Map.Entry<String, Selection> run : runs()) {
        futures.add(pool.submit(() -> {
          start.await();
          run(parallel, run);
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(2, TimeUnit.MINUTES); // rethrows any failure of a run
      }
    } finally {
      pool.shutdownNow();
    }

    Map<String, String> whole = GoldenFiles.read(serial.resolve("whole-0"));
    assertFalse(whole.isEmpty());
    assertEquals(whole, GoldenFiles.read(serial.resolve("shared-0")),
        "serially, the three filtered modules together generate what one whole run generates");
    for (String directory : runs().stream().map(Map.Entry::getKey).distinct().toList()) {
      assertEquals(whole, GoldenFiles.read(parallel.resolve(directory)), directory);
    }
  }
}
