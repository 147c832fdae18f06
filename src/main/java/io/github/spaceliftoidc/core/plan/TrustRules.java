package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.model.Account;
import io.github.spaceliftoidc.core.model.Caller;
import io.github.spaceliftoidc.core.model.CallerType;
import io.github.spaceliftoidc.core.model.Origin;
import io.github.spaceliftoidc.core.model.Role;
import io.github.spaceliftoidc.core.model.Space;
import io.github.spaceliftoidc.core.model.SpaceliftSettings;
import io.github.spaceliftoidc.core.model.TrustRule;
import io.github.spaceliftoidc.core.problem.Suggestions;
import io.github.spaceliftoidc.core.trust.Grant;
import io.github.spaceliftoidc.core.trust.SubjectTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The grants of a role's trust rules: a named space or any, a space id prefix, a space and its subspaces, a stack or
 * module id or prefix, and the subject template a rule is limited to. A rule that is broken or too wide is reported
 * and left out. Made for one {@link Planner#plan} run.
 */
final class TrustRules {

  /** The start of a ULID: after the last '-', upper-case letters and digits, one letter at least (slugs have none). */
  private static final Pattern ULID_START = Pattern.compile(".*-[0-9A-Z]*[A-Z][0-9A-Z]*");
  private static final Pattern WITH_ULID = Pattern.compile(".*-[0-9A-Z]{26}");

  private final Checks checks;
  private final References references;
  private final SpaceliftSettings spacelift;
  private final List<SubjectTemplate> templates;

  TrustRules(Checks checks, References references, SpaceliftSettings spacelift, List<SubjectTemplate> templates) {
    this.checks = checks;
    this.references = references;
    this.spacelift = spacelift;
    this.templates = templates;
  }

  /** The grants of {@code role}'s trust rules, in YAML order. */
  List<Grant> grants(Role role, Account account) {
    List<Grant> grants = new ArrayList<>();
    for (int i = 0; i < role.trust().size(); i++) {
      Grant grant = grant(role, role.trust().get(i), new Grant.Source.Rule(i + 1, role.name(), account.name()));
      if (grant != null) {
        grants.add(grant);
      }
    }
    return grants;
  }

  private Grant grant(Role role, TrustRule rule, Grant.Source source) {
    Origin ro = rule.origin();
    if (rule.stack() != null && rule.module() != null) {
      checks.add(ro.at("module"), source + " names both a stack and a module; a subject is one or the other,"
          + " so split it into two rules.");
      return null;
    }
    List<SubjectTemplate> applicable = applicableTemplates(rule, source);
    if (applicable == null) {
      return null;
    }
    // The space: a declared one by name, any ("*"), or a prefix of space ids.
    Space space = null;
    String spaceId = null;
    if (rule.spaceId() != null) {
      if (!checks.check(Rules.spaceIdPattern(rule.spaceId()), ro.at("spaceId"), source + ": spaceId '"
          + rule.spaceId() + "'") || !confined(Grant.literal(rule.spaceId()), SubjectTemplate.SPACE_ID, applicable,
          ro, "spaceId", source)) {
        return null;
      }
      spaceId = TrustRule.ANY.equals(rule.spaceId()) ? null : rule.spaceId();
    } else if (rule.space() == null) {
      return null; // reported by the binder
    } else if (!TrustRule.ANY.equals(rule.space())) {
      space = references.ruleSpace(rule.space(), ro.at("space"), source.toString());
      if (space == null) {
        return null;
      }
      spaceId = space.id();
    }
    if (rule.subspaces() && space == null) {
      checks.add(ro.at("subspaces"), source + " sets subspaces: true, which needs the name of a declared space in"
          + " space: (not \"*\" or a spaceId prefix): the rule then trusts that space and every space below it.");
      return null;
    }
    // The caller: any, an id, or a prefix of ids.
    CallerType type = rule.stack() != null ? CallerType.STACK : rule.module() != null ? CallerType.MODULE : null;
    String id = rule.stack() != null ? rule.stack() : rule.module();
    String idKey = rule.stack() != null ? "stack" : "module";
    if (id != null && !TrustRule.ANY.equals(id)) {
      if (!checks.check(Rules.callerIdPattern(id, idKey), ro.at(idKey), source + ": " + idKey + " '" + id + "'")
          || id.endsWith("*") && !confined(Grant.literal(id), SubjectTemplate.CALLER_ID, applicable, ro, idKey,
              source)) {
        return null;
      }
    } else {
      id = null;
    }
    List<Space> declaredSpaces = List.of();
    if (rule.subspaces()) {
      List<Space> tree = new ArrayList<>(List.of(space));
      tree.addAll(references.spaceTree().descendants(space));
      declaredSpaces = tree;
      references.spaceTree().checkSubtreePaths(space, source.toString());
    } else if (spaceId != null && spaceId.endsWith("*")) {
      String literal = Grant.literal(spaceId);
      declaredSpaces = references.declaredSpaces().stream()
          .filter(s -> s.id() != null && s.id().startsWith(literal)).toList();
    }
    Grant draft = new Grant(source, space == null ? null : space.name(), spaceId, space == null ? null
        : space.path(), type, id, rule.runTypes(), rule.scopes(), ro.mark(), rule.subspaces(), declaredSpaces,
        List.of(), rule.subjectTemplate());
    if (draft.isUnrestricted() && !role.allowAnySubject()) {
      String key = rule.spaceId() != null ? "spaceId" : "space";
      String how = rule.subspaces() ? "space root with subspaces: true" : key + " \"*\"";
      checks.add(ro.at(rule.subspaces() ? "subspaces" : key), source + " trusts every " + (type == null
          ? "stack and module" : type.claim()) + " in every space of the Spacelift account (" + how
          + " without a specific " + (type == null ? "stack or module" : type.claim()) + "). Name a space or a "
          + (type == null ? "stack" : type.claim()) + " id; if the role really must trust them all, set"
          + " allowAnySubject: true on the role.");
      return null;
    }
    if (draft.isSpacePrefix()) {
      warnAboutSpacePrefix(draft, rule, source);
    }
    if (!draft.isSpacePrefix() && !draft.isCallerPrefix() && !draft.subspaces()) {
      return draft;
    }
    return new Grant(source, draft.spaceName(), spaceId, draft.spacePath(), type, id, rule.runTypes(),
        rule.scopes(), ro.mark(), rule.subspaces(), declaredSpaces, declaredCallers(draft), rule.subjectTemplate());
  }

  /** The templates a rule applies to: all, or the one it names (which must be listed); null when it names another. */
  private List<SubjectTemplate> applicableTemplates(TrustRule rule, Grant.Source source) {
    String text = rule.subjectTemplate();
    if (text == null) {
      return templates;
    }
    if (!spacelift.subjectTemplates().contains(text)) {
      checks.add(rule.origin().at("subjectTemplate"), source + ": subjectTemplate '" + text + "' is not one of the"
          + " templates of spacelift.subjectTemplate (" + String.join(", ", spacelift.subjectTemplates().stream()
              .map(t -> "'" + t + "'").toList()) + ")." + Suggestions.didYouMean(text, spacelift.subjectTemplates())
          + " Copy one of them exactly, or remove the key to apply the rule under every template.");
      return null;
    }
    return templates.stream().filter(t -> t.text().equals(text)).toList();
  }

  /** Whether the star after {@code literal} stays within its value under every template the rule applies to. */
  private boolean confined(String literal, String placeholder, List<SubjectTemplate> applicable, Origin ro,
      String key, Grant.Source source) {
    boolean confined = true;
    for (SubjectTemplate template : applicable) {
      if (!template.uses(placeholder)) {
        continue; // Roles reports a restriction that the template cannot express
      }
      Optional<String> problem = template.prefixProblem(literal);
      if (problem.isPresent()) {
        checks.add(ro.at(key), source + ": " + key + " '" + literal + "*': " + problem.get() + "; remove that"
            + " character from the prefix.");
        confined = false;
      }
    }
    return confined;
  }

  /**
   * A space id prefix that ends inside a ULID (the random part of an id) matches whichever space happens to get such
   * an id, and one that covers declared spaces of other names may cover more than its author thinks: both are
   * allowed, with a warning that names the declared spaces it covers.
   */
  private void warnAboutSpacePrefix(Grant grant, TrustRule rule, Grant.Source source) {
    String literal = Grant.literal(grant.spaceId());
    String tail = literal.substring(literal.lastIndexOf('-') + 1);
    boolean insideUlid = ULID_START.matcher(literal).matches() && tail.length() < 26 || grant.declaredSpaces().stream()
        .anyMatch(s -> WITH_ULID.matcher(s.id()).matches() && literal.length() > s.id().length() - 26);
    String stem = literal.endsWith("-") ? literal.substring(0, literal.length() - 1) : literal;
    List<Space> otherNames = grant.declaredSpaces().stream().filter(s -> !slug(s.id()).equals(stem)).toList();
    String what = source + ": spaceId '" + grant.spaceId() + "'";
    if (insideUlid) {
      checks.warn(rule.origin().at("spaceId"), what + " ends inside a ULID, the random part of a space id, so it"
          + " covers whichever space gets an id that starts with it" + covers(grant.declaredSpaces())
          + ". Name the space with space: instead, or end the prefix before the ULID.");
    } else if (!otherNames.isEmpty()) {
      checks.warn(rule.origin().at("spaceId"), what + " also covers the declared space" + (otherNames.size() == 1
          ? " " : "s ") + String.join(", ", otherNames.stream().map(TrustRules::nameAndId).toList())
          + ", whose id" + (otherNames.size() == 1 ? " merely starts" : "s merely start") + " with '" + literal
          + "'. If " + (otherNames.size() == 1 ? "it" : "they") + " should not assume this role, lengthen the prefix"
          + " or name the space with space:.");
    }
  }

  private static String covers(List<Space> declared) {
    return declared.isEmpty() ? "; no declared space matches it today"
        : "; of the declared spaces it covers " + String.join(", ", declared.stream().map(TrustRules::nameAndId)
            .toList());
  }

  private static String nameAndId(Space space) {
    return "'" + space.name() + "' (" + space.id() + ")";
  }

  /** A space id without its ULID: {@code production} of {@code production-01HND...}. */
  private static String slug(String id) {
    return WITH_ULID.matcher(id).matches() ? id.substring(0, id.length() - 27) : id;
  }

  /** The declared stacks and modules whose runs a prefix or subtree grant covers today. */
  private List<Caller> declaredCallers(Grant grant) {
    List<Caller> covered = new ArrayList<>();
    for (Caller caller : references.callers()) {
      if (caller.id() == null || caller.space() == null
          || grant.callerType() != null && grant.callerType() != caller.callerType()) {
        continue;
      }
      boolean idMatches = grant.callerId() == null || (grant.isCallerPrefix()
          ? caller.id().startsWith(Grant.literal(grant.callerId())) : caller.id().equals(grant.callerId()));
      Space space = references.space(caller.space());
      boolean spaceMatches = grant.spaceId() == null || space != null && (grant.isSpacePrefix()
          ? space.id() != null && space.id().startsWith(Grant.literal(grant.spaceId()))
          : grant.subspaces() ? grant.declaredSpaces().contains(space) : space.name().equals(grant.spaceName()));
      if (idMatches && spaceMatches) {
        covered.add(caller);
      }
    }
    return covered;
  }
}
