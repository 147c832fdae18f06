package io.github.spaceliftoidc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.plan.Planner;
import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.problem.Hints;
import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each path of {@code generate} and {@code check} loads, in a class loader of its own as a fresh Maven run has:
 * the no-op rerun loads neither the diff library nor the trust review, and generate never loads the diff library,
 * which only a {@code check} that shows a diff needs. Classes cost start-up on every run; the benchmark measures the
 * time, this test keeps the reason.
 */
class ClassesLoadedTest {

  private static final String DIFF_LIBRARY = "com.github.difflib.DiffUtils";
  private static final String TRUST_REVIEW = "io.github.spaceliftoidc.core.review.TrustReview";

  @TempDir Path directory;

  /** A loader of the plugin's classes and their dependencies, with only the JDK's above it. */
  static final class Isolated extends URLClassLoader {
    Isolated() throws MalformedURLException {
      super(classPath(), ClassLoader.getPlatformClassLoader());
    }

    boolean loaded(String name) {
      return findLoadedClass(name) != null;
    }

    private static URL[] classPath() throws MalformedURLException {
      String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      List<URL> urls = new ArrayList<>();
      for (String entry : path.split(File.pathSeparator)) {
        urls.add(new File(entry).toURI().toURL());
      }
      return urls.toArray(URL[]::new);
    }
  }

  /** The part of a run that the isolated loader carries out: {@link #generate} or {@link #check}. */
  public static final class Runs {
    private Runs() {}

    public static boolean generate(Path yaml, Path work) {
      return new SpaceliftOidc().generate(request(yaml, work)).upToDate();
    }

    public static boolean check(Path yaml, Path work) {
      return new SpaceliftOidc().check(request(yaml, work)).isUpToDateOnDisk();
    }

    private static GenerationRequest request(Path yaml, Path work) {
      Path output = yaml.getParent();
      return new GenerationRequest(yaml, output, output, work, null, Selection.ALL,
          Planner.defaultTrustPolicyLimit(), "test", Hints.NEUTRAL);
    }
  }

  /** Runs {@code Runs.<method>} in a new isolated loader, which it returns; {@link #lastResult} is what it said. */
  private Isolated run(String method, Path yaml) throws Exception {
    Isolated loader = new Isolated();
    lastResult = (Boolean) loader.loadClass(Runs.class.getName()).getMethod(method, Path.class, Path.class)
        .invoke(null, yaml, directory.resolve("work"));
    return loader;
  }

  private boolean lastResult;

  private Path quickstart() throws Exception {
    Path yaml = directory.resolve("out/spacelift-oidc.yaml");
    Files.createDirectories(yaml.getParent());
    Files.copy(ProjectPaths.root().resolve("examples/quickstart/spacelift-oidc.yaml"), yaml);
    return yaml;
  }

  @Test
  void theNoOpRerunLoadsNeitherTheDiffLibraryNorTheTrustReview() throws Exception {
    Path yaml = quickstart();
    try (Isolated fresh = run("generate", yaml)) {
      assertFalse(lastResult, "the first run generates");
      assertFalse(fresh.loaded(DIFF_LIBRARY), "generate never loads the diff library");
      assertTrue(fresh.loaded(TRUST_REVIEW), "a run that renders reviews the trust");
    }
    try (Isolated noOp = run("generate", yaml)) {
      assertTrue(lastResult, "the second run is the no-op rerun");
      assertFalse(noOp.loaded(DIFF_LIBRARY));
      assertFalse(noOp.loaded(TRUST_REVIEW));
    }
  }

  @Test
  void onlyACheckThatShowsADiffLoadsTheDiffLibrary() throws Exception {
    Path yaml = quickstart();
    run("generate", yaml).close();
    try (Isolated upToDate = run("check", yaml)) {
      assertTrue(lastResult);
      assertFalse(upToDate.loaded(DIFF_LIBRARY), "nothing differs, so there is nothing to diff");
    }
    Path iam = yaml.getParent().resolve("iam/production/spacelift-oidc-iam.tf");
    Files.writeString(iam, Files.readString(iam).replace("AmazonVPCFullAccess", "AdministratorAccess"));
    try (Isolated stale = run("check", yaml)) {
      assertEquals(false, lastResult);
      assertTrue(stale.loaded(DIFF_LIBRARY), "the test sees the library when it is loaded");
    }
  }
}
