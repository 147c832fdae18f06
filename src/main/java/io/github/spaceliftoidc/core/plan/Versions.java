package io.github.spaceliftoidc.core.plan;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Terraform-style versions and version constraints, as far as the plugin needs them. */
final class Versions {

  private Versions() {}

  /** The first Terraform/OpenTofu whose S3 backend can assume a role with a web identity token. */
  static final Version OIDC_BACKEND = new Version(1, 6, 0, false);
  /** The first AWS provider in which thumbprint_list is optional. */
  static final Version OPTIONAL_THUMBPRINTS = new Version(5, 81, 0, false);

  private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(-[0-9A-Za-z.-]+)?");
  private static final Pattern CLAUSE = Pattern.compile("\\s*(=|!=|>=|<=|>|<|~>)?\\s*(\\S+)\\s*");

  /** A version; a pre-release sorts before its release. */
  record Version(int major, int minor, int patch, boolean preRelease) implements Comparable<Version> {
    @Override
    public int compareTo(Version o) {
      if (major != o.major) {
        return Integer.compare(major, o.major);
      }
      if (minor != o.minor) {
        return Integer.compare(minor, o.minor);
      }
      if (patch != o.patch) {
        return Integer.compare(patch, o.patch);
      }
      return Boolean.compare(!preRelease, !o.preRelease);
    }

    Version next(int segment) {
      return segment == 0 ? new Version(major + 1, 0, 0, false) : new Version(major, minor + 1, 0, false);
    }
  }

  static Optional<Version> parse(String text) {
    Matcher m = VERSION.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), m.group(4) != null));
  }

  /**
   * Whether the constraint admits some version at or above {@code floor}; empty when the constraint cannot be read.
   * Every clause narrows an interval, as Terraform ANDs the comma-separated clauses.
   */
  static Optional<Boolean> admitsAtLeast(String constraint, Version floor) {
    Version low = floor;
    boolean lowInclusive = true;
    Version high = null;
    boolean highInclusive = false;
    for (String part : constraint.split(",", -1)) {
      Matcher m = CLAUSE.matcher(part);
      if (!m.matches()) {
        return Optional.empty();
      }
      String op = m.group(1) == null ? "=" : m.group(1);
      Optional<Version> parsed = parse(m.group(2));
      if (parsed.isEmpty()) {
        return Optional.empty();
      }
      Version v = parsed.get();
      switch (op) {
        case "=" -> {
          if (v.compareTo(low) < 0 || (v.compareTo(low) == 0 && !lowInclusive)) {
            return Optional.of(false);
          }
          low = v;
          lowInclusive = true;
          high = high == null || v.compareTo(high) < 0 ? v : high;
          highInclusive = true;
        }
        case ">", ">=" -> {
          if (v.compareTo(low) > 0 || (v.compareTo(low) == 0 && op.equals(">"))) {
            low = v;
            lowInclusive = op.equals(">=");
          }
        }
        case "<", "<=" -> {
          if (high == null || v.compareTo(high) < 0 || (v.compareTo(high) == 0 && op.equals("<"))) {
            high = v;
            highInclusive = op.equals("<=");
          }
        }
        case "~>" -> {
          // ~> 5.2 allows 5.x from 5.2; ~> 5.2.1 allows 5.2.x from 5.2.1.
          boolean threeParts = m.group(2).trim().split("\\.").length >= 3;
          if (v.compareTo(low) > 0) {
            low = v;
            lowInclusive = true;
          }
          Version upper = v.next(threeParts ? 1 : 0);
          if (high == null || upper.compareTo(high) < 0) {
            high = upper;
            highInclusive = false;
          }
        }
        default -> {
          // != cannot empty an interval of versions
        }
      }
    }
    if (high == null) {
      return Optional.of(true);
    }
    int cmp = low.compareTo(high);
    return Optional.of(cmp < 0 || (cmp == 0 && lowInclusive && highInclusive));
  }
}
