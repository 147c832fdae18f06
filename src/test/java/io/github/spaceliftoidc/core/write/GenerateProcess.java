package io.github.spaceliftoidc.core.write;

import io.github.spaceliftoidc.core.GenerationRequest;
import io.github.spaceliftoidc.core.GenerationResult;
import io.github.spaceliftoidc.core.SpaceliftOidc;
import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.problem.Hints;
import java.nio.file.Path;

/**
 * {@code generate} in a process of its own, as the stress test starts it: arguments are the YAML, the output
 * directory and the work directory (the fingerprint's, or {@code none}). Prints the summary; exits 0 on success.
 */
public final class GenerateProcess {

  private GenerateProcess() {}

  public static void main(String[] args) {
    Path config = Path.of(args[0]);
    Path work = args[2].equals("none") ? null : Path.of(args[2]);
    GenerationRequest request = new GenerationRequest(config, Path.of(args[1]), config.getParent(), work, null,
        Selection.ALL, 1_000_000, "stress", Hints.NEUTRAL);
    GenerationResult result = new SpaceliftOidc(System.out::println).generate(request);
    System.out.println(result.summary());
  }
}
