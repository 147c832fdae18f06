package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.problem.Problem;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The stacks' regions: the account's by default, and the provider aliases in other regions. */
class RegionsAndAliasesPlannerTest extends SettingsFixture {

  @Test
  void theStackRegionDefaultsToTheAccountsAndAliasesAssumeTheSameRole() throws IOException {
    Yaml yaml = Yaml.base().stack("aliases:\n  - {name: use1, region: us-east-1}\n  - {name: euc1, region: "
        + "eu-central-1}");
    GenerationPlan plan = plan(yaml);

    assertEquals("eu-west-1", plan.stacks().get(0).region());
    String provider = render(yaml).get("stacks/infra/spacelift-oidc-provider.tf");
    assertEquals(3, provider.split("role_arn                = \"arn:aws:iam::123456789012:role/spacelift-infra\"",
        -1).length - 1, provider);
    assertTrue(provider.contains("alias               = \"use1\"\n  region              = \"us-east-1\""), provider);
    assertTrue(provider.contains("alias               = \"euc1\"\n  region              = \"eu-central-1\""),
        provider);
  }

  @Test
  void anExplicitStackRegionWins() throws IOException {
    assertEquals("eu-central-1", plan(Yaml.base().stack("region: eu-central-1")).stacks().get(0).region());
  }

  @Test
  void aliasNamesAreUniquePerStack() throws IOException {
    Problem problem = only(problems(Yaml.base().stack("aliases: [{name: a, region: us-east-1}, {name: a, region:"
        + " us-west-2}]")));

    assertTrue(problem.message().contains("defines provider alias 'a' twice"), problem.message());
  }
}
