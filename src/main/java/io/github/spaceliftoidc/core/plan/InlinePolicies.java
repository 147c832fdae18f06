package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.model.Config;
import io.github.spaceliftoidc.core.model.InlinePolicy;
import io.github.spaceliftoidc.core.model.Origin;
import io.github.spaceliftoidc.core.model.Role;
import io.github.spaceliftoidc.core.plan.RolePlan.InlinePolicyPlan;
import io.github.spaceliftoidc.core.problem.FileKinds;
import io.github.spaceliftoidc.core.problem.Mark;
import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.trust.JsonText;
import io.github.spaceliftoidc.core.yaml.TreeReader;
import io.github.spaceliftoidc.core.yaml.YNode;
import io.github.spaceliftoidc.core.yaml.YNode.YMap;
import io.github.spaceliftoidc.core.yaml.YNode.YScalar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The inline policies of the roles: their documents, read from the JSON files next to the YAML or from the YAML
 * itself, checked and sized as IAM counts them. Remembers the files it read, which the fingerprint covers.
 */
final class InlinePolicies {

  private static final String EXAMPLE = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", ...}]}";
  /** The fixes for a policy file that is empty or huge: the reader states only the fact. */
  private static final TreeReader.FileAdvice POLICY_FILE = new TreeReader.FileAdvice("", "",
      String.format(Locale.ROOT, "; a role's inline policies hold at most %,d characters, so check that this is"
          + " the right file", Rules.INLINE_POLICIES_TOTAL_MAX),
      "; write the IAM policy document into it, e.g. " + EXAMPLE);

  private final Config config;
  private final TreeReader reader;
  private final Checks checks;
  private final List<Path> inputFiles = new ArrayList<>();

  InlinePolicies(Config config, TreeReader reader, Checks checks) {
    this.config = config;
    this.reader = reader;
    this.checks = checks;
  }

  /** The size IAM counts for a planned inline policy: its JSON without whitespace. */
  static int size(InlinePolicyPlan policy) {
    StringBuilder json = new StringBuilder();
    JsonText.write(policy.document(), json);
    return JsonText.nonWhitespaceLength(json.toString());
  }

  /** The policy files read so far, in the order the YAML names them. */
  List<Path> inputFiles() {
    return List.copyOf(inputFiles);
  }

  /**
   * Plans the inline policies of {@code role}.
   *
   * @param what the role, for messages
   * @param roleResourceName the role's Terraform name, which its policies' names start with
   * @param names the Terraform names of the role's account
   */
  List<InlinePolicyPlan> plan(Role role, String what, String roleResourceName, ResourceNames names) {
    List<InlinePolicyPlan> plans = new ArrayList<>();
    Set<String> policyNames = new HashSet<>();
    int total = 0;
    for (InlinePolicy policy : role.inlinePolicies()) {
      Origin po = policy.origin();
      if (policy.name() == null) {
        continue;
      }
      checks.check(Rules.policyName(policy.name()), po.at("name"), what + ": inline policy '" + policy.name() + "'");
      if (!policyNames.add(policy.name())) {
        checks.add(po.at("name"), what + " has two inline policies named '" + policy.name() + "'; rename one.");
      }
      YNode document = document(policy, what);
      if (document == null) {
        continue;
      }
      InlinePolicyPlan plan = new InlinePolicyPlan(policy.name(), names.inlinePolicy(roleResourceName, policy.name()),
          document);
      total += size(plan);
      plans.add(plan);
    }
    if (total > Rules.INLINE_POLICIES_TOTAL_MAX) {
      checks.add(role.origin().at("inlinePolicies"), String.format(Locale.ROOT, "%s: its inline policies add up"
          + " to %,d characters (not counting whitespace), over IAM's limit of %,d per role; move some statements"
          + " into a customer-managed policy and list it under managedPolicies.", what, total,
          Rules.INLINE_POLICIES_TOTAL_MAX));
    }
    return plans;
  }

  /** The policy's document, from its file, its JSON string or its YAML; null when it has problems (reported). */
  private YNode document(InlinePolicy policy, String what) {
    String label = what + ": inline policy '" + policy.name() + "'";
    YNode document;
    if (policy.file() != null) {
      document = readFile(policy, label);
    } else if (policy.document() instanceof YScalar scalar) {
      Problems local = new Problems();
      document = reader.readString(scalar.text(), config.displayName(), TreeReader.Format.JSON, local).orElse(null);
      if (document == null) {
        Mark inString = local.sorted().get(0).mark();
        checks.add(scalar.mark(), label + ": its document string is not valid JSON at line " + inString.line()
            + ", column " + inString.column() + " of the string: " + local.sorted().get(0).message()
            + ". Or write the document as YAML keys instead of a string.");
      }
    } else {
      document = policy.document();
    }
    if (document == null) {
      return null;
    }
    if (!(document instanceof YMap map) || map.get("Statement") == null) {
      checks.add(document.mark(), label + " is not an IAM policy: it needs a top-level map with a \"Statement\""
          + " list, e.g. " + EXAMPLE + ".");
      return null;
    }
    return document;
  }

  /**
   * A policy file's document. The file must be a regular file inside the YAML file's directory, by its real path:
   * a YAML, perhaps from a pull request, must not pull {@code /etc/passwd}, a link to a secret or a FIFO into the
   * output or the log. A refused file is never opened, so nothing of it is echoed.
   */
  private YNode readFile(InlinePolicy policy, String label) {
    Path base = config.file().toAbsolutePath().getParent();
    String written = policy.file();
    Mark at = policy.origin().at("file");
    String refused = label + " reads '" + written + "', ";
    String rule = "; policy files are read only from the YAML file's directory and below it (by their real path, so"
        + " also not through a link that leads out), so that a YAML cannot pull other files into the output. Copy"
        + " the policy there and write its path relative to the YAML file.";
    if (written.startsWith("/") || written.startsWith("\\") || written.matches("[A-Za-z]:.*")) {
      checks.add(at, refused + "an absolute path" + rule);
      return null;
    }
    Path file = base.resolve(written).normalize();
    if (!file.startsWith(base)) {
      checks.add(at, refused + "which leads out of the YAML file's directory" + rule);
      return null;
    }
    BasicFileAttributes attributes;
    Path real;
    Path realBase;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
      real = file.toRealPath();
      realBase = base.toRealPath();
    } catch (NoSuchFileException e) {
      checks.add(at, refused + "which does not exist (looked for " + file + "); paths are relative to the YAML"
          + " file's directory.");
      return null;
    } catch (IOException e) {
      checks.add(at, refused + "which cannot be read (" + e.getClass().getSimpleName() + "); check that it is a"
          + " readable file.");
      return null;
    }
    if (!real.startsWith(realBase)) {
      checks.add(at, refused + "a symbolic link that leads out of the YAML file's directory, to " + real + rule);
      return null;
    }
    if (!attributes.isRegularFile()) {
      checks.add(at, refused + "which is " + FileKinds.describe(file, attributes) + ", not a regular file; point"
          + " file: at a JSON policy document.");
      return null;
    }
    inputFiles.add(file);
    Problems local = new Problems();
    YNode document = reader.read(file, displayPath(policy.file()), TreeReader.Format.JSON, POLICY_FILE, local)
        .orElse(null);
    // The position is in the JSON file; the message also says which policy of the YAML reads it.
    Mark reference = policy.origin().at("file");
    local.sorted().forEach(problem -> checks.add(problem.mark(), label + " (file: at " + reference.file() + ":"
        + reference.line() + "): " + problem.message()));
    return document;
  }

  /** A policy file as messages show it: next to the YAML as the YAML is shown. */
  private String displayPath(String relative) {
    String displayDir = config.displayName().contains("/")
        ? config.displayName().substring(0, config.displayName().lastIndexOf('/') + 1) : "";
    return Rules.normalizeDirectory(displayDir + relative);
  }
}
