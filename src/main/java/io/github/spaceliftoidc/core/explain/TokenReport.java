package io.github.spaceliftoidc.core.explain;

import io.github.spaceliftoidc.core.plan.AccountPlan;
import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.plan.ModulePlan;
import io.github.spaceliftoidc.core.plan.RolePlan;
import io.github.spaceliftoidc.core.plan.StackPlan;
import io.github.spaceliftoidc.core.problem.Suggestions;
import io.github.spaceliftoidc.core.problem.Words;
import io.github.spaceliftoidc.core.token.OidcToken;
import io.github.spaceliftoidc.core.trust.Grant;
import io.github.spaceliftoidc.core.trust.StringLike;
import io.github.spaceliftoidc.core.trust.SubjectTemplate;
import io.github.spaceliftoidc.core.trust.TrustPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Why AWS would accept or refuse a run's token, in plain words: the token's claims, then its issuer against each
 * account's OIDC provider, its audience against the accepted ones, its times against the clock, and its {@code sub}
 * against every role's trust policy (by IAM's {@code StringLike}). For the roles of the stack or module that the
 * token comes from, a refusal names the closest pattern and the first part of the {@code sub} that differs, and
 * explains it with Spacelift's own claims ({@code spaceId}, {@code callerType}, {@code callerId}, {@code runType},
 * {@code scope}) and what the YAML declares. The token itself is never shown, only its claims.
 */
public final class TokenReport {

  /** How far a token's issue time may lie ahead of this machine's clock before the report says so. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  /** How long Spacelift's tokens are valid. */
  private static final Duration LIFETIME = Duration.ofHours(1);
  private static final List<String> STANDARD = List.of("iss", "aud", "sub", "iat", "nbf", "exp", "jti");
  private static final Map<String, String> SEGMENT_WORDS = Map.of(
      SubjectTemplate.SPACE_ID, "the space id",
      SubjectTemplate.SPACE_PATH, "the space path",
      SubjectTemplate.CALLER_TYPE, "the caller type",
      SubjectTemplate.CALLER_ID, "the id",
      SubjectTemplate.RUN_ID, "the run id",
      SubjectTemplate.RUN_TYPE, "the run type",
      SubjectTemplate.SCOPE, "the scope");

  private final GenerationPlan plan;
  private final OidcToken token;
  private final Instant now;
  private final List<String> lines = new ArrayList<>();
  /** Why AWS refuses the token for every role, in short words; empty when nothing but the sub decides. */
  private final List<String> refusals = new ArrayList<>();
  /** The accounts whose OIDC provider is not the token's issuer. */
  private final List<String> wrongIssuer = new ArrayList<>();

  private TokenReport(GenerationPlan plan, OidcToken token, Clock clock) {
    this.plan = plan;
    this.token = token;
    this.now = clock.instant();
  }

  /** The report's lines, with control characters escaped: a token's claims cannot forge or hide log lines. */
  public static List<String> lines(GenerationPlan plan, OidcToken token, Clock clock) {
    TokenReport report = new TokenReport(plan, token, clock);
    report.intro();
    report.claims();
    report.issuer();
    report.audience();
    report.time();
    report.subject();
    return Explainer.printable(report.lines);
  }

  private void intro() {
    lines.add(Words.capitalised(token.source()) + String.format(Locale.ROOT, " (%,d characters)", token.length())
        + ", decoded here: no network call, and its signature is not checked, so this shows what the token claims,"
        + " not that Spacelift signed it.");
    if (!token.signed()) {
      lines.add("It has no signature at all (alg " + token.algorithm() + "), and AWS refuses an unsigned token.");
      refusals.add("it is unsigned");
    }
  }

  private void claims() {
    Map<String, String> shown = new LinkedHashMap<>();
    for (String name : STANDARD) {
      switch (name) {
        case "aud" -> shown.put(name, String.join(", ", token.audiences()));
        case "iat" -> shown.put(name, token.issuedAt().toString());
        case "exp" -> shown.put(name, token.expiresAt().toString());
        case "nbf" -> token.notBefore().ifPresent(time -> shown.put(name, time.toString()));
        default -> token.claim(name).ifPresent(value -> shown.put(name, value));
      }
    }
    OidcToken.CUSTOM.forEach(name -> token.claim(name).ifPresent(value -> shown.put(name, value)));
    token.sessionTags().ifPresent(tags -> shown.put("session tags", tags.isEmpty() ? "none"
        : String.join(", ", tags) + " (claim " + OidcToken.AWS_TAGS + ")"));
    List<String> others = token.claimNames().stream().filter(name -> !shown.containsKey(name)
        && !name.equals(OidcToken.AWS_TAGS)).toList();
    if (!others.isEmpty()) {
      shown.put("other claims", String.join(", ", others));
    }
    int width = shown.keySet().stream().mapToInt(String::length).max().orElse(0);
    lines.add("Its claims:");
    shown.forEach((name, value) -> lines.add("  " + pad(name, width) + "  " + value));
  }

  private void issuer() {
    String issuer = token.issuer();
    Map<String, List<String>> accountsByUrl = new LinkedHashMap<>();
    for (AccountPlan account : plan.accounts()) {
      accountsByUrl.computeIfAbsent(providerUrl(account), url -> new ArrayList<>()).add(account.name());
    }
    List<String> matching = accountsByUrl.getOrDefault(issuer, List.of());
    if (!matching.isEmpty() && accountsByUrl.size() == 1) {
      lines.add("issuer    ok: " + issuer + " is the URL of the OIDC provider of " + accounts(matching) + ".");
      return;
    }
    for (Map.Entry<String, List<String>> entry : accountsByUrl.entrySet()) {
      if (entry.getKey().equals(issuer)) {
        lines.add("issuer    ok for " + accounts(entry.getValue()) + ": " + issuer + " is the URL of its OIDC"
            + " provider.");
        continue;
      }
      wrongIssuer.addAll(entry.getValue());
      lines.add("issuer    REFUSED by " + accounts(entry.getValue()) + ": its OIDC provider is for "
          + entry.getKey() + ", not " + issuer + issuerHint(entry.getKey(), issuer) + ", so AWS finds no provider"
          + " for this token there. If the token is right, set spacelift.hostname to its issuer's host.");
    }
    if (matching.isEmpty()) {
      refusals.add("no account has an OIDC provider for its issuer");
    }
  }

  private static String issuerHint(String url, String issuer) {
    if (url.equals(issuer.replaceAll("/+$", ""))) {
      return " (they differ only in the final '/')";
    }
    if (issuer.startsWith("http://")) {
      return " (an issuer URL must start with https://)";
    }
    return url.equalsIgnoreCase(issuer) ? " (they differ only in case)" : "";
  }

  /** The provider's URL, from its ARN: {@code arn:aws:iam::<id>:oidc-provider/<host>} names its URL's host. */
  private static String providerUrl(AccountPlan account) {
    String arn = account.providerArn();
    return "https://" + arn.substring(arn.indexOf(":oidc-provider/") + ":oidc-provider/".length());
  }

  private void audience() {
    List<String> accepted = plan.spacelift().audiences();
    List<String> audiences = token.audiences();
    List<String> known = audiences.stream().filter(accepted::contains).toList();
    String several = audiences.size() > 1 ? " (the token carries " + audiences.size() + " audiences; Spacelift"
        + " issues one)" : "";
    if (!known.isEmpty()) {
      lines.add("audience  ok: " + String.join(", ", known) + (known.size() == 1 ? " is" : " are")
          + " accepted (spacelift.audiences)" + several + ".");
      return;
    }
    String caseOnly = audiences.stream().anyMatch(aud -> accepted.stream().anyMatch(aud::equalsIgnoreCase))
        ? " IAM compares them case-sensitively." : "";
    lines.add("audience  REFUSED: " + String.join(", ", audiences) + " is not an accepted audience ("
        + String.join(", ", accepted) + "): the OIDC provider's client IDs and every role's StringEquals on the"
        + " aud key list only those" + several + "." + caseOnly + " If the token is right, add its aud to"
        + " spacelift.audiences.");
    refusals.add("its audience is not accepted");
  }

  private void time() {
    Instant issued = token.issuedAt();
    Instant expires = token.expiresAt();
    Duration lifetime = Duration.between(issued, expires);
    String lasts = lifetime.equals(LIFETIME) ? "" : "; it was issued to last " + duration(lifetime)
        + ", where Spacelift's tokens last one hour";
    if (!expires.isAfter(now)) {
      lines.add("time      REFUSED: the token expired " + duration(Duration.between(expires, now)) + " ago (exp "
          + expires + "). A Spacelift token is valid for one hour: this one is from an earlier run, or its run"
          + " took longer than that" + lasts + ".");
      refusals.add("it has expired");
      return;
    }
    Optional<Instant> notBefore = token.notBefore().filter(nbf -> nbf.isAfter(now));
    if (notBefore.isPresent()) {
      lines.add("time      REFUSED: the token is not valid before " + notBefore.get() + ", "
          + duration(Duration.between(now, notBefore.get())) + " from now; is this machine's clock behind?");
      refusals.add("it is not valid yet");
      return;
    }
    String ahead = issued.isAfter(now.plus(CLOCK_SKEW)) ? "; it was issued " + duration(Duration.between(now,
        issued)) + " in the future (iat " + issued + "), so this machine's clock may be behind" : "";
    lines.add("time      ok: valid until " + expires + ", another " + duration(Duration.between(now, expires))
        + (issued.isAfter(now) ? "" : " (issued " + duration(Duration.between(issued, now)) + " ago)") + ahead + lasts
        + ".");
  }

  private void subject() {
    String sub = token.subject();
    Optional<String> words = Explainer.readSubject(plan, sub);
    List<SubjectTemplate> templates = plan.spacelift().subjectTemplates().stream().map(SubjectTemplate::parse)
        .toList();
    Optional<Map<String, String>> values = templates.stream().map(t -> t.read(sub)).flatMap(Optional::stream)
        .findFirst();
    if (values.isPresent()) {
      lines.add("sub       " + words.orElseGet(() -> values.get().entrySet().stream()
          .map(e -> e.getKey() + " `" + e.getValue() + "`").collect(java.util.stream.Collectors.joining(", "))) + ".");
      claimsAgainstSub(values.get());
    } else {
      lines.add("sub       it does not have the format of spacelift.subjectTemplate ("
          + String.join(" or ", plan.spacelift().subjectTemplates()) + "), so no pattern can match it.");
      templates.stream().filter(this::claimsFill).findFirst().ifPresent(template -> lines.add("          With that"
          + " format its claims give the sub " + template.render(customClaims()) + ": the Spacelift account's OIDC"
          + " subject template (Organization Settings, Security) and spacelift.subjectTemplate differ."));
    }
    List<Explainer.Match> bySub = Explainer.whoMay(plan, sub, null);
    List<String> allowed = new ArrayList<>();
    List<String> refusedByRole = new ArrayList<>();
    for (Explainer.Match match : bySub) {
      String refusal = roleRefusal(match);
      String line = "  - " + match.arn() + " (account " + match.account() + "), allowed by " + match.pattern();
      if (refusal == null) {
        allowed.add(line);
      } else {
        refusedByRole.add(line + ", but " + refusal);
      }
    }
    if (!refusals.isEmpty()) {
      lines.add("AWS refuses this token for every role: " + Words.sentence(refusals) + "."
          + (bySub.isEmpty() ? " Its sub would match no role either." : " By its sub alone it would match "
          + count(bySub.size(), "role") + ":"));
      bySub.forEach(match -> lines.add("  - " + match.arn() + " (account " + match.account() + "), by "
          + match.pattern()));
    } else if (allowed.isEmpty()) {
      lines.add("This token may assume no role of this configuration." + (refusedByRole.isEmpty() ? ""
          : " Its sub matches " + refusing(refusedByRole.size()) + ":"));
      lines.addAll(refusedByRole);
    } else {
      lines.add("This token may assume " + count(allowed.size(), "role") + ":");
      lines.addAll(allowed);
      if (!refusedByRole.isEmpty()) {
        lines.add("Its sub also matches " + refusing(refusedByRole.size()) + ":");
        lines.addAll(refusedByRole);
      }
    }
    values.ifPresent(v -> ownRoles(v, bySub));
  }

  /** Why a role whose patterns match the sub still refuses the token, or null. */
  private String roleRefusal(Explainer.Match match) {
    if (refusals.isEmpty() && wrongIssuer.contains(match.account())) {
      return "its account has no OIDC provider for the token's issuer";
    }
    RolePlan role = role(match.account(), match.role());
    if (role == null) {
      return null;
    }
    TrustPolicy policy = role.trustPolicy();
    if (token.audiences().stream().noneMatch(policy.audiences()::contains)) {
      return "it accepts only aud " + String.join(", ", policy.audiences());
    }
    if (token.sessionTags().isPresent() && !policy.actions().contains(TrustPolicy.TAG_SESSION_ACTION)) {
      return "the token carries session tags (its stack has the label feature:aws_oidc_session_tagging), and the"
          + " role does not allow sts:TagSession; set sessionTagging: true on the role";
    }
    return null;
  }

  /** Notes where a Spacelift claim disagrees with the part of the sub that should repeat it: AWS reads only the sub. */
  private void claimsAgainstSub(Map<String, String> values) {
    values.forEach((placeholder, value) -> token.claim(placeholder).filter(claim -> !claim.equals(value))
        .ifPresent(claim -> lines.add("          Note: the sub has " + placeholder + " `" + value + "`, but the "
            + placeholder + " claim says `" + claim + "`; AWS matches only the sub.")));
  }

  private boolean claimsFill(SubjectTemplate template) {
    return template.placeholders().stream().allMatch(p -> p.equals(SubjectTemplate.RUN_ID)
        || token.claim(p).isPresent());
  }

  private Map<String, String> customClaims() {
    Map<String, String> values = new LinkedHashMap<>();
    OidcToken.CUSTOM.forEach(name -> token.claim(name).ifPresent(value -> values.put(name, value)));
    return values;
  }

  /**
   * For the roles that the token's own stack or module uses, and that its sub does not match: the closest pattern,
   * and the first part of the sub that differs, in words.
   */
  private void ownRoles(Map<String, String> values, List<Explainer.Match> bySub) {
    String type = token.claim(SubjectTemplate.CALLER_TYPE).orElse(values.get(SubjectTemplate.CALLER_TYPE));
    String id = token.claim(SubjectTemplate.CALLER_ID).orElse(values.get(SubjectTemplate.CALLER_ID));
    if (type == null || id == null) {
      return;
    }
    String caller = type + " `" + id + "`";
    List<String> declared = Stream.concat(plan.stacks().stream().map(StackPlan::id), plan.modules().stream()
        .map(ModulePlan::id)).toList();
    List<Own> own = new ArrayList<>();
    for (AccountPlan account : plan.accounts()) {
      for (RolePlan role : account.roles()) {
        role.grants().stream().filter(grant -> grant.source() instanceof Grant.Source.Caller c
            && c.type().claim().equals(type) && c.id().equals(id)).findFirst()
            .ifPresent(grant -> own.add(new Own(account, role, grant)));
      }
    }
    if (own.isEmpty()) {
      lines.add("The token comes from " + caller + ", which the YAML does not declare" + (declared.contains(id)
          ? " as a " + type + "." : "." + Suggestions.didYouMean(id, declared)));
      List<Near> nears = closest(null);
      nears.stream().filter(near -> near.differences().size() == nears.get(0).differences().size()).limit(3)
          .forEach(near -> lines.add("  closest: role " + near.role() + " (account " + near.account() + "): "
              + near.pattern() + ", which differs first in " + words(near, null) + alsoDiffers(near) + "."));
      return;
    }
    Optional<StackPlan> split = type.equals("stack") ? splitStack(id) : Optional.empty();
    for (Own mine : own) {
      boolean matched = bySub.stream().anyMatch(m -> m.account().equals(mine.account().name())
          && m.role().equals(mine.role().name()));
      if (matched) {
        continue;
      }
      // With a planRole, each run trusts one of the stack's two roles for the phase it is in; the other's refusal is
      // the point, not a mismatch to fix.
      if (split.isPresent() && split.get().account().equals(mine.account().name())) {
        String planRole = split.get().planRole().name();
        boolean isApply = mine.role().name().equals(split.get().role());
        String other = isApply ? planRole : split.get().role();
        if ((isApply || mine.role().name().equals(planRole)) && bySub.stream().anyMatch(m ->
            m.account().equals(mine.account().name()) && m.role().equals(other))) {
          lines.add(Words.capitalised(caller) + "'s " + (isApply ? "apply role " : "plan role ") + mine.role().name()
              + " (account " + mine.account().name() + ") does not trust this run, by design: the stack has planRole "
              + planRole + ", so a run like this one " + (isApply ? "plans" : "applies") + " with " + other + ".");
          continue;
        }
      }
      String head = Words.capitalised(caller) + "'s own role " + mine.role().name() + " (account "
          + mine.account().name()
          + ") does not match the token's sub";
      List<Near> nears = closest(mine);
      if (nears.isEmpty()) {
        lines.add(head + ": none of its patterns has the sub's format.");
        continue;
      }
      Near near = nears.get(0);
      lines.add(head + ". Closest pattern: " + near.pattern() + "; it differs first in " + words(near, mine.grant())
          + alsoDiffers(near) + ".");
    }
  }

  private static String alsoDiffers(Near near) {
    List<String> rest = near.differences().subList(1, near.differences().size());
    return rest.isEmpty() ? "" : " (and also in " + Words.sentence(rest.stream()
        .map(p -> SEGMENT_WORDS.getOrDefault(p, "{" + p + "}")).toList()) + ")";
  }

  private record Own(AccountPlan account, RolePlan role, Grant grant) {}

  /** A pattern that does not match the sub, with the placeholders at which it differs, in template order. */
  private record Near(String account, String role, String pattern, Map<String, String> patternValues,
      Map<String, String> subValues, List<String> differences) {}

  /** The patterns closest to the sub (fewest differing parts, then the longest equal start), of one role or all. */
  private List<Near> closest(Own only) {
    List<Near> nears = new ArrayList<>();
    List<SubjectTemplate> templates = plan.spacelift().subjectTemplates().stream().map(SubjectTemplate::parse)
        .toList();
    for (AccountPlan account : plan.accounts()) {
      for (RolePlan role : account.roles()) {
        if (only != null && role != only.role()) {
          continue;
        }
        for (SubjectTemplate template : templates) {
          Optional<Map<String, String>> sub = template.read(token.subject());
          if (sub.isEmpty()) {
            continue;
          }
          for (String pattern : role.trustPolicy().subjects()) {
            Optional<Map<String, String>> values = template.read(pattern);
            if (values.isEmpty()) {
              continue;
            }
            List<String> differences = values.get().entrySet().stream()
                .filter(e -> !StringLike.matches(e.getValue(), sub.get().get(e.getKey())))
                .map(Map.Entry::getKey).toList();
            if (!differences.isEmpty()) {
              nears.add(new Near(account.name(), role.name(), pattern, values.get(), sub.get(), differences));
            }
          }
        }
      }
    }
    nears.sort(Comparator.<Near>comparingInt(near -> near.differences().size())
        .thenComparingInt(near -> -List.copyOf(near.patternValues().keySet()).indexOf(near.differences().get(0)))
        .thenComparing(Near::pattern));
    return nears;
  }

  /** The first differing part in words: the sub's value (with the claim that repeats it) against what is trusted. */
  private String words(Near near, Grant own) {
    String placeholder = near.differences().get(0);
    String value = near.subValues().get(placeholder);
    String allowed = near.patternValues().get(placeholder);
    String claim = token.claim(placeholder).map(c -> c.equals(value) ? " (claim " + placeholder + ")"
        : " (while its " + placeholder + " claim says `" + c + "`)").orElse("");
    String spaceNotes = placeholder.equals(SubjectTemplate.SPACE_ID) ? spaceName(value) : "";
    if (!spaceNotes.isEmpty()) {
      claim = claim.isEmpty() ? " (" + spaceNotes + ")" : claim.substring(0, claim.length() - 1) + "; " + spaceNotes
          + ")";
    }
    String segment = SEGMENT_WORDS.getOrDefault(placeholder, "{" + placeholder + "}");
    String who = own == null ? null : own.callerType().claim() + " `" + own.callerId() + "`";
    return switch (placeholder) {
      case SubjectTemplate.SPACE_ID -> segment + ": the token's space is `" + value + "`" + claim
          + (own != null && own.spaceName() != null ? ", but the YAML declares " + who
          + " in space `" + own.spaceName() + "` (`" + own.spaceId() + "`)" : ", but the pattern allows `" + allowed
          + "`");
      case SubjectTemplate.SPACE_PATH -> segment + ": the token's is `" + value + "`" + claim
          + ", but the pattern allows `" + allowed + "`" + (own != null && own.spacePath() != null
          ? " (space `" + own.spaceName() + "` has path " + own.spacePath() + " in the YAML)" : "");
      case SubjectTemplate.CALLER_TYPE -> segment + ": the token comes from a " + value + claim
          + ", but the pattern is for a " + allowed;
      case SubjectTemplate.CALLER_ID -> segment + ": the token comes from `" + value + "`" + claim
          + ", but the pattern names `" + allowed + "`";
      case SubjectTemplate.RUN_TYPE -> segment + ": the token is for a " + value + " run" + claim
          + ", but the pattern allows " + allowed + (own == null ? "" : "; the YAML trusts " + own.describe()
          + runTypeHint(own, value));
      case SubjectTemplate.SCOPE -> segment + ": the token has scope " + value + claim + ", but the pattern allows "
          + allowed + ("read".equals(value) && "TRACKED".equals(near.subValues().get(SubjectTemplate.RUN_TYPE))
          ? " (a TRACKED run of a stack without autodeploy plans with a read token, and applies with a write one)"
          : "") + (own == null ? "" : "; the YAML trusts " + own.describe());
      default -> segment + ": the token has `" + value + "`" + claim + ", but the pattern allows `" + allowed + "`";
    };
  }

  /** The stack of this id, if it has a planRole. */
  private Optional<StackPlan> splitStack(String id) {
    return plan.stacks().stream().filter(stack -> stack.id().equals(id) && stack.planRole() != null).findFirst();
  }

  /**
   * What to do about a run type that the stack's role does not trust: add it to runTypes, unless it is a PROPOSED
   * run of a stack with a planRole, which by design never reaches the apply role.
   */
  private String runTypeHint(Grant own, String runType) {
    Optional<StackPlan> split = own.callerType().claim().equals("stack") ? splitStack(own.callerId())
        : Optional.empty();
    if (split.isPresent() && "PROPOSED".equals(runType)) {
      return " (a PROPOSED run of a stack with a planRole plans with " + split.get().planRole().name()
          + ", never with the role that applies)";
    }
    return " (add " + runType + " to its runTypes if such runs need the role)";
  }

  /** "space `staging` in the YAML" for the id of a declared space; else nothing. */
  private String spaceName(String spaceId) {
    String name = plan.spaceNamesById().get(spaceId);
    return name == null ? "" : "space `" + name + "` in the YAML";
  }

  private RolePlan role(String account, String role) {
    return plan.accounts().stream().filter(a -> a.name().equals(account)).flatMap(a -> a.roles().stream())
        .filter(r -> r.name().equals(role)).findFirst().orElse(null);
  }

  private static String accounts(List<String> names) {
    return (names.size() == 1 ? "account " : "accounts ") + String.join(", ", names);
  }

  private static String refusing(int n) {
    return n == 1 ? "1 role that refuses it" : n + " roles that refuse it";
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  /** "2 h 5 min", "35 min", "40 s". */
  static String duration(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = duration.truncatedTo(ChronoUnit.MINUTES).toMinutes();
    if (minutes < 60) {
      return minutes + " min";
    }
    if (minutes < 48 * 60) {
      return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
    return minutes / (24 * 60) + " days";
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }

}
