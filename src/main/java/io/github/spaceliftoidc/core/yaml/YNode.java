package io.github.spaceliftoidc.core.yaml;

import io.github.spaceliftoidc.core.problem.Mark;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A node of a YAML or JSON document, with the position it started at. */
public sealed interface YNode permits YNode.YMap, YNode.YSeq, YNode.YScalar {

  Mark mark();

  /** What the user would call this kind of node, for "expected a map, found a list". */
  String kindName();

  /** A map entry: the key keeps its own position so that "unknown key" points at the key. */
  record Entry(String key, Mark keyMark, YNode value) {}

  /** A mapping, in document order; keys are unique (duplicates are reported while reading). */
  record YMap(Map<String, Entry> entries, Mark mark) implements YNode {
    public YMap {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public YNode get(String key) {
      Entry entry = entries.get(key);
      return entry == null ? null : entry.value();
    }

    @Override
    public String kindName() {
      return "a map";
    }
  }

  /** A sequence. */
  record YSeq(List<YNode> items, Mark mark) implements YNode {
    public YSeq {
      items = List.copyOf(items);
    }

    @Override
    public String kindName() {
      return "a list";
    }
  }

  /**
   * A scalar. {@code text} is the scalar exactly as written; {@code type} says what YAML resolved it to;
   * {@code plain} whether it was written without quotes (YAML tools then type it by its text: an unquoted
   * {@code 012345678901} is a number to a YAML 1.2 reader).
   */
  record YScalar(String text, ScalarType type, Mark mark, boolean plain) implements YNode {

    /** A scalar that was not written as a plain YAML scalar (quoted, or from JSON). */
    public YScalar(String text, ScalarType type, Mark mark) {
      this(text, type, mark, false);
    }

    @Override
    public String kindName() {
      return switch (type) {
        case NULL -> "an empty value";
        case BOOLEAN -> "a boolean";
        case INTEGER -> "a number";
        case DECIMAL -> "a decimal number";
        case STRING -> "a string";
      };
    }
  }

  /** What a scalar resolved to. */
  enum ScalarType {
    STRING,
    INTEGER,
    DECIMAL,
    BOOLEAN,
    NULL
  }
}
