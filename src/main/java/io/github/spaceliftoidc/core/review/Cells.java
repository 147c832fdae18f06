package io.github.spaceliftoidc.core.review;

import io.github.spaceliftoidc.core.model.CallerType;
import io.github.spaceliftoidc.core.model.RunType;
import io.github.spaceliftoidc.core.model.Scope;
import io.github.spaceliftoidc.core.problem.Words;
import io.github.spaceliftoidc.core.trust.StringLike;
import io.github.spaceliftoidc.core.trust.SubjectTemplate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Subject patterns as the runs they let in. Each pattern is read back through the subject template that rendered it,
 * and the parts whose values Spacelift documents as a closed list (caller type, run type, scope) are spelt out, so
 * that {@code scope:*} and the two patterns {@code scope:read} and {@code scope:write} are the same runs; the open
 * parts (space, path, id) stay patterns, compared with IAM's {@code StringLike}. A pattern that no template reads
 * stays whole. Comparing two trust policies is then comparing their cells.
 */
final class Cells {

  /** The values Spacelift documents for the closed placeholders. */
  private static final Map<String, List<String>> CLOSED = Map.of(
      SubjectTemplate.CALLER_TYPE, Arrays.stream(CallerType.values()).map(CallerType::claim).toList(),
      SubjectTemplate.RUN_TYPE, Arrays.stream(RunType.values()).map(Enum::name).toList(),
      SubjectTemplate.SCOPE, Arrays.stream(Scope.values()).map(Scope::claim).toList());

  /**
   * One cell: the template it was read through (or -1 for a pattern that none reads, whose only value is then the
   * pattern itself), and one value per distinct placeholder of that template, a single value for the closed ones.
   */
  record Cell(int template, List<String> values) {}

  private final List<SubjectTemplate> templates;
  private final List<List<String>> placeholders = new ArrayList<>();
  private final Map<String, String> spaceNames;

  /** @param spaceNames the names that the YAML gives space ids, for the words */
  Cells(List<SubjectTemplate> templates, Map<String, String> spaceNames) {
    this.templates = List.copyOf(templates);
    this.spaceNames = spaceNames;
    for (SubjectTemplate template : templates) {
      placeholders.add(List.copyOf(new LinkedHashSet<>(template.placeholders())));
    }
  }

  /** The cells of patterns, without repeats, in order. */
  Set<Cell> of(Iterable<String> patterns) {
    Set<Cell> cells = new LinkedHashSet<>();
    for (String pattern : patterns) {
      cells.addAll(of(pattern));
    }
    return cells;
  }

  private List<Cell> of(String pattern) {
    for (int t = 0; t < templates.size(); t++) {
      Optional<Map<String, String>> read = templates.get(t).read(pattern);
      if (read.isEmpty()) {
        continue;
      }
      List<List<String>> choices = new ArrayList<>();
      for (String placeholder : placeholders.get(t)) {
        String value = read.get().get(placeholder);
        List<String> closed = CLOSED.get(placeholder);
        if (closed == null) {
          choices.add(List.of(value));
        } else {
          List<String> matching = closed.stream().filter(v -> StringLike.matches(value, v)).toList();
          choices.add(matching.isEmpty() ? List.of(value) : matching); // an undocumented value stays as it is
        }
      }
      List<Cell> cells = new ArrayList<>();
      expand(t, choices, 0, new ArrayList<>(), cells);
      return cells;
    }
    return List.of(new Cell(-1, List.of(pattern)));
  }

  private static void expand(int template, List<List<String>> choices, int index, List<String> prefix,
      List<Cell> out) {
    if (index == choices.size()) {
      out.add(new Cell(template, List.copyOf(prefix)));
      return;
    }
    for (String value : choices.get(index)) {
      prefix.add(value);
      expand(template, choices, index + 1, prefix, out);
      prefix.remove(prefix.size() - 1);
    }
  }

  /** The cells of {@code these} that no cell of {@code those} covers (lets in every run it lets in), in order. */
  List<Cell> uncovered(Set<Cell> these, Set<Cell> those) {
    List<Cell> wide = those.stream().filter(this::hasWildcard).toList();
    List<Cell> left = new ArrayList<>();
    for (Cell cell : these) {
      if (!those.contains(cell) && wide.stream().noneMatch(w -> covers(w, cell))) {
        left.add(cell);
      }
    }
    return left;
  }

  private boolean hasWildcard(Cell cell) {
    return cell.values().stream().anyMatch(v -> v.indexOf('*') >= 0 || v.indexOf('?') >= 0);
  }

  private boolean covers(Cell wide, Cell narrow) {
    if (wide.template() != narrow.template()) {
      return false;
    }
    for (int i = 0; i < wide.values().size(); i++) {
      boolean closed = wide.template() >= 0 && CLOSED.containsKey(placeholders.get(wide.template()).get(i));
      String w = wide.values().get(i);
      String n = narrow.values().get(i);
      if (closed ? !w.equals(n) : !StringLike.covers(w, n)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The cells in words, one item per stack, module or kind of caller, in the words of {@code Grant.describe}:
   * "stack `app` in space `production`: TRACKED runs, write only".
   */
  List<String> words(List<Cell> cells) {
    // Everything but run type and scope says who and where; run types and scopes then say which of their runs.
    Map<List<Object>, Set<List<String>>> runsByWho = new LinkedHashMap<>();
    for (Cell cell : cells) {
      List<Object> who = new ArrayList<>();
      who.add(cell.template());
      List<String> runs = new ArrayList<>(List.of("", ""));
      for (int i = 0; i < cell.values().size(); i++) {
        String placeholder = cell.template() < 0 ? "" : placeholders.get(cell.template()).get(i);
        switch (placeholder) {
          case SubjectTemplate.RUN_TYPE -> runs.set(0, cell.values().get(i));
          case SubjectTemplate.SCOPE -> runs.set(1, cell.values().get(i));
          default -> who.add(cell.values().get(i));
        }
      }
      runsByWho.computeIfAbsent(who, w -> new LinkedHashSet<>()).add(runs);
    }
    List<String> items = new ArrayList<>();
    Set<List<Object>> merged = new HashSet<>();
    for (Map.Entry<List<Object>, Set<List<String>>> entry : runsByWho.entrySet()) {
      List<Object> who = entry.getKey();
      if (merged.contains(who)) {
        continue;
      }
      int template = (Integer) who.get(0);
      if (template < 0) {
        items.add("subject pattern `" + who.get(1) + "`");
        continue;
      }
      Map<String, String> values = new LinkedHashMap<>();
      List<String> names = placeholders.get(template).stream()
          .filter(p -> !p.equals(SubjectTemplate.RUN_TYPE) && !p.equals(SubjectTemplate.SCOPE)).toList();
      for (int i = 0; i < names.size(); i++) {
        values.put(names.get(i), (String) who.get(i + 1));
      }
      boolean both = false;
      if ("stack".equals(values.get(SubjectTemplate.CALLER_TYPE)) && isAny(values.get(SubjectTemplate.CALLER_ID))) {
        List<Object> module = new ArrayList<>(who);
        module.set(1 + names.indexOf(SubjectTemplate.CALLER_TYPE), "module");
        if (entry.getValue().equals(runsByWho.get(module))) {
          merged.add(module);
          both = true;
        }
      }
      items.add(who(values, both) + where(values) + ": " + runs(entry.getValue(), template)
          + (templates.size() > 1 ? " (as " + templates.get(template).text() + ")" : ""));
    }
    return items;
  }

  private static boolean isAny(String value) {
    return value == null || value.equals("*");
  }

  private static String who(Map<String, String> values, boolean stacksAndModules) {
    String type = values.get(SubjectTemplate.CALLER_TYPE);
    String id = values.get(SubjectTemplate.CALLER_ID);
    if (stacksAndModules || isAny(type) && isAny(id)) {
      return "every stack and module";
    }
    String kind = isAny(type) ? "stack or module" : type;
    if (isAny(id)) {
      return "any " + kind;
    }
    if (isPrefix(id)) {
      return "every " + kind + " whose id starts with `" + id.substring(0, id.length() - 1) + "`";
    }
    boolean pattern = id.indexOf('*') >= 0 || id.indexOf('?') >= 0;
    return (pattern ? (isAny(type) ? "stacks and modules" : kind + "s") + " matching `" : kind + " `") + id + "`";
  }

  /** A prefix pattern, as trust rules write them: one star, at the end. */
  private static boolean isPrefix(String value) {
    return value.length() > 1 && value.indexOf('*') == value.length() - 1 && value.indexOf('?') < 0;
  }

  private String where(Map<String, String> values) {
    String id = values.get(SubjectTemplate.SPACE_ID);
    String path = values.get(SubjectTemplate.SPACE_PATH);
    if (id != null && !isAny(id) && id.indexOf('*') < 0 && id.indexOf('?') < 0) {
      String name = spaceNames.get(id);
      return name == null ? " in space `" + id + "`" : " in space `" + name + "`";
    }
    if (!isAny(path)) {
      return path.endsWith("/*") && isPrefix(path) ? " in every space below `" + path.substring(0, path.length() - 2)
          + "`" : " in the space at `" + path + "`";
    }
    if (isAny(id)) {
      return " in any space";
    }
    return isPrefix(id) ? " in every space whose id starts with `" + id.substring(0, id.length() - 1) + "`"
        : " in spaces matching `" + id + "`";
  }

  /** "TRACKED and PROPOSED runs, read and write"; "all runs, write only"; per run type when the scopes differ. */
  private String runs(Set<List<String>> pairs, int template) {
    boolean typed = placeholders.get(template).contains(SubjectTemplate.RUN_TYPE);
    boolean scoped = placeholders.get(template).contains(SubjectTemplate.SCOPE);
    Map<String, Set<String>> scopesByType = new LinkedHashMap<>();
    for (String type : order(pairs.stream().map(p -> p.get(0)).collect(Collectors.toSet()),
        CLOSED.get(SubjectTemplate.RUN_TYPE))) {
      scopesByType.put(type, new TreeSet<>());
    }
    pairs.forEach(p -> scopesByType.get(p.get(0)).add(p.get(1)));
    Map<Set<String>, List<String>> typesByScopes = new LinkedHashMap<>();
    scopesByType.forEach((type, scopes) -> typesByScopes.computeIfAbsent(scopes, s -> new ArrayList<>()).add(type));
    List<String> parts = new ArrayList<>();
    typesByScopes.forEach((scopes, types) -> parts.add((typed ? runTypes(types) : "all runs") + ", "
        + (scoped ? access(scopes) : "read and write")));
    return String.join("; ", parts);
  }

  private static String runTypes(List<String> types) {
    if (types.containsAll(CLOSED.get(SubjectTemplate.RUN_TYPE))) {
      return types.size() == CLOSED.get(SubjectTemplate.RUN_TYPE).size() ? "all runs"
          : "all runs, also " + String.join(", ", types.subList(CLOSED.get(SubjectTemplate.RUN_TYPE).size(),
              types.size()));
    }
    return Words.sentence(types) + " runs";
  }

  private static String access(Set<String> scopes) {
    List<String> ordered = order(scopes, CLOSED.get(SubjectTemplate.SCOPE));
    if (ordered.equals(CLOSED.get(SubjectTemplate.SCOPE))) {
      return "read and write";
    }
    return Words.sentence(ordered) + (ordered.size() == 1 ? " only" : "");
  }

  /** The values in the documented order, then the undocumented ones. */
  private static List<String> order(Set<String> values, List<String> documented) {
    List<String> ordered = new ArrayList<>(documented.stream().filter(values::contains).toList());
    values.stream().filter(v -> !documented.contains(v)).sorted().forEach(ordered::add);
    return ordered;
  }
}
