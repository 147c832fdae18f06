package io.github.spaceliftoidc.core.trust;

import io.github.spaceliftoidc.core.model.CallerType;
import io.github.spaceliftoidc.core.model.RunType;
import io.github.spaceliftoidc.core.model.Scope;
import io.github.spaceliftoidc.core.problem.Mark;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One reason a role trusts some runs: a stack or module that uses the role, or one of the role's trust rules. A null
 * space, caller type or caller id means "any"; empty run types or scopes mean "any".
 *
 * @param source where the grant comes from: a {@link Source.Caller} or a {@link Source.Rule}
 * @param spacePath the space's path, for templates that use {spacePath}; may be null
 * @param mark where the YAML asks for it
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
    Mark mark) {

  public Grant {
    Objects.requireNonNull(source, "source");
    runTypes = List.copyOf(runTypes);
    scopes = List.copyOf(scopes);
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

  /** Whether this grant covers every run of every stack and module in every space. */
  public boolean isUnrestricted() {
    return spaceId == null && callerId == null;
  }

  /** The grant in plain words, e.g. "stack `network` in space `production`: TRACKED and PROPOSED runs, read and write". */
  public String describe() {
    String who;
    if (callerType == null && callerId == null) {
      who = spaceId == null ? "every stack and module in every space" : "every stack and module";
    } else {
      String kind = callerType == null ? "stack or module" : callerType.claim();
      who = callerId == null ? "any " + kind : kind + " `" + callerId + "`";
    }
    String where = spaceId == null
        ? (callerType == null && callerId == null ? "" : " in any space")
        : " in space `" + spaceName + "`";
    String runs = runTypes.isEmpty() ? "all runs" : words(runTypes.stream().map(Enum::name).toList()) + " runs";
    String access = scopes.isEmpty() ? "read and write"
        : words(scopes.stream().map(Scope::claim).toList()) + (scopes.size() == 1 ? " only" : "");
    return who + where + ": " + runs + ", " + access;
  }

  private static String words(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    List<String> head = new ArrayList<>(items.subList(0, items.size() - 1));
    return head.stream().collect(Collectors.joining(", ")) + " and " + items.get(items.size() - 1);
  }

  /** The grant's subject patterns under one template: one per run type and scope listed. */
  public List<String> patterns(SubjectTemplate template) {
    List<String> patterns = new ArrayList<>();
    List<RunType> types = runTypes.isEmpty() ? Collections.singletonList(null) : runTypes;
    List<Scope> scopeList = scopes.isEmpty() ? Collections.singletonList(null) : scopes;
    for (RunType runType : types) {
      for (Scope scope : scopeList) {
        Map<String, String> values = new HashMap<>();
        put(values, SubjectTemplate.SPACE_ID, spaceId);
        put(values, SubjectTemplate.SPACE_PATH, spaceId == null ? null : spacePath);
        put(values, SubjectTemplate.CALLER_TYPE, callerType == null ? null : callerType.claim());
        put(values, SubjectTemplate.CALLER_ID, callerId);
        put(values, SubjectTemplate.RUN_TYPE, runType == null ? null : runType.name());
        put(values, SubjectTemplate.SCOPE, scope == null ? null : scope.name().toLowerCase(Locale.ROOT));
        patterns.add(template.render(values));
      }
    }
    return patterns;
  }

  private static void put(Map<String, String> values, String key, String value) {
    if (value != null) {
      values.put(key, value);
    }
  }

  /**
   * What this grant pins down that {@code template} cannot express, in which case its patterns would trust more than
   * asked. A specific stack or module id identifies the space too (ids are unique in a Spacelift account).
   */
  public List<String> inexpressible(SubjectTemplate template) {
    List<String> missing = new ArrayList<>();
    if (spaceId != null && callerId == null && !template.uses(SubjectTemplate.SPACE_ID)
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
