package io.github.spaceliftoidc.core.explain;

import io.github.spaceliftoidc.core.plan.AccountPlan;
import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.plan.RolePlan;
import io.github.spaceliftoidc.core.trust.Grant;
import io.github.spaceliftoidc.core.trust.StringLike;
import java.util.ArrayList;
import java.util.List;

/** Explains a plan's trust: for each role the runs it trusts, or for one {@code sub} the roles it may assume. */
public final class Explainer {

  private Explainer() {}

  /** A role that a subject may assume, and the pattern that lets it. */
  public record Match(String account, String accountId, String role, String arn, String pattern) {}

  /** The report of every role, as plain-text lines. */
  public static List<String> report(GenerationPlan plan) {
    List<String> lines = new ArrayList<>();
    lines.add("Spacelift OIDC trust for " + plan.spacelift().issuerUrl() + " (audience "
        + String.join(" or ", plan.spacelift().audiences()) + ")");
    for (AccountPlan account : plan.accounts()) {
      lines.add("");
      lines.add("AWS account " + account.name() + " (" + account.id() + "), directory " + account.directory() + ":");
      for (RolePlan role : account.roles()) {
        lines.add("  role " + role.name() + " (" + role.arn() + ")"
            + (role.trustPolicy().actions().size() > 1 ? ", with session tags" : "") + " may be assumed by:");
        for (Grant grant : role.grants()) {
          lines.add("    - " + describe(grant));
        }
        lines.add("    subject patterns: " + String.join(", ", role.trustPolicy().subjects()));
      }
    }
    return lines;
  }

  /** The same report as Markdown, for code review. */
  public static String markdown(GenerationPlan plan) {
    StringBuilder out = new StringBuilder();
    out.append("# Who can assume what\n\n");
    out.append("Spacelift OIDC trust for `").append(plan.spacelift().issuerUrl()).append("` (audience ")
        .append(String.join(" or ", plan.spacelift().audiences().stream().map(a -> "`" + a + "`").toList()))
        .append(").\n");
    for (AccountPlan account : plan.accounts()) {
      out.append("\n## AWS account ").append(account.name()).append(" (").append(account.id()).append(")\n");
      for (RolePlan role : account.roles()) {
        out.append("\n### `").append(role.name()).append("`\n\n");
        out.append("`").append(role.arn()).append("`").append(role.trustPolicy().actions().size() > 1
            ? " (session tags allowed)" : "").append("\n\n");
        for (Grant grant : role.grants()) {
          out.append("- ").append(describe(grant)).append('\n');
        }
        out.append("\nSubject patterns:\n\n");
        for (String subject : role.trustPolicy().subjects()) {
          out.append("- `").append(subject).append("`\n");
        }
      }
    }
    return out.toString();
  }

  /** The roles a run with this {@code sub} (and, if given, {@code aud}) may assume, by IAM's StringLike rules. */
  public static List<Match> whoMay(GenerationPlan plan, String subject, String audience) {
    List<Match> matches = new ArrayList<>();
    for (AccountPlan account : plan.accounts()) {
      for (RolePlan role : account.roles()) {
        if (audience != null && !role.trustPolicy().audiences().contains(audience)) {
          continue;
        }
        role.trustPolicy().subjects().stream()
            .filter(pattern -> StringLike.matches(pattern, subject))
            .findFirst()
            .ifPresent(pattern -> matches.add(
                new Match(account.name(), account.id(), role.name(), role.arn(), pattern)));
      }
    }
    return matches;
  }

  /** The lines that answer {@link #whoMay}. */
  public static List<String> subjectReport(GenerationPlan plan, String subject, String audience) {
    List<Match> matches = whoMay(plan, subject, audience);
    List<String> lines = new ArrayList<>();
    String aud = audience == null ? "" : " and aud '" + audience + "'";
    if (matches.isEmpty()) {
      lines.add("A run with sub '" + subject + "'" + aud + " may assume no role of this configuration.");
      return lines;
    }
    lines.add("A run with sub '" + subject + "'" + aud + " may assume " + matches.size()
        + (matches.size() == 1 ? " role:" : " roles:"));
    for (Match match : matches) {
      lines.add("  - " + match.arn() + " (account " + match.account() + ", pattern " + match.pattern() + ")");
    }
    return lines;
  }

  private static String describe(Grant grant) {
    String words = grant.describe();
    return grant.source().startsWith("trust rule") ? words + " (" + grant.source().replaceFirst(" of role.*", "")
        + ")" : words;
  }
}
