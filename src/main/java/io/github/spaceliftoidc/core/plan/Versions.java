package io.github.spaceliftoidc.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Terraform-style versions and version constraints, as far as the plugin needs them. */
final class Versions {

  private Versions() {}

  /** The first Terraform/OpenTofu whose S3 backend can assume a role with a web identity token. */
  static final Version OIDC_BACKEND = new Version(1, 6, 0, false);
  /** The oldest Terraform the generated code supports; the IAM modules' {@code required_version} admits it. */
  static final Version OLDEST_SUPPORTED = new Version(1, 0, 0, false);
  /** The IAM modules' {@code required_version}: every supported Terraform and OpenTofu. */
  static final String REQUIRED_VERSION = ">= 1.0";
  /** The first OpenTofu release; there is no OpenTofu before it. */
  static final Version FIRST_OPENTOFU = new Version(1, 6, 0, false);
  /** The first Terraform with {@code terraform.applying}, which tells the provider the apply phase from the plan. */
  static final Version PHASES_TERRAFORM = new Version(1, 10, 0, false);
  /** The first OpenTofu with {@code terraform.applying} (and {@code tofu.applying}). */
  static final Version PHASES_OPENTOFU = new Version(1, 11, 0, false);
  /** The first Terraform and OpenTofu whose S3 backend has {@code use_lockfile}. */
  static final Version LOCKFILE = new Version(1, 10, 0, false);
  /** The first Terraform in which S3-native locking is generally available and {@code dynamodb_table} deprecated. */
  static final Version LOCKFILE_GA_TERRAFORM = new Version(1, 11, 0, false);
  /** The first AWS provider in which thumbprint_list is optional. */
  static final Version OPTIONAL_THUMBPRINTS = new Version(5, 81, 0, false);

  private static final Pattern VERSION = Pattern.compile("v?(\\d{1,9})\\.(\\d{1,9})(?:\\.(\\d{1,9}))?(-[0-9A-Za-z.-]+)?");
  // In constraints, Terraform also accepts a bare major version: ">= 5", "~> 5".
  private static final Pattern CONSTRAINT_VERSION =
      Pattern.compile("v?(\\d{1,9})(?:\\.(\\d{1,9})(?:\\.(\\d{1,9}))?)?(-[0-9A-Za-z.-]+)?");
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

    /** The release itself, for a pre-release; the release after it otherwise. */
    Version nextRelease() {
      return preRelease ? new Version(major, minor, patch, false) : new Version(major, minor, patch + 1, false);
    }

    private Version bump(int segment) {
      return segment == 0 ? new Version(major + 1, 0, 0, false) : new Version(major, minor + 1, 0, false);
    }

    private Version release() {
      return new Version(major, minor, patch, false);
    }
  }

  /** A version as the YAML's {@code terraform.version} states it: at least major.minor, e.g. 1.5.7 or 1.6. */
  static Optional<Version> parse(String text) {
    Matcher m = VERSION.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), m.group(4) != null));
  }

  /**
   * The versions a constraint admits: an interval (Terraform ANDs the comma-separated clauses, and each clause
   * narrows it) minus the versions excluded with {@code !=}. A null bound is open.
   */
  private record Range(Version low, boolean lowInclusive, Version high, boolean highInclusive,
      List<Version> excluded) {

    boolean contains(Version v) {
      int lowCmp = low == null ? 1 : v.compareTo(low);
      int highCmp = high == null ? -1 : v.compareTo(high);
      return (lowCmp > 0 || (lowCmp == 0 && lowInclusive)) && (highCmp < 0 || (highCmp == 0 && highInclusive))
          && !excluded.contains(v);
    }

    Range atLeast(Version v, boolean inclusive) {
      int cmp = low == null ? 1 : v.compareTo(low);
      if (cmp > 0 || (cmp == 0 && !inclusive)) {
        return new Range(v, inclusive, high, highInclusive, excluded);
      }
      return this;
    }

    Range atMost(Version v, boolean inclusive) {
      int cmp = high == null ? -1 : v.compareTo(high);
      if (cmp < 0 || (cmp == 0 && !inclusive)) {
        return new Range(low, lowInclusive, v, inclusive, excluded);
      }
      return this;
    }

    Range without(Version v) {
      List<Version> more = new ArrayList<>(excluded);
      more.add(v);
      return new Range(low, lowInclusive, high, highInclusive, more);
    }

    /** Whether it holds a release: Terraform picks pre-releases only when a constraint names them exactly. */
    boolean hasRelease() {
      Version candidate = low == null ? new Version(0, 0, 0, false)
          : low.preRelease() || lowInclusive ? low.release() : low.nextRelease();
      for (int i = 0; i <= excluded.size(); i++) {
        if (contains(candidate)) {
          return true;
        }
        if (!excluded.contains(candidate)) {
          return false; // outside the interval, and every later release is too
        }
        candidate = candidate.nextRelease();
      }
      return false;
    }
  }

  private static Optional<Range> range(String constraint) {
    Range range = new Range(null, true, null, true, List.of());
    for (String part : constraint.split(",", -1)) {
      Matcher m = CLAUSE.matcher(part);
      if (!m.matches()) {
        return Optional.empty();
      }
      Matcher v = CONSTRAINT_VERSION.matcher(m.group(2));
      if (!v.matches()) {
        return Optional.empty();
      }
      int segments = v.group(3) != null ? 3 : v.group(2) != null ? 2 : 1;
      Version version = new Version(Integer.parseInt(v.group(1)),
          v.group(2) == null ? 0 : Integer.parseInt(v.group(2)), v.group(3) == null ? 0 : Integer.parseInt(v.group(3)),
          v.group(4) != null);
      String op = m.group(1) == null ? "=" : m.group(1);
      range = switch (op) {
        case "=" -> range.atLeast(version, true).atMost(version, true);
        case "!=" -> range.without(version);
        case ">" -> range.atLeast(version, false);
        case ">=" -> range.atLeast(version, true);
        case "<" -> range.atMost(version, false);
        case "<=" -> range.atMost(version, true);
        // ~> 5 is >= 5; ~> 5.2 is >= 5.2, < 6.0; ~> 5.2.1 is >= 5.2.1, < 5.3.0: only the last part stated may grow.
        default -> segments == 1 ? range.atLeast(version, true)
            : range.atLeast(version, true).atMost(version.bump(segments == 2 ? 0 : 1), false);
      };
    }
    return Optional.of(range);
  }

  /**
   * Whether the constraint admits {@code version}; empty when the constraint cannot be read. Pre-releases compare by
   * order only: Terraform's stricter matching of pre-release versions is not modelled.
   */
  static Optional<Boolean> admits(String constraint, Version version) {
    return range(constraint).map(r -> r.contains(version));
  }

  /** Whether the constraint admits some release at or above {@code floor}; empty when it cannot be read. */
  static Optional<Boolean> admitsAtLeast(String constraint, Version floor) {
    return range(constraint).map(r -> r.atLeast(floor, true).hasRelease());
  }
}
