package io.github.spaceliftoidc.core.plan;

import java.util.HashSet;
import java.util.Set;

/**
 * The Terraform resource names of one account's root module: derived from the IAM names, and unique per resource type
 * even when two names sanitise alike. Terraform keys its state by these names, so they depend only on the YAML.
 */
final class ResourceNames {

  private final Set<String> roles = new HashSet<>();
  // Role "a" + policy "b-c" and role "a-b" + policy "c" sanitise alike.
  private final Set<String> policies = new HashSet<>();

  /** The next role's {@code aws_iam_role} name. */
  String role(String roleName) {
    return unique(identifier(roleName == null ? "role" : roleName), roles);
  }

  /** The {@code aws_iam_role_policy} name of one of the role's inline policies. */
  String inlinePolicy(String roleResourceName, String policyName) {
    return unique(roleResourceName + "_" + identifier(policyName).replaceFirst("^r_", ""), policies);
  }

  /** A Terraform identifier derived from a free-form name: invalid characters become '_'. */
  static String identifier(String name) {
    StringBuilder out = new StringBuilder(name.length() + 1);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
    }
    if (out.length() == 0 || !Character.isLetter(out.charAt(0)) && out.charAt(0) != '_') {
      out.insert(0, "r_");
    }
    return out.toString();
  }

  private static String unique(String base, Set<String> taken) {
    String name = base;
    for (int i = 2; !taken.add(name); i++) {
      name = base + "_" + i;
    }
    return name;
  }
}
