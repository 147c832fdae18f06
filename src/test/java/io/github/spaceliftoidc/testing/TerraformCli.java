package io.github.spaceliftoidc.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Terraform CLI with an offline mirror of the hashicorp/aws provider, for tests that check generated output
 * against the real formatter and provider schema. Tests call {@link #require()}, which skips them with a clear
 * message on machines without Terraform or without the mirror.
 *
 * <p>The CLI is found on the PATH (or in {@code TERRAFORM_BIN}); the mirror in {@code SPACELIFT_OIDC_TF_MIRROR},
 * {@code /opt/tf-plugins}, {@code ~/.terraform.d/plugins} or {@code /usr/share/terraform/plugins}.
 */
public final class TerraformCli {

  private static final List<String> MIRROR_CANDIDATES = List.of("/opt/tf-plugins",
      System.getProperty("user.home") + "/.terraform.d/plugins", "/usr/share/terraform/plugins",
      System.getProperty("user.home") + "/.local/share/terraform/plugins");

  private static final Optional<TerraformCli> INSTANCE = detect();

  private final Path binary;
  private final Path cliConfig;

  private TerraformCli(Path binary, Path cliConfig) {
    this.binary = binary;
    this.cliConfig = cliConfig;
  }

  /** The CLI, or a skipped test that says what is missing. */
  public static TerraformCli require() {
    assumeTrue(INSTANCE.isPresent(), "Skipped: no Terraform CLI on the PATH (or TERRAFORM_BIN), or no offline"
        + " mirror of registry.terraform.io/hashicorp/aws (set SPACELIFT_OIDC_TF_MIRROR to its root). These checks"
        + " run wherever both are installed.");
    return INSTANCE.get();
  }

  public static boolean isAvailable() {
    return INSTANCE.isPresent();
  }

  /** The outcome of one command. */
  public record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** For {@link #validate}: valid, with neither errors nor warnings. */
    public boolean noWarnings() {
      String compact = output.replaceAll("\\s+", "");
      return ok() && compact.contains("\"valid\":true") && compact.contains("\"error_count\":0")
          && compact.contains("\"warning_count\":0");
    }
  }

  /** {@code terraform fmt -check -diff -recursive} on a directory. */
  public Result fmtCheck(Path directory) {
    return run(directory, List.of("fmt", "-check", "-diff", "-recursive", "-no-color"));
  }

  /**
   * {@code terraform init -backend=false} and {@code terraform validate -json} in a scratch copy of the directory:
   * the JSON counts the warnings too ({@link Result#noWarnings}).
   */
  public Result validate(Path directory) throws IOException {
    Path copy = scratchCopy(directory);
    Result init = run(copy, List.of("init", "-backend=false", "-input=false", "-no-color"));
    if (!init.ok()) {
      return init;
    }
    return run(copy, List.of("validate", "-json", "-no-color"));
  }

  /** {@code terraform init} with the backend, in a scratch copy: it reads the backend configuration for real. */
  public Result initWithBackend(Path directory, Map<String, String> environment) throws IOException {
    Path copy = scratchCopy(directory);
    return run(copy, List.of("init", "-input=false", "-no-color"), environment);
  }

  /** Evaluates an expression with {@code terraform console} in a scratch copy of the directory. */
  public Result console(Path directory, String expression) throws IOException {
    Path copy = scratchCopy(directory);
    Result init = run(copy, List.of("init", "-backend=false", "-input=false", "-no-color"));
    if (!init.ok()) {
      return init;
    }
    return run(copy, List.of("console", "-no-color"), Map.of(), expression + "\n");
  }

  private static Path scratchCopy(Path directory) throws IOException {
    Path copy = Files.createTempDirectory("spacelift-oidc-tf-");
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    return copy;
  }

  public Result run(Path directory, List<String> arguments) {
    return run(directory, arguments, Map.of());
  }

  public Result run(Path directory, List<String> arguments, Map<String, String> environment) {
    return run(directory, arguments, environment, null);
  }

  private Result run(Path directory, List<String> arguments, Map<String, String> environment, String stdin) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().put("TF_CLI_CONFIG_FILE", cliConfig.toString());
    builder.environment().put("TF_IN_AUTOMATION", "1");
    builder.environment().put("CHECKPOINT_DISABLE", "1");
    builder.environment().remove("TF_DATA_DIR");
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      if (stdin != null) {
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return new Result(-1, output + "\n(timed out)");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, e.toString());
    }
  }

  private static Optional<TerraformCli> detect() {
    Optional<Path> binary = findBinary();
    Optional<Path> mirror = findMirror();
    if (binary.isEmpty() || mirror.isEmpty()) {
      return Optional.empty();
    }
    try {
      Path config = Files.createTempFile("spacelift-oidc-terraformrc-", ".hcl");
      Files.writeString(config, """
          provider_installation {
            filesystem_mirror {
              path    = "%s"
              include = ["registry.terraform.io/hashicorp/aws"]
            }
            direct {
              exclude = ["registry.terraform.io/*/*"]
            }
          }
          """.formatted(mirror.get().toString().replace("\\", "/")));
      config.toFile().deleteOnExit();
      return Optional.of(new TerraformCli(binary.get(), config));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<Path> findBinary() {
    String explicit = System.getenv("TERRAFORM_BIN");
    if (explicit != null && Files.isExecutable(Path.of(explicit))) {
      return Optional.of(Path.of(explicit));
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String directory : path.split(File.pathSeparator)) {
      Path candidate = Path.of(directory, "terraform");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> findMirror() {
    List<String> candidates = new ArrayList<>();
    String explicit = System.getenv("SPACELIFT_OIDC_TF_MIRROR");
    if (explicit != null) {
      candidates.add(explicit);
    }
    candidates.addAll(MIRROR_CANDIDATES);
    for (String candidate : candidates) {
      Path aws = Path.of(candidate, "registry.terraform.io", "hashicorp", "aws");
      if (Files.isDirectory(aws)) {
        try (Stream<Path> versions = Files.list(aws)) {
          if (versions.anyMatch(Files::isDirectory)) {
            return Optional.of(Path.of(candidate));
          }
        } catch (IOException e) {
          // try the next candidate
        }
      }
    }
    return Optional.empty();
  }
}
