package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.problem.GenerationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The curated list of AWS-managed policies that can change resources ({@code policies/write-capable-managed-
 * policies.txt}, which says where it comes from): {@code AdministratorAccess}, {@code PowerUserAccess}, the write-
 * capable {@code *FullAccess} policies, power-user, administrator and job-function policies.
 */
final class WriteCapablePolicies {

  private static final String RESOURCE = "/policies/write-capable-managed-policies.txt";

  /** What stands between the partition and the name in the ARN of every AWS-managed policy. */
  static final String AWS_MANAGED = ":iam::aws:policy/";

  private WriteCapablePolicies() {}

  /** Read once, when a plan first needs it. */
  private static final class Holder {
    static final Set<String> PATHS = load();
  }

  /** Whether {@code arn} is an AWS-managed policy of the list, in any partition. */
  static boolean contains(String arn) {
    int policy = arn.indexOf(AWS_MANAGED);
    return arn.startsWith("arn:") && policy > 0
        && Holder.PATHS.contains(arn.substring(policy + AWS_MANAGED.length() - 1)); // the list's paths start with /
  }

  private static Set<String> load() {
    Set<String> paths = new HashSet<>();
    try (InputStream in = WriteCapablePolicies.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The plugin jar lacks " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          paths.add(line.strip());
        }
      }
    } catch (IOException e) {
      throw new GenerationException("Cannot read " + RESOURCE + " from the plugin: " + e, e);
    }
    return Set.copyOf(paths);
  }
}
