package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.model.Space;
import io.github.spaceliftoidc.core.problem.Suggestions;
import io.github.spaceliftoidc.core.trust.Grant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declared spaces as a tree, by their {@code parent:} names: checked for unknown parents and cycles, and the
 * declared paths against the chain of parents. Trust rules with {@code subspaces: true} ask it for a space's
 * descendants. Made for one {@link Planner#plan} run.
 */
final class SpaceTree {

  private final Checks checks;
  private final Map<String, Space> byName;
  private final List<Space> spaces;
  /** Each space's parent, for the spaces whose parent: names a declared space other than itself. */
  private final Map<Space, Space> parentOf = new IdentityHashMap<>();
  /** The spaces on a cycle of parents (reported): their chains have no top, so no path check or subtree uses them. */
  private final Set<Space> onCycle = Collections.newSetFromMap(new IdentityHashMap<>());
  /** The spaces whose place under a subtree was reported already, so that several rules do not repeat it. */
  private final Set<Space> reportedOutside = Collections.newSetFromMap(new IdentityHashMap<>());

  SpaceTree(List<Space> spaces, Map<String, Space> byName, Checks checks) {
    this.checks = checks;
    this.byName = byName;
    this.spaces = spaces;
    for (Space space : spaces) {
      linkParent(space);
    }
    findCycles();
    for (Space space : spaces) {
      checkPath(space);
    }
  }

  private void linkParent(Space space) {
    if (space.parent() == null) {
      return;
    }
    String what = "space '" + space.name() + "'";
    if (Grant.ROOT_SPACE.equals(space.id())) {
      checks.add(space.origin().at("parent"), what + " has the id root, Spacelift's top space, which has no parent;"
          + " remove parent:.");
      return;
    }
    Space parent = byName.get(space.parent());
    if (parent == null) {
      checks.add(space.origin().at("parent"), what + " names unknown parent space '" + space.parent() + "' (known: "
          + String.join(", ", byName.keySet()) + ")." + Suggestions.didYouMean(space.parent(), byName.keySet())
          + " A parent is the name of another space under spaces:.");
    } else if (parent == space) {
      checks.add(space.origin().at("parent"), what + " names itself as its parent; name the space it sits in, or"
          + " remove parent:.");
    } else {
      parentOf.put(space, parent);
    }
  }

  private void findCycles() {
    Set<Space> done = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Space start : spaces) {
      List<Space> chain = new ArrayList<>();
      Space current = start;
      while (current != null && !done.contains(current) && !chain.contains(current)) {
        chain.add(current);
        current = parentOf.get(current);
      }
      if (current != null && chain.contains(current)) {
        List<Space> cycle = chain.subList(chain.indexOf(current), chain.size());
        onCycle.addAll(cycle);
        Space first = cycle.stream().min((a, b) -> a.origin().mark().compareTo(b.origin().mark())).orElseThrow();
        List<String> names = new ArrayList<>();
        Space step = first;
        do {
          names.add(step.name());
          step = parentOf.get(step);
        } while (step != first);
        names.add(first.name());
        checks.add(first.origin().at("parent"), "spaces " + String.join(", ", cycle.stream().map(s -> "'"
            + s.name() + "'").sorted().toList()) + " are each other's parents (" + String.join(" -> ", names)
            + "); every chain of parent: must end at a space without one, such as root. Fix the parent: of one of"
            + " them.");
      }
      done.addAll(chain);
    }
  }

  /**
   * A space's path continues the path of its nearest ancestor that has one: that path, then one more segment per
   * level between them. So a subtree means the same under a template with {@code {spacePath}} (by path) as under one
   * without (by parents).
   */
  private void checkPath(Space space) {
    if (space.path() == null || onCycle.contains(space)) {
      return;
    }
    int levels = 0;
    Space ancestor = parentOf.get(space);
    while (ancestor != null) {
      levels++;
      if (ancestor.path() != null) {
        break;
      }
      ancestor = parentOf.get(ancestor);
    }
    if (ancestor == null) {
      return;
    }
    String prefix = ancestor.path() + "/";
    String rest = space.path().startsWith(prefix) ? space.path().substring(prefix.length()) : null;
    boolean fits = rest != null && rest.split("/", -1).length == levels
        && java.util.Arrays.stream(rest.split("/", -1)).noneMatch(String::isEmpty);
    if (!fits) {
      String relation = levels == 1 ? "its parent '" + ancestor.name() + "'"
          : "its ancestor '" + ancestor.name() + "' (" + levels + " levels up, the nearest with a path)";
      String expected = levels == 1 ? prefix + "<segment>" : prefix + String.join("/",
          Collections.nCopies(levels, "<segment>"));
      checks.add(space.origin().at("path"), "space '" + space.name() + "' has path '" + space.path() + "', but "
          + relation + " has path '" + ancestor.path() + "', so its path must be " + expected + "; fix the path or"
          + " the parent:.");
    }
  }

  /** The spaces below {@code top} by their parents, in YAML order; empty for a space on a cycle. */
  List<Space> descendants(Space top) {
    List<Space> below = new ArrayList<>();
    if (onCycle.contains(top)) {
      return below;
    }
    for (Space space : spaces) {
      if (space != top && isBelow(space, top)) {
        below.add(space);
      }
    }
    return below;
  }

  private boolean isBelow(Space space, Space top) {
    Set<Space> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Space up = parentOf.get(space); up != null && seen.add(up); up = parentOf.get(up)) {
      if (up == top) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reports each declared space whose path lies below {@code top}'s path although its parents do not lead to
   * {@code top}: under a template with {@code {spacePath}} the subtree would cover it, under one without it would not.
   */
  void checkSubtreePaths(Space top, String what) {
    if (top.path() == null) {
      return;
    }
    Map<String, Space> byPath = new LinkedHashMap<>();
    for (Space space : spaces) {
      if (space.path() != null) {
        byPath.putIfAbsent(space.path(), space);
      }
    }
    for (Space space : spaces) {
      if (space == top || space.path() == null || !space.path().startsWith(top.path() + "/")
          || isBelow(space, top) || onCycle.contains(space) || !reportedOutside.add(space)) {
        continue;
      }
      String parentPath = space.path().substring(0, space.path().lastIndexOf('/'));
      Space expected = byPath.getOrDefault(parentPath, top);
      checks.add(space.origin().at(space.parent() == null ? "name" : "parent"), "space '" + space.name()
          + "' has path '" + space.path() + "', below space '" + top.name() + "' (" + top.path() + "), whose"
          + " subspaces " + what + " trusts, but " + (space.parent() == null ? "it names no parent"
          : "its parent: does not lead to '" + top.name() + "'") + "; add parent: " + expected.name()
          + ", so that the rule covers it under every subject template.");
    }
  }
}
