package io.github.spaceliftoidc.core.trust;

import io.github.spaceliftoidc.core.model.Caller;
import io.github.spaceliftoidc.core.model.CallerType;
import io.github.spaceliftoidc.core.model.RunType;
import io.github.spaceliftoidc.core.model.Scope;
import io.github.spaceliftoidc.core.model.Space;
import io.github.spaceliftoidc.core.problem.Mark;
import io.github.spaceliftoidc.core.problem.Words;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One reason a role trusts some runs: a stack or module that uses the role, or one of the role's trust rules. A null
 * space, caller type or caller id means "any"; empty run types or scopes mean "any". A space id or caller id that
 * ends in {@code *} is a prefix: it covers every id that starts with the text before the star.
 *
 * @param source where the grant comes from: a {@link Source.Caller} or a {@link Source.Rule}
 * @param spaceName the declared space's name; null for any space and for a space id prefix
 * @param spaceId the space's id, a prefix such as {@code production-*}, or null for any space
 * @param spacePath the space's path, for templates that use {spacePath}; may be null
 * @param callerId the stack's or module's id, a prefix such as {@code app-*}, or null for any
 * @param mark where the YAML asks for it
 * @param subspaces whether the grant also covers every space below its space: under a template with
 *     {@code {spacePath}} by the path (spaces created later included), otherwise the declared ones by id
 * @param declaredSpaces the declared spaces that a subtree or a space id prefix covers (for a subtree the space
 *     itself first, then its declared descendants); empty for other grants
 * @param declaredCallers the declared stacks and modules that a prefix or subtree grant covers; empty for others
 * @param subjectTemplate the one subject template the grant applies to, or null for every listed one
 */
public record Grant(
    Source source,
    String spaceName,
    String spaceId,
    String spacePath,
    CallerType callerType,
    String callerId,
    List<RunType> runTypes,
    List<Scope> scopes,
    Mark mark,
    boolean subspaces,
    List<Space> declaredSpaces,
    List<Caller> declaredCallers,
    String subjectTemplate) {

  /** The id of Spacelift's top space, above every other. */
  public static final String ROOT_SPACE = "root";

  public Grant {
    Objects.requireNonNull(source, "source");
    runTypes = List.copyOf(runTypes);
    scopes = List.copyOf(scopes);
    declaredSpaces = List.copyOf(declaredSpaces);
    declaredCallers = List.copyOf(declaredCallers);
  }

  /** A grant of one space (or any), under every template. */
  public Grant(Source source, String spaceName, String spaceId, String spacePath, CallerType callerType,
      String callerId, List<RunType> runTypes, List<Scope> scopes, Mark mark) {
    this(source, spaceName, spaceId, spacePath, callerType, callerId, runTypes, scopes, mark, false, List.of(),
        List.of(), null);
  }

  /**
   * Where a grant comes from. Its {@code toString()} is the phrase messages and templates print, e.g.
   * "stack 'infra'" or "trust rule 2 of role 'deploy' of account 'production'".
   */
  public sealed interface Source {

    /** A stack or module whose runs assume the role. */
    record Caller(CallerType type, String id) implements Source {
      @Override
      public String toString() {
        return type.claim() + " '" + id + "'";
      }
    }

    /**
     * A trust rule of the role.
     *
     * @param number the rule's position in the role's {@code trust:} list, from 1
     */
    record Rule(int number, String role, String account) implements Source {
      @Override
      public String toString() {
        return "trust rule " + number + " of role '" + role + "' of account '" + account + "'";
      }
    }
  }

  /** " (trust rule 2)" for a grant of a trust rule, to follow its words; empty for a stack's or module's own. */
  public String ruleSuffix() {
    return source instanceof Source.Rule rule ? " (trust rule " + rule.number() + ")" : "";
  }

  /** Whether this grant covers every run of every stack and module in every space. */
  public boolean isUnrestricted() {
    return (spaceId == null || subspaces && ROOT_SPACE.equals(spaceId)) && callerId == null;
  }

  /** Whether the space id is a prefix pattern such as {@code production-*}. */
  public boolean isSpacePrefix() {
    return spaceId != null && spaceId.endsWith("*");
  }

  /** Whether the stack or module id is a prefix pattern such as {@code app-*}. */
  public boolean isCallerPrefix() {
    return callerId != null && callerId.endsWith("*");
  }

  /** The text a prefix pattern's ids start with: {@code production-} of {@code production-*}. */
  public static String literal(String prefix) {
    return prefix.substring(0, prefix.length() - 1);
  }

  /** Whether the grant's patterns go into policies under {@code template}. */
  public boolean appliesTo(SubjectTemplate template) {
    return subjectTemplate == null || subjectTemplate.equals(template.text());
  }

  /** The grant in plain words, e.g. "stack `network` in space `production`: TRACKED and PROPOSED runs, read and write". */
  public String describe() {
    String who;
    if (callerType == null && callerId == null) {
      who = spaceId == null ? "every stack and module in every space" : "every stack and module";
    } else {
      String kind = callerType == null ? "stack or module" : callerType.claim();
      who = callerId == null ? "any " + kind
          : isCallerPrefix() ? "every " + kind + " whose id starts with `" + literal(callerId) + "`"
          : kind + " `" + callerId + "`";
    }
    String where;
    if (spaceId == null) {
      where = callerType == null && callerId == null ? "" : " in any space";
    } else if (isSpacePrefix()) {
      where = " in every space whose id starts with `" + literal(spaceId) + "`";
    } else {
      where = " in space `" + spaceName + "`" + (subspaces ? " and every space below it" : "");
    }
    String runs = runTypes.isEmpty() ? "all runs"
        : Words.sentence(runTypes.stream().map(Enum::name).toList()) + " runs";
    String access = scopes.isEmpty() ? "read and write"
        : Words.sentence(scopes.stream().map(Scope::claim).toList()) + (scopes.size() == 1 ? " only" : "");
    String format = subjectTemplate == null ? "" : " (subject format `" + subjectTemplate + "` only)";
    return who + where + ": " + runs + ", " + access + format;
  }

  /**
   * The grant's subject patterns under one template: one per run type and scope listed, for each space it names. A
   * subtree names its space and, under a template with {@code {spacePath}}, every path below the space's path (the
   * path and {@code <path>/*}, never {@code <path>*}, which would match siblings such as {@code <path>-archive}); under
   * a template without, the declared descendants by id.
   */
  public List<String> patterns(SubjectTemplate template) {
    List<Map<String, String>> valueSets = valueSets(template);
    List<String> patterns = new ArrayList<>(valueSets.size());
    for (Map<String, String> values : valueSets) {
      patterns.add(template.render(values));
    }
    return patterns;
  }

  /**
   * Each of the grant's patterns under {@code template}, paired with the pattern of the same runs in the format of
   * {@code other}: where the first covers the second, a pattern of one format also admits the other's subjects.
   */
  public List<Map.Entry<String, String>> counterparts(SubjectTemplate template, SubjectTemplate other) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    for (Map<String, String> values : valueSets(template)) {
      pairs.add(Map.entry(template.render(values), other.render(values)));
    }
    return pairs;
  }

  /** The placeholder values of each pattern under {@code template}; a placeholder without a value is open. */
  private List<Map<String, String>> valueSets(SubjectTemplate template) {
    List<Map<String, String>> valueSets = new ArrayList<>();
    if (!subspaces) {
      addValueSets(spaceId, spaceId == null || isSpacePrefix() ? null : spacePath, valueSets);
    } else if (template.uses(SubjectTemplate.SPACE_PATH)) {
      addValueSets(spaceId, spacePath, valueSets);
      if (spacePath != null) {
        addValueSets(null, spacePath + "/*", valueSets);
      }
    } else {
      for (Space space : declaredSpaces) {
        addValueSets(space.id(), space.path(), valueSets);
      }
    }
    return valueSets;
  }

  private void addValueSets(String space, String path, List<Map<String, String>> valueSets) {
    List<RunType> types = runTypes.isEmpty() ? Collections.singletonList(null) : runTypes;
    List<Scope> scopeList = scopes.isEmpty() ? Collections.singletonList(null) : scopes;
    for (RunType runType : types) {
      for (Scope scope : scopeList) {
        Map<String, String> values = new HashMap<>();
        put(values, SubjectTemplate.SPACE_ID, space);
        put(values, SubjectTemplate.SPACE_PATH, path);
        put(values, SubjectTemplate.CALLER_TYPE, callerType == null ? null : callerType.claim());
        put(values, SubjectTemplate.CALLER_ID, callerId);
        put(values, SubjectTemplate.RUN_TYPE, runType == null ? null : runType.name());
        put(values, SubjectTemplate.SCOPE, scope == null ? null : scope.name().toLowerCase(Locale.ROOT));
        valueSets.add(values);
      }
    }
  }

  private static void put(Map<String, String> values, String key, String value) {
    if (value != null) {
      values.put(key, value);
    }
  }

  /**
   * What this grant pins down that {@code template} cannot express, in which case its patterns would trust more than
   * asked. A specific stack or module id identifies the space too (ids are unique in a Spacelift account); a prefix,
   * a space id prefix or a subtree never does.
   */
  public List<String> inexpressible(SubjectTemplate template) {
    List<String> missing = new ArrayList<>();
    boolean callerNamesSpace = callerId != null && !isCallerPrefix() && !isSpacePrefix() && !subspaces;
    if (isSpacePrefix()) {
      if (!template.uses(SubjectTemplate.SPACE_ID)) {
        missing.add("the space id prefix ({spaceId}; a path cannot express it)");
      }
    } else if (spaceId != null && !callerNamesSpace && !template.uses(SubjectTemplate.SPACE_ID)
        && !template.uses(SubjectTemplate.SPACE_PATH)) {
      missing.add("the space ({spaceId} or {spacePath})");
    }
    if (callerType != null && !template.uses(SubjectTemplate.CALLER_TYPE)) {
      missing.add("stack versus module ({callerType})");
    }
    if (callerId != null && !template.uses(SubjectTemplate.CALLER_ID)) {
      missing.add("the " + callerType.claim() + " id ({callerId})");
    }
    if (!runTypes.isEmpty() && !template.uses(SubjectTemplate.RUN_TYPE)) {
      missing.add("the run types ({runType})");
    }
    if (!scopes.isEmpty() && !template.uses(SubjectTemplate.SCOPE)) {
      missing.add("the scopes ({scope})");
    }
    return missing;
  }
}
