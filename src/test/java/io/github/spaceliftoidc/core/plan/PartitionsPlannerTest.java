package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.problem.Problem;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The AWS partition of an account: in every ARN, and the regions and policies that belong to it. */
class PartitionsPlannerTest extends SettingsFixture {

  private static final Pattern ARN = Pattern.compile("arn:([a-z-]+):");

  @ParameterizedTest(name = "{0}")
  @CsvSource({"aws, eu-west-1, eu-central-1", "aws-us-gov, us-gov-west-1, us-gov-east-1",
      "aws-cn, cn-north-1, cn-northwest-1"})
  void everyArnUsesTheAccountsPartition(String partition, String region, String otherRegion) throws IOException {
    Yaml yaml = Yaml.base().region(region).account("partition: " + partition)
        .role("""
            path: /spacelift/
            permissionsBoundary: PowerUserAccess
            managedPolicies: [ReadOnlyAccess, job-function/ViewOnlyAccess, "arn:%s:iam::123456789012:policy/own"]
            """.formatted(partition))
        .stack("aliases: [{name: other, region: " + otherRegion + "}]");
    GenerationPlan plan = plan(yaml);

    String prefix = "arn:" + partition + ":iam::";
    assertEquals(prefix + "123456789012:oidc-provider/demo.app.spacelift.io", plan.accounts().get(0).providerArn());
    assertTrue(role(plan, "spacelift-infra").trustPolicy().json()
        .contains("\"Federated\":\"" + prefix + "123456789012:oidc-provider/demo.app.spacelift.io\""));
    assertEquals(prefix + "123456789012:role/spacelift/spacelift-infra", role(plan, "spacelift-infra").arn());
    assertEquals(prefix + "123456789012:role/spacelift/spacelift-infra", plan.stacks().get(0).roleArn());
    assertEquals(prefix + "aws:policy/PowerUserAccess", role(plan, "spacelift-infra").permissionsBoundary());
    assertEquals(List.of(prefix + "123456789012:policy/own", prefix + "aws:policy/ReadOnlyAccess",
        prefix + "aws:policy/job-function/ViewOnlyAccess"), role(plan, "spacelift-infra").managedPolicies());

    Map<String, String> files = render(yaml);
    int arns = 0;
    for (Map.Entry<String, String> file : files.entrySet()) {
      Matcher m = ARN.matcher(file.getValue());
      while (m.find()) {
        assertEquals(partition, m.group(1), file.getKey() + " has an ARN in another partition");
        arns++;
      }
    }
    assertTrue(arns >= 7, "the files hold the role ARNs (comment, 2 providers), the boundary and 3 policies: " + arns);
  }

  @Test
  void aFullArnInAnotherPartitionIsAnError() throws IOException {
    Problem problem = only(problems(Yaml.base().region("us-gov-west-1").account("partition: aws-us-gov")
        .role("managedPolicies: [\"arn:aws:iam::aws:policy/ReadOnlyAccess\"]")));

    assertTrue(problem.message().contains("'arn:aws:iam::aws:policy/ReadOnlyAccess' is in partition 'aws', but"
        + " account 'production' is in 'aws-us-gov'"), problem.message());
  }

  @Test
  void aRegionOutsideThePartitionIsAnError() throws IOException {
    Problem problem = only(problems(Yaml.base().region("cn-north-1").account("partition: aws-cn")
        .stack("region: eu-west-1")));

    assertTrue(problem.message().contains("region 'eu-west-1' is not in partition 'aws-cn'"), problem.message());
  }
}
