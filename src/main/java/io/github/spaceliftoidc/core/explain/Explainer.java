package io.github.spaceliftoidc.core.explain;

import io.github.spaceliftoidc.core.plan.AccountPlan;
import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.plan.RolePlan;
import io.github.spaceliftoidc.core.plan.StackPlan;
import io.github.spaceliftoidc.core.problem.Markdown;
import io.github.spaceliftoidc.core.problem.Printable;
import io.github.spaceliftoidc.core.trust.Grant;
import io.github.spaceliftoidc.core.trust.StringLike;
import io.github.spaceliftoidc.core.trust.SubjectTemplate;
import io.github.spaceliftoidc.core.trust.TrustPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Explains a plan's trust in plain words: for each role its ARN, the runs it trusts and the exact subject patterns of
 * its trust policy; or, for one {@code sub} claim, the roles a run with it may assume. Matching follows IAM's
 * {@code StringLike} ({@code *}, {@code ?}, case-sensitive) on the same policies that {@code generate} writes.
 */
public final class Explainer {

  private Explainer() {}

  /** A role that a subject may assume, and the pattern of its trust policy that lets it. */
  public record Match(String account, String accountId, String role, String arn, String pattern) {}

  /** The report of every role, as plain-text lines (control characters escaped, for a log). */
  public static List<String> report(GenerationPlan plan) {
    return printable(reportLines(plan));
  }

  /** {@code lines} with control and bidirectional characters escaped: no value can forge or hide a log line. */
  static List<String> printable(List<String> lines) {
    return lines.stream().map(Printable::of).toList();
  }

  private static List<String> reportLines(GenerationPlan plan) {
    List<String> lines = new ArrayList<>();
    lines.add(overview(plan, value -> value));
    for (AccountPlan account : plan.accounts()) {
      lines.add("");
      lines.add("AWS account " + account.name() + " (" + account.id() + "), root module " + account.directory()
          + ", OIDC provider " + (account.createProvider() ? "created there" : "looked up (it already exists)")
          + ":");
      for (RolePlan role : account.roles()) {
        lines.add("  role " + role.name() + " (" + role.arn() + ")" + sessionTags(role) + " may be assumed by:");
        for (Grant grant : role.grants()) {
          lines.add("    - " + describe(grant));
          reach(plan, grant).forEach(line -> lines.add("        " + line));
        }
        formatOverlaps(plan, role).forEach(line -> lines.add("    note: " + line));
        List<String> stacks = stacksUsing(plan, account, role);
        if (!stacks.isEmpty()) {
          lines.add("    assumed by the provider of: " + String.join(", ", stacks));
        }
        lines.add("    subject patterns (StringLike on " + role.trustPolicy().subjectKey() + "):");
        role.trustPolicy().subjects().forEach(subject -> lines.add("      " + subject));
        roleNotes(role, value -> value, warning -> warning).forEach(note -> lines.add("    " + note));
      }
    }
    List<String> phases = stackPhases(plan, value -> value);
    if (!phases.isEmpty()) {
      lines.add("");
      lines.add("Stacks, and the role each assumes in which phase:");
      phases.forEach(phase -> lines.add(phase.startsWith("stack ") ? "  " + phase : "    " + phase));
    }
    return lines;
  }

  /**
   * The role's state policy and warnings, one line each: "state policy: ...", "warning: ...". Stack ids go through
   * {@code value} and warnings through {@code words}, so that the Markdown report can escape them.
   */
  private static List<String> roleNotes(RolePlan role, UnaryOperator<String> value, UnaryOperator<String> words) {
    List<String> notes = new ArrayList<>();
    if (role.statePolicy() != null) {
      notes.add("state policy: the S3 state of " + String.join(", ", role.statePolicy().stacks().stream()
          .map(value).toList()) + " (each stack's key, lock and KMS key, no whole bucket)");
    }
    role.warnings().forEach(warning -> notes.add("warning: " + words.apply(warning)));
    return notes;
  }

  /**
   * For each stack, which role its provider and its S3 backend assume in which runs and phases: a line "stack ..."
   * and, with a plan role, one line per phase. Every value from the YAML goes through {@code value}, so that the
   * Markdown report can put it in a code span.
   */
  private static List<String> stackPhases(GenerationPlan plan, UnaryOperator<String> value) {
    List<String> lines = new ArrayList<>();
    GenerationPlan.TerraformPlan terraform = plan.terraform();
    for (StackPlan stack : plan.stacks()) {
      String head = "stack " + value.apply(stack.id()) + " (" + value.apply(stack.directory()) + ")";
      String apply = value.apply(stack.role());
      if (stack.planRole() == null) {
        lines.add(head + ": every run as " + apply + (stack.backend() == null ? "" : ", its S3 backend too"));
        continue;
      }
      lines.add(head + ":");
      String plan0 = value.apply(stack.planRole().name());
      if (stack.legacy()) {
        lines.add("PROPOSED runs as " + plan0 + ", all other runs as " + apply + " (the before_init script"
            + " picks by run type; provider and backend use the same credentials)");
      } else if (terraform.phaseAware()) {
        lines.add("planning (PROPOSED runs, and tracked runs until they apply) as " + plan0);
        lines.add("applying (tracked runs), and every phase of tasks and destroy runs, as " + apply);
      } else {
        lines.add("PROPOSED runs as " + plan0 + "; tracked runs, tasks and destroy runs as " + apply + " ("
            + terraform.engine().displayName() + " " + value.apply(terraform.version())
            + " cannot tell planning from applying)");
      }
      if (stack.backend() != null && !stack.legacy()) {
        lines.add("the S3 backend, in every run and phase, as " + plan0);
      }
    }
    return lines;
  }

  /**
   * The same report as Markdown, for code review. Every value is escaped ({@link Markdown#code}, {@link Markdown#text}): a value
   * from the YAML (a directory, a path, an audience) can neither turn into a link or raw HTML nor end its code span.
   */
  public static String markdown(GenerationPlan plan) {
    StringBuilder out = new StringBuilder();
    out.append("# Who can assume what\n\n");
    out.append(overview(plan, Markdown::code)).append('\n');
    for (AccountPlan account : plan.accounts()) {
      out.append("\n## AWS account ").append(Markdown.text(account.name())).append(" (").append(Markdown.text(account.id()))
          .append(")\n\n");
      out.append("Root module ").append(Markdown.code(account.directory())).append("; the OIDC provider is ")
          .append(account.createProvider() ? "created there" : "looked up (it already exists)").append(".\n");
      for (RolePlan role : account.roles()) {
        out.append("\n### ").append(Markdown.code(role.name())).append("\n\n");
        out.append(Markdown.code(role.arn())).append(sessionTags(role)).append(" may be assumed by:\n\n");
        for (Grant grant : role.grants()) {
          out.append("- ").append(Markdown.withCodeSpans(describe(grant))).append('\n');
          reach(plan, grant).forEach(line -> out.append("  - ").append(Markdown.withCodeSpans(line)).append('\n'));
        }
        List<String> overlaps = formatOverlaps(plan, role);
        if (!overlaps.isEmpty()) {
          out.append('\n');
          overlaps.forEach(line -> out.append("Note: ").append(Markdown.withCodeSpans(line)).append('\n'));
        }
        List<String> stacks = plan.stacks().stream()
            .filter(stack -> stack.account().equals(account.name()) && stack.role().equals(role.name()))
            .map(stack -> Markdown.code(stack.id()) + " (" + Markdown.code(stack.directory()) + ")")
            .toList();
        if (!stacks.isEmpty()) {
          out.append("\nAssumed by the provider of: ").append(String.join(", ", stacks)).append(".\n");
        }
        out.append("\nSubject patterns (`StringLike` on ").append(Markdown.code(role.trustPolicy().subjectKey()))
            .append("):\n\n");
        for (String subject : role.trustPolicy().subjects()) {
          out.append("- ").append(Markdown.code(subject)).append('\n');
        }
        List<String> notes = roleNotes(role, Markdown::code, Markdown::text);
        if (!notes.isEmpty()) {
          out.append('\n');
          notes.forEach(note -> out.append("- ").append(note.startsWith("warning: ") ? "**Warning:** "
              + note.substring("warning: ".length()) : note).append('\n'));
        }
      }
    }
    List<String> phases = stackPhases(plan, Markdown::code);
    if (!phases.isEmpty()) {
      out.append("\n## Stacks, and the role each assumes in which phase\n\n");
      phases.forEach(phase -> out.append(phase.startsWith("stack ") ? "- " + phase : "  - " + phase).append('\n'));
    }
    return out.toString();
  }

  /**
   * The roles a run with this {@code sub} (and, if given, {@code aud}) may assume, by IAM's StringLike rules on the
   * trust policies of the plan. A null audience means any accepted audience.
   */
  public static List<Match> whoMay(GenerationPlan plan, String subject, String audience) {
    List<Match> matches = new ArrayList<>();
    for (AccountPlan account : plan.accounts()) {
      for (RolePlan role : account.roles()) {
        TrustPolicy policy = role.trustPolicy();
        if (audience != null && !policy.audiences().contains(audience)) {
          continue;
        }
        policy.subjects().stream()
            .filter(pattern -> StringLike.matches(pattern, subject))
            .findFirst()
            .ifPresent(pattern -> matches.add(
                new Match(account.name(), account.id(), role.name(), role.arn(), pattern)));
      }
    }
    return matches;
  }

  /** The lines that answer {@link #whoMay}, with the subject in words and, when nothing matches, the near misses. */
  public static List<String> subjectReport(GenerationPlan plan, String subject, String audience) {
    return printable(subjectLines(plan, subject, audience));
  }

  private static List<String> subjectLines(GenerationPlan plan, String subject, String audience) {
    List<String> lines = new ArrayList<>();
    lines.add("sub '" + subject + "'" + readSubject(plan, subject).map(words -> ": " + words).orElse(
        ": it does not have the sub format of this Spacelift account ("
            + String.join(" or ", plan.spacelift().subjectTemplates()) + ")"));
    if (subject.indexOf('*') >= 0 || subject.indexOf('?') >= 0) {
      lines.add("Note: a sub claim is a concrete value; IAM reads * and ? in it literally, not as wildcards.");
    }
    if (audience != null && !plan.spacelift().audiences().contains(audience)) {
      lines.add("aud '" + audience + "' is not an accepted audience (" + String.join(", ",
          plan.spacelift().audiences()) + "), so AWS refuses the token for every role of this configuration.");
      return lines;
    }
    String aud = audience == null ? "" : " with aud '" + audience + "'";
    List<Match> matches = whoMay(plan, subject, audience);
    if (matches.isEmpty()) {
      lines.add("A run" + aud + " with this sub may assume no role of this configuration.");
      lines.addAll(nearMisses(plan, subject));
      return lines;
    }
    lines.add("A run" + aud + " with this sub may assume " + matches.size()
        + (matches.size() == 1 ? " role:" : " roles:"));
    for (Match match : matches) {
      lines.add("  - " + match.arn() + " (account " + match.account() + "), allowed by " + match.pattern());
    }
    return lines;
  }

  /**
   * The claim in words, e.g. "a TRACKED run (scope write) of stack `network` in space `production`", read through
   * the account's subject templates; empty when it has none of their shapes.
   */
  public static Optional<String> readSubject(GenerationPlan plan, String subject) {
    Map<String, String> spaceNames = plan.spaceNamesById();
    for (String template : plan.spacelift().subjectTemplates()) {
      Map<String, String> values = SubjectTemplate.parse(template).read(subject).orElse(null);
      if (values == null) {
        continue;
      }
      StringBuilder words = new StringBuilder();
      String runType = values.get(SubjectTemplate.RUN_TYPE);
      words.append(runType == null ? "a run" : article(runType) + " " + runType + " run");
      if (values.get(SubjectTemplate.SCOPE) != null) {
        words.append(" (scope ").append(values.get(SubjectTemplate.SCOPE)).append(')');
      }
      String type = values.getOrDefault(SubjectTemplate.CALLER_TYPE, "stack or module");
      if (values.get(SubjectTemplate.CALLER_ID) != null) {
        words.append(" of ").append(type).append(" `").append(values.get(SubjectTemplate.CALLER_ID)).append('`');
      }
      String spaceId = values.get(SubjectTemplate.SPACE_ID);
      if (spaceId != null) {
        String name = spaceNames.get(spaceId);
        words.append(" in space ").append(name == null ? "`" + spaceId + "` (not in the YAML)" : "`" + name + "`");
      } else if (values.get(SubjectTemplate.SPACE_PATH) != null) {
        words.append(" in the space at ").append(values.get(SubjectTemplate.SPACE_PATH));
      }
      return Optional.of(words.toString());
    }
    return Optional.empty();
  }

  /**
   * The patterns closest to a subject that none matches (fewest differing {@code :} segments), with a hint when the
   * only difference is case, which IAM does not ignore.
   */
  private static List<String> nearMisses(GenerationPlan plan, String subject) {
    record Near(String role, String pattern, List<String> differences) {}
    List<Near> nears = new ArrayList<>();
    String[] actual = subject.split(":", -1);
    for (AccountPlan account : plan.accounts()) {
      for (RolePlan role : account.roles()) {
        for (String pattern : role.trustPolicy().subjects()) {
          String[] expected = pattern.split(":", -1);
          if (expected.length != actual.length) {
            continue;
          }
          List<String> differences = new ArrayList<>();
          for (int i = 0; i < expected.length; i++) {
            if (!StringLike.matches(expected[i], actual[i])) {
              differences.add("'" + actual[i] + "' where it allows '" + expected[i] + "'");
            }
          }
          nears.add(new Near(account.name() + "/" + role.name(), pattern, differences));
        }
      }
    }
    int fewest = nears.stream().mapToInt(near -> near.differences().size()).min().orElse(Integer.MAX_VALUE);
    List<String> lines = new ArrayList<>();
    if (nears.isEmpty() || fewest > 2) {
      return lines;
    }
    lines.add("Closest subject patterns:");
    nears.stream().filter(near -> near.differences().size() == fewest)
        .sorted(Comparator.comparing(Near::role).thenComparing(Near::pattern)).limit(5)
        .forEach(near -> lines.add("  - role " + near.role() + ": " + near.pattern() + " (the sub has "
            + String.join(", ", near.differences()) + ")"));
    boolean caseOnly = plan.accounts().stream().flatMap(a -> a.roles().stream())
        .flatMap(r -> r.trustPolicy().subjects().stream())
        .anyMatch(pattern -> StringLike.matches(pattern.toLowerCase(Locale.ROOT), subject.toLowerCase(Locale.ROOT)));
    if (caseOnly) {
      lines.add("IAM compares subjects case-sensitively: run types are upper case (TRACKED), scopes lower case"
          + " (write), and ids as Spacelift shows them.");
    }
    return lines;
  }

  /** The first line of either report; the issuer and audiences go through {@code value} (code spans in Markdown). */
  private static String overview(GenerationPlan plan, UnaryOperator<String> value) {
    int roles = plan.accounts().stream().mapToInt(account -> account.roles().size()).sum();
    return "Spacelift OIDC trust for " + value.apply(plan.spacelift().issuerUrl()) + ": " + roles
        + (roles == 1 ? " role" : " roles") + " in " + plan.accounts().size()
        + (plan.accounts().size() == 1 ? " AWS account" : " AWS accounts") + ", each only for tokens with aud "
        + String.join(" or ", plan.spacelift().audiences().stream().map(value).toList()) + ".";
  }

  private static String sessionTags(RolePlan role) {
    return role.trustPolicy().actions().contains(TrustPolicy.TAG_SESSION_ACTION) ? ", with session tags" : "";
  }

  /** The stacks whose generated provider assumes this role, with their directories (and "to plan" or "to apply"). */
  private static List<String> stacksUsing(GenerationPlan plan, AccountPlan account, RolePlan role) {
    List<String> stacks = new ArrayList<>();
    for (StackPlan stack : plan.stacks()) {
      if (!stack.account().equals(account.name())) {
        continue;
      }
      if (stack.role().equals(role.name())) {
        stacks.add(stack.id() + " (" + stack.directory() + (stack.planRole() == null ? "" : ", to apply") + ")");
      } else if (stack.planRole() != null && stack.planRole().name().equals(role.name())) {
        stacks.add(stack.id() + " (" + stack.directory() + ", to plan)");
      }
    }
    return stacks;
  }


  // -------------------------------------------------------------------------------------------------------------
  // Prefixes, subtrees and subject formats: what a rule covers beyond the ids it names.

  private static final int LISTED = 20;

  /**
   * For a grant with a prefix or a subtree: the declared spaces, stacks and modules it covers today, and what it would
   * also admit later, under each subject template it applies to. Empty for other grants.
   */
  static List<String> reach(GenerationPlan plan, Grant grant) {
    List<String> lines = new ArrayList<>();
    if (!grant.isSpacePrefix() && !grant.isCallerPrefix() && !grant.subspaces()) {
      return lines;
    }
    if (grant.subspaces()) {
      List<String> below = grant.declaredSpaces().stream().skip(1).map(Explainer::spaceWords).toList();
      lines.add("covers today: space " + spaceWords(grant.declaredSpaces().get(0)) + (below.isEmpty()
          ? ", with no declared space below it" : " and below it " + listed(below)));
    } else if (grant.isSpacePrefix()) {
      List<String> spaces = grant.declaredSpaces().stream().map(Explainer::spaceWords).toList();
      lines.add("covers today: " + (spaces.isEmpty() ? "no declared space (none has an id that starts with `"
          + Grant.literal(grant.spaceId()) + "`)" : (spaces.size() == 1 ? "space " : "spaces ") + listed(spaces)));
    }
    List<String> callers = grant.declaredCallers().stream()
        .map(caller -> caller.callerType().claim() + " `" + caller.id() + "`").toList();
    String kinds = grant.callerType() == null ? "stacks and modules" : grant.callerType().claim() + "s";
    lines.add((grant.isCallerPrefix() && !grant.isSpacePrefix() && !grant.subspaces() ? "covers today: "
        : "of the declared " + kinds + ": ") + (callers.isEmpty() ? "none" : listed(callers)));
    lines.addAll(later(plan, grant));
    return lines;
  }

  private static List<String> later(GenerationPlan plan, Grant grant) {
    List<String> lines = new ArrayList<>();
    String callers = grant.callerType() == null ? "every stack and module" : grant.isCallerPrefix()
        ? "every " + grant.callerType().claim() + " whose id starts with `" + Grant.literal(grant.callerId()) + "`"
        : grant.callerId() == null ? "every " + grant.callerType().claim()
        : grant.callerType().claim() + " `" + grant.callerId() + "`";
    if (grant.isSpacePrefix()) {
      lines.add("later: also every space created with an id that starts with `" + Grant.literal(grant.spaceId())
          + "`, with " + callers + " in it");
      return lines;
    }
    if (!grant.subspaces()) {
      String where = grant.spaceId() == null ? "in any space" : "in space `" + grant.spaceName() + "`";
      lines.add("later: also every " + grant.callerType().claim() + " created with an id that starts with `"
          + Grant.literal(grant.callerId()) + "`, " + where);
      return lines;
    }
    List<SubjectTemplate> templates = plan.spacelift().subjectTemplates().stream().map(SubjectTemplate::parse)
        .filter(grant::appliesTo).toList();
    for (SubjectTemplate template : templates) {
      String under = templates.size() == 1 ? "" : "under `" + template.text() + "`: ";
      if (template.uses(SubjectTemplate.SPACE_PATH)) {
        lines.add("later: " + under + "also every space created below `" + grant.spacePath() + "` (a path that"
            + " starts with `" + grant.spacePath() + "/`, never a sibling such as `" + grant.spacePath()
            + "-archive`), with " + callers + " in it");
      } else {
        lines.add("later: " + under + "nothing more: without {spacePath} the rule names the declared spaces by id,"
            + " so a space created later below `" + grant.spaceName() + "` is not covered until it is declared"
            + " with its parent and the policies are regenerated");
      }
    }
    return lines;
  }

  private static String spaceWords(io.github.spaceliftoidc.core.model.Space space) {
    return "`" + space.name() + "` (" + space.id() + ")";
  }

  private static String listed(List<String> items) {
    if (items.size() <= LISTED) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, LISTED)) + " and " + (items.size() - LISTED) + " more";
  }

  /**
   * With several subject templates, a pattern of one format may also match subjects of another: the default format's
   * space-wide {@code space:<id>:*:*:run_type:*:scope:*} matches every subject of that space in the format that adds
   * {@code space_path:<path>:}. One line for each pattern of the policy that covers the pattern of the same runs in
   * another listed format, also when its rule is limited to one format.
   */
  static List<String> formatOverlaps(GenerationPlan plan, RolePlan role) {
    List<String> lines = new ArrayList<>();
    List<SubjectTemplate> templates = plan.spacelift().subjectTemplates().stream().map(SubjectTemplate::parse)
        .toList();
    if (templates.size() < 2) {
      return lines;
    }
    java.util.Set<String> kept = new java.util.HashSet<>(role.trustPolicy().subjects());
    java.util.Set<String> said = new java.util.HashSet<>();
    for (Grant grant : role.grants()) {
      for (SubjectTemplate format : templates) {
        if (!grant.appliesTo(format)) {
          continue;
        }
        for (SubjectTemplate other : templates) {
          if (other == format) {
            continue;
          }
          for (Map.Entry<String, String> pair : grant.counterparts(format, other)) {
            String pattern = pair.getKey();
            if (kept.contains(pattern) && StringLike.covers(pattern, pair.getValue())
                && said.add(pattern + '\n' + other.text())) {
              lines.add("`" + pattern + "` (subject format `" + format.text() + "`) also matches the same runs in"
                  + " format `" + other.text() + "` (`" + pair.getValue() + "`)" + (grant.appliesTo(other) ? ""
                      : "; the rule is limited to the former, but while both formats are listed these runs get in"
                      + " with either"));
            }
          }
        }
      }
    }
    return lines;
  }

  private static String article(String word) {
    return "AEIOU".indexOf(Character.toUpperCase(word.charAt(0))) >= 0 ? "an" : "a";
  }

  private static String describe(Grant grant) {
    String words = grant.describe();
    if (grant.isUnrestricted()) {
      words += " (every run of the Spacelift account: allowAnySubject)";
    }
    return words + grant.ruleSuffix();
  }
}
