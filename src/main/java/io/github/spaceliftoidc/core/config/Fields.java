package io.github.spaceliftoidc.core.config;

import io.github.spaceliftoidc.core.model.Origin;
import io.github.spaceliftoidc.core.problem.Mark;
import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.problem.Suggestions;
import io.github.spaceliftoidc.core.yaml.YNode;
import io.github.spaceliftoidc.core.yaml.YNode.Entry;
import io.github.spaceliftoidc.core.yaml.YNode.ScalarType;
import io.github.spaceliftoidc.core.yaml.YNode.YMap;
import io.github.spaceliftoidc.core.yaml.YNode.YScalar;
import io.github.spaceliftoidc.core.yaml.YNode.YSeq;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed access to one YAML map, reporting wrong types, missing keys and unknown keys as located problems. A getter
 * that finds a problem reports it and returns null (or the default), so that binding goes on and every problem of
 * the file is found in one run.
 */
final class Fields {

  /** The YAML 1.2 core schema's integers and floats, which Jackson's YAML 1.1 rules type differently at the edges. */
  private static final Pattern YAML_12_NUMBER = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
      + "|[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  private static final Pattern YAML_12_BOOLEAN = Pattern.compile("true|True|TRUE|false|False|FALSE");

  /** Suffix of the origin key of a map entry's value, as opposed to the entry's key. */
  static final String VALUE_SUFFIX = "=";

  private final YMap map;
  private final Mark mark;
  private final String what;
  private final Problems problems;
  private final Map<String, Mark> valueMarks = new HashMap<>();
  /** Keys that an unknown key's "did you mean" already points at: reporting them as missing too would repeat it. */
  private final Set<String> suggested = new HashSet<>();
  private final boolean isMap;

  /**
   * @param node the node that should be a map
   * @param what how messages name the object, e.g. "account 'production'"
   * @param allowed the keys it accepts
   */
  Fields(YNode node, String what, List<String> allowed, Problems problems) {
    this.what = what;
    this.problems = problems;
    this.mark = node.mark();
    this.isMap = node instanceof YMap;
    if (node instanceof YMap yMap) {
      this.map = yMap;
      for (Entry entry : yMap.entries().values()) {
        valueMarks.put(entry.key(), entry.value().mark());
        if (!allowed.contains(entry.key())) {
          Suggestions.closest(entry.key(), allowed).ifPresent(suggested::add);
          problems.add(entry.keyMark(), "unknown key '" + entry.key() + "' in " + what + "."
              + Suggestions.didYouMean(entry.key(), allowed) + " Allowed keys: " + String.join(", ", allowed) + ".");
        }
      }
    } else {
      this.map = new YMap(Map.of(), node.mark());
      problems.add(node.mark(), what + " must be a map of keys, found " + describe(node) + "; "
          + (isNull(node) ? "fill in the item or remove the empty '-' line."
              : "write its settings as indented key: value lines, e.g. " + allowed.get(0) + ": ..."));
    }
  }

  /** Where this object and its values were written. */
  Origin origin() {
    return new Origin(mark, valueMarks);
  }

  Mark mark() {
    return mark;
  }

  /** How messages name this object, e.g. "stack 'infra'". */
  String what() {
    return what;
  }

  /** Records the position of a part of a value, e.g. {@code "managedPolicies[2]"}, for later checks. */
  void remember(String part, Mark partMark) {
    valueMarks.put(part, partMark);
  }

  /** Reads a list of scalars and remembers each item's position as {@code key[i]}. */
  List<String> indexedStrings(String key) {
    List<Located> located = optionalLocatedStrings(key);
    for (int i = 0; i < located.size(); i++) {
      remember(key + "[" + i + "]", located.get(i).mark());
    }
    return located.stream().map(Located::value).toList();
  }

  /**
   * Whether a missing {@code key} is already explained by another problem: this node is not a map at all, or an
   * unknown key of it looks like a misspelling of {@code key}.
   */
  boolean missingIsExplained(String key) {
    return !isMap || suggested.contains(key);
  }

  boolean has(String key) {
    YNode value = map.get(key);
    return value != null && !isNull(value);
  }

  /** The value as written, null included; null only when the key is absent. */
  YNode rawOrNull(String key) {
    return map.get(key);
  }

  YNode raw(String key) {
    YNode value = map.get(key);
    return value == null || isNull(value) ? null : value;
  }

  /** A required scalar, as text; {@code hint} explains what belongs there. */
  String requiredString(String key, String hint) {
    YNode value = map.get(key);
    if (value == null || isNull(value)) {
      if (!missingIsExplained(key)) {
        problems.add(value == null ? mark : value.mark(), what + (value == null ? " is missing the required key '"
            : " has an empty value for the required key '") + key + "' (" + hint + ").");
      }
      return null;
    }
    return scalarText(key, value);
  }

  String optionalString(String key, String defaultValue) {
    YNode value = map.get(key);
    if (value == null || emptyValue(key, value)) {
      return defaultValue;
    }
    String text = scalarText(key, value);
    return text == null ? defaultValue : text;
  }

  /**
   * An integer written as a plain YAML number; a quoted "3600" is a mistake worth reporting.
   *
   * @param example a typical value, for the message
   */
  Integer optionalInteger(String key, int example) {
    YNode value = map.get(key);
    if (value == null || emptyValue(key, value)) {
      return null;
    }
    if (value instanceof YScalar scalar && scalar.type() == ScalarType.INTEGER) {
      try {
        return Integer.valueOf(scalar.text().replace("_", ""));
      } catch (NumberFormatException e) {
        problems.add(value.mark(), "'" + key + "' of " + what + " is out of range: " + scalar.text()
            + "; write a number such as " + key + ": " + example + ".");
        return null;
      }
    }
    problems.add(value.mark(), "'" + key + "' of " + what + " must be a whole number, found " + describe(value)
        + "; write it without quotes, e.g. " + key + ": " + example + ".");
    return null;
  }

  boolean optionalBoolean(String key, boolean defaultValue) {
    YNode value = map.get(key);
    if (value == null || emptyValue(key, value)) {
      return defaultValue;
    }
    if (value instanceof YScalar scalar && scalar.type() == ScalarType.BOOLEAN) {
      return Boolean.parseBoolean(scalar.text().toLowerCase(java.util.Locale.ROOT));
    }
    problems.add(value.mark(), "'" + key + "' of " + what + " must be true or false, found " + describe(value)
        + "; write true or false without quotes.");
    return defaultValue;
  }

  /** A boolean whose absence means something of its own (a default that depends on other settings): null then. */
  Boolean optionalBooleanOrNull(String key) {
    YNode value = map.get(key);
    return value == null ? null : optionalBoolean(key, false);
  }

  /** A list of scalars with the position of each, for values that are checked one by one later. */
  List<Located> optionalLocatedStrings(String key) {
    YNode value = map.get(key);
    if (value == null || emptyValue(key, value) || emptyCollection(key, value)) {
      return List.of();
    }
    if (!(value instanceof YSeq seq)) {
      problems.add(value.mark(), "'" + key + "' of " + what + " must be a list, found " + describe(value)
          + "; write it as [a, b] or as lines starting with '- '.");
      return List.of();
    }
    List<Located> located = new ArrayList<>();
    for (YNode item : seq.items()) {
      String text = scalarText(key, item);
      if (text != null) {
        located.add(new Located(text, item.mark()));
      }
    }
    return located;
  }

  /** A string, or a list of strings, as a list. */
  List<Located> stringOrStrings(String key) {
    YNode value = map.get(key);
    if (value instanceof YScalar scalar && scalar.type() != ScalarType.NULL) {
      String text = scalarText(key, scalar);
      return text == null ? List.of() : List.of(new Located(text, scalar.mark()));
    }
    return optionalLocatedStrings(key);
  }

  /**
   * A map of scalar to scalar, such as tags, in the order written. The origin knows each entry's key as
   * {@code key.entry} and its value as {@code key.entry} + {@link #VALUE_SUFFIX}.
   */
  Map<String, String> optionalStringMap(String key) {
    YNode value = map.get(key);
    if (value == null || emptyValue(key, value) || emptyCollection(key, value)) {
      return Map.of();
    }
    if (!(value instanceof YMap valueMap)) {
      problems.add(value.mark(), "'" + key + "' of " + what + " must be a map, found " + describe(value)
          + "; write it as {team: platform} or as indented key: value lines.");
      return Map.of();
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Entry entry : valueMap.entries().values()) {
      // Tag values are free text, and IAM takes a tag such as {enabled: true} as the text it is.
      String text = scalarText(key + "." + entry.key(), entry.value(), true);
      if (text != null) {
        result.put(entry.key(), text);
        remember(key + "." + entry.key(), entry.keyMark());
        remember(key + "." + entry.key() + VALUE_SUFFIX, entry.value().mark());
      }
    }
    return result;
  }

  /** A list of maps, each bound by {@code binder}; items that are not maps are reported, and so is {@code []}. */
  <T> List<T> list(String key, Function<YNode, T> binder) {
    return list(key, binder, true, true);
  }

  /** {@link #list} for a required list, whose empty value the caller reports in its own words. */
  <T> List<T> requiredList(String key, Function<YNode, T> binder) {
    return list(key, binder, false, false);
  }

  /**
   * {@link #list} for a list that may be empty: a collection at the top of the file ({@code stacks: []}), which
   * says that an organisation has none yet.
   */
  <T> List<T> listOrNone(String key, Function<YNode, T> binder) {
    return list(key, binder, true, false);
  }

  private <T> List<T> list(String key, Function<YNode, T> binder, boolean reportNull, boolean reportEmpty) {
    YNode value = map.get(key);
    if (value == null || (reportNull ? emptyValue(key, value) : isNull(value))
        || reportEmpty && emptyCollection(key, value)) {
      return List.of();
    }
    if (!(value instanceof YSeq seq)) {
      problems.add(value.mark(), "'" + key + "' of " + what + " must be a list, found " + describe(value)
          + "; start each item with '- '.");
      return List.of();
    }
    List<T> items = new ArrayList<>();
    for (YNode item : seq.items()) {
      T bound = binder.apply(item);
      if (bound != null) {
        items.add(bound);
      }
    }
    return items;
  }

  /** A nested map, or null when absent. */
  YNode optionalMap(String key) {
    YNode value = map.get(key);
    if (value == null || emptyValue(key, value)) {
      return null;
    }
    if (!(value instanceof YMap)) {
      problems.add(value.mark(), "'" + key + "' of " + what + " must be a map, found " + describe(value)
          + "; write its settings as indented key: value lines.");
      return null;
    }
    return value;
  }

  /** Reports {@code key} when it is written without a value; true if so. */
  boolean reportIfEmpty(String key) {
    YNode value = map.get(key);
    return value != null && emptyValue(key, value);
  }

  /**
   * A key written without a value ({@code stack:} or {@code scopes: ~}) is reported rather than read as absent: for
   * keys that narrow a trust policy, absent means "any", and a half-written line must not widen what a role trusts.
   */
  private boolean emptyValue(String key, YNode value) {
    if (!isNull(value)) {
      return false;
    }
    problems.add(value.mark(), "'" + key + "' of " + what + " has no value; write one, or remove the line to use"
        + " the default.");
    return true;
  }

  /**
   * An empty list or map ({@code audiences: []}, {@code tags: {}}) is reported like a key without a value: it never
   * means its default (the hostname as the audience, any run type), and a half-written line must not look like a
   * decision. Remove the key for the default.
   */
  private boolean emptyCollection(String key, YNode value) {
    boolean emptyList = value instanceof YSeq seq && seq.items().isEmpty();
    boolean emptyMap = value instanceof YMap valueMap && valueMap.entries().isEmpty();
    if (!emptyList && !emptyMap) {
      return false;
    }
    problems.add(value.mark(), "'" + key + "' of " + what + " is an empty " + (emptyList ? "list" : "map")
        + "; remove the key to use its default, or " + (emptyList ? "list at least one value." : "add an entry."));
    return true;
  }

  private String scalarText(String key, YNode value) {
    return scalarText(key, value, false);
  }

  /**
   * A scalar's text. A value that YAML itself reads as a number or a boolean ({@code id: 123456789012},
   * {@code version: 1.10}) is reported unless {@code anyScalar}: an editor, the JSON Schema and every other YAML tool
   * would read something else than its text (no leading zeros, 1.1), so the plugin asks for the quotes that make the
   * reading the same everywhere.
   */
  private String scalarText(String key, YNode value, boolean anyScalar) {
    if (value instanceof YScalar scalar && scalar.type() != ScalarType.NULL) {
      String reading = anyScalar ? null : nonTextReading(scalar);
      if (reading != null) {
        problems.add(value.mark(), "'" + key + "' of " + what + " must be text, but YAML reads the unquoted "
            + scalar.text() + " as " + reading + "; write it in quotes: \"" + scalar.text() + "\".");
        return null;
      }
      return scalar.text();
    }
    problems.add(value.mark(), "'" + key + "' of " + what + " must be a single value, found " + describe(value)
        + "; write it on one line, e.g. " + key + ": <value>.");
    return null;
  }

  /**
   * What a YAML 1.2 reader (the core schema: editors, the JSON Schema, yq) takes the scalar for when that is not a
   * string, or null. A plain scalar is typed by its text; a quoted one is a string; a tagged one is what its tag says.
   */
  static String nonTextReading(YScalar scalar) {
    if (scalar.plain()) {
      if (YAML_12_NUMBER.matcher(scalar.text()).matches()) {
        return "a number";
      }
      return YAML_12_BOOLEAN.matcher(scalar.text()).matches() ? "a boolean" : null;
    }
    return switch (scalar.type()) {
      case INTEGER, DECIMAL -> "a number";
      case BOOLEAN -> "a boolean";
      default -> null;
    };
  }

  static boolean isNull(YNode node) {
    return node instanceof YScalar scalar && scalar.type() == ScalarType.NULL;
  }

  static String describe(YNode node) {
    if (node instanceof YScalar scalar && scalar.type() != ScalarType.NULL) {
      return scalar.kindName() + " \"" + scalar.text() + "\"";
    }
    return node.kindName();
  }

  /** A value with its position. */
  record Located(String value, Mark mark) {}
}
