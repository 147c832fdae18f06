package io.github.spaceliftoidc.core.plan;

import io.github.spaceliftoidc.core.trust.JsonText;
import java.util.List;

/**
 * The inline policy that the IAM module gives a role for the S3 state of the stacks whose backend uses its
 * credentials: each stack's state object, lock and KMS key, never a whole bucket.
 *
 * @param name the policy's IAM name
 * @param resourceName its Terraform resource name, unique in its module
 * @param stacks the ids of the stacks whose state it covers, in YAML order
 * @param statements its statements, in a stable order
 */
public record StatePolicyPlan(String name, String resourceName, List<String> stacks, List<Statement> statements) {

  /** The IAM name of every generated state policy; a role's own inline policy may not take it. */
  public static final String NAME = "spacelift-oidc-state";

  public StatePolicyPlan {
    stacks = List.copyOf(stacks);
    statements = List.copyOf(statements);
  }

  /**
   * One {@code Allow} statement.
   *
   * @param sid its id: letters and digits
   * @param conditions at most one per operator
   */
  public record Statement(String sid, List<String> actions, List<String> resources, List<Condition> conditions) {
    public Statement {
      actions = List.copyOf(actions);
      resources = List.copyOf(resources);
      conditions = List.copyOf(conditions);
    }

    /** The statement as {@code jsonencode} writes it (keys sorted). */
    void json(StringBuilder out) {
      out.append("{\"Action\":");
      JsonText.array(actions, out);
      if (!conditions.isEmpty()) {
        out.append(",\"Condition\":{");
        for (int i = 0; i < conditions.size(); i++) {
          Condition condition = conditions.get(i);
          out.append(i > 0 ? "," : "");
          JsonText.quote(condition.test(), out);
          out.append(":{");
          JsonText.quote(condition.key(), out);
          out.append(':');
          JsonText.array(condition.values(), out);
          out.append('}');
        }
        out.append('}');
      }
      out.append(",\"Effect\":\"Allow\"");
      out.append(",\"Resource\":");
      JsonText.array(resources, out);
      out.append(",\"Sid\":");
      JsonText.quote(sid, out);
      out.append('}');
    }
  }

  /**
   * A condition of a statement: {@code {test: {key: values}}}.
   *
   * @param test the operator, such as {@code StringEquals} or {@code ForAllValues:StringLike}
   */
  public record Condition(String test, String key, List<String> values) {
    public Condition {
      values = List.copyOf(values);
    }
  }

  /** The document as Terraform's {@code jsonencode} writes it: what IAM stores and counts. */
  public String json() {
    StringBuilder out = new StringBuilder(256 * statements.size());
    out.append("{\"Statement\":[");
    for (int i = 0; i < statements.size(); i++) {
      out.append(i > 0 ? "," : "");
      statements.get(i).json(out);
    }
    out.append("],\"Version\":\"2012-10-17\"}");
    return out.toString();
  }

  /** The size IAM counts against a role's inline policies: characters other than whitespace. */
  public int size() {
    return JsonText.nonWhitespaceLength(json());
  }
}
