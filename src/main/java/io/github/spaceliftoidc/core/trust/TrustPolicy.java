package io.github.spaceliftoidc.core.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A role's trust policy: one statement that lets the Spacelift OIDC provider assume the role, pinned to the
 * audiences with {@code StringEquals} and to the subjects with {@code StringLike}.
 *
 * @param providerArn the OIDC provider's ARN, as AWS will store it in the policy
 * @param hostname the issuer's host, the prefix of the condition keys
 * @param actions {@code sts:AssumeRoleWithWebIdentity}, and {@code sts:TagSession} with session tagging
 * @param audiences every accepted {@code aud}
 * @param subjects the sorted subject patterns, none covered by another
 */
public record TrustPolicy(
    String providerArn, String hostname, List<String> actions, List<String> audiences, List<String> subjects) {

  public static final String ASSUME_ACTION = "sts:AssumeRoleWithWebIdentity";
  public static final String TAG_SESSION_ACTION = "sts:TagSession";

  public TrustPolicy {
    if (audiences.isEmpty()) {
      throw new IllegalArgumentException("a trust policy must pin the audience");
    }
    if (subjects.isEmpty()) {
      throw new IllegalArgumentException("a trust policy must name at least one subject");
    }
    actions = List.copyOf(actions);
    audiences = List.copyOf(audiences);
    subjects = List.copyOf(subjects);
  }

  public String audienceKey() {
    return hostname + ":aud";
  }

  public String subjectKey() {
    return hostname + ":sub";
  }

  /**
   * The sorted patterns that cover the given ones, without duplicates and without any pattern that another already
   * covers. The set of matching subjects is exactly the same.
   */
  public static List<String> minimalPatterns(Iterable<String> patterns) {
    TreeSet<String> unique = new TreeSet<>();
    patterns.forEach(unique::add);
    List<String> wildcards = unique.stream().filter(p -> p.indexOf('*') >= 0 || p.indexOf('?') >= 0).toList();
    List<String> kept = new ArrayList<>(unique.size());
    for (String pattern : unique) {
      boolean covered = false;
      for (String wide : wildcards) {
        if (!wide.equals(pattern) && StringLike.covers(wide, pattern)
            && !(StringLike.covers(pattern, wide) && pattern.compareTo(wide) < 0)) {
          covered = true; // of two patterns that cover each other, keep the smaller
          break;
        }
      }
      if (!covered) {
        kept.add(pattern);
      }
    }
    return List.copyOf(kept);
  }

  /** Whether a token with these claims may assume the role under this policy. */
  public boolean allows(String sub, String aud) {
    return audiences.contains(aud) && subjects.stream().anyMatch(pattern -> StringLike.matches(pattern, sub));
  }

  /**
   * The policy document as Terraform's {@code jsonencode} writes it (keys sorted, no whitespace, HTML characters
   * escaped): what IAM stores and counts against its size quota.
   */
  public String json() {
    StringBuilder out = new StringBuilder(256 + subjects.size() * 80);
    out.append("{\"Statement\":[{\"Action\":");
    JsonText.array(actions, out);
    out.append(",\"Condition\":{\"StringEquals\":{");
    string(audienceKey(), out);
    out.append(':');
    JsonText.array(audiences, out);
    out.append("},\"StringLike\":{");
    string(subjectKey(), out);
    out.append(':');
    JsonText.array(subjects, out);
    out.append("}},\"Effect\":\"Allow\",\"Principal\":{\"Federated\":");
    string(providerArn, out);
    out.append("}}],\"Version\":\"2012-10-17\"}");
    return out.toString();
  }

  /** The size IAM checks against the trust policy quota: characters other than whitespace. */
  public int size() {
    return JsonText.nonWhitespaceLength(json());
  }

  private static void string(String value, StringBuilder out) {
    JsonText.quote(value, out);
  }
}
