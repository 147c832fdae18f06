package io.github.spaceliftoidc.benchmark;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the {@code spacelift-oidc.yaml} of a made-up organisation of N stacks: 100 stacks per AWS account, one role
 * per stack, 20 spaces. It is deterministic, so every run and every machine benchmarks the same input.
 *
 * <p>It mixes what real organisations write, so that every part of the plan is exercised at scale: every third stack
 * narrows its run types and scopes (4 subject patterns), every fifth has an S3 backend, and every tenth role adds a
 * space-wide trust rule for proposed runs (which covers some of its stack's patterns, so de-duplication works).
 */
public final class SyntheticOrganisation {

  public static final int STACKS_PER_ACCOUNT = 100;
  public static final int SPACES = 20;

  private static final String[] REGIONS = {"eu-west-1", "us-east-1", "eu-central-1", "ap-southeast-2"};

  private SyntheticOrganisation() {}

  /** Writes the YAML to {@code file}; N must be a positive multiple of 100. */
  public static void write(Path file, int stacks) throws IOException {
    if (stacks <= 0 || stacks % STACKS_PER_ACCOUNT != 0) {
      throw new IllegalArgumentException("the number of stacks must be a positive multiple of 100: " + stacks);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("# A synthetic organisation of " + stacks + " stacks for the benchmark: " + STACKS_PER_ACCOUNT
          + " stacks per AWS account, one role per stack, " + SPACES + " spaces.\n");
      out.write("version: 1\nspacelift:\n  hostname: acme.app.spacelift.io\nterraform:\n  version: 1.9.0\n\n");
      out.write("accounts:\n");
      for (int a = 0; a < stacks / STACKS_PER_ACCOUNT; a++) {
        out.write(String.format(Locale.ROOT, "  - name: %s%n    id: \"%012d\"%n    region: %s%n    roles:%n",
            account(a), 100_000_000_000L + a, REGIONS[a % REGIONS.length]));
        for (int s = a * STACKS_PER_ACCOUNT; s < (a + 1) * STACKS_PER_ACCOUNT; s++) {
          out.write("      - name: " + role(s) + "\n");
          out.write("        description: Deploys stack " + stack(s) + "\n");
          out.write("        managedPolicies: [PowerUserAccess]\n");
          out.write("        tags: {team: team-" + (s % 37) + ", stack: " + stack(s) + "}\n");
          if (s % 10 == 0) {
            out.write("        trust:\n          - space: " + space(s % SPACES) + "\n            stack: \"*\"\n"
                + "            runTypes: [PROPOSED]\n            scopes: [read]\n");
          }
        }
      }
      out.write("\nspaces:\n");
      for (int i = 0; i < SPACES; i++) {
        out.write(String.format(Locale.ROOT, "  - name: %s%n    id: %s-01HND497T9JKR76MR3KA2CD%03d%n", space(i),
            space(i), i));
      }
      out.write("\nstacks:\n");
      for (int s = 0; s < stacks; s++) {
        int a = s / STACKS_PER_ACCOUNT;
        out.write("  - id: " + stack(s) + "\n    space: " + space(s % SPACES) + "\n    account: " + account(a)
            + "\n    role: " + role(s) + "\n");
        if (s % 3 == 0) {
          out.write("    runTypes: [TRACKED, PROPOSED]\n    scopes: [read, write]\n");
        }
        if (s % 5 == 0) {
          out.write("    backend:\n      bucket: acme-terraform-state-" + account(a) + "\n      key: " + stack(s)
              + "/terraform.tfstate\n      region: " + REGIONS[a % REGIONS.length] + "\n");
        }
      }
    }
  }

  static String account(int a) {
    return String.format(Locale.ROOT, "account-%03d", a);
  }

  static String role(int s) {
    return String.format(Locale.ROOT, "spacelift-stack-%05d", s);
  }

  static String stack(int s) {
    return String.format(Locale.ROOT, "stack-%05d", s);
  }

  static String space(int i) {
    return String.format(Locale.ROOT, "space-%02d", i);
  }

  /** {@code java ... SyntheticOrganisation <file> <stacks>}: writes one organisation, e.g. to try it by hand. */
  public static void main(String[] args) throws IOException {
    write(Path.of(args[0]), Integer.parseInt(args[1]));
  }
}
