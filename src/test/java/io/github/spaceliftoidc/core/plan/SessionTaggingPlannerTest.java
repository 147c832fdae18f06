package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.trust.TrustPolicy;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Session tagging: sts:TagSession for the roles that ask for it, and only for them. */
class SessionTaggingPlannerTest extends SettingsFixture {

  @Test
  void tagSessionOnlyForTheRolesThatAskForIt() throws IOException {
    Yaml yaml = Yaml.base().role("sessionTagging: true").roles("""
        - name: spacelift-plain
          trust: [{space: production, stack: other}]
        - name: spacelift-off
          sessionTagging: false
          trust: [{space: production, stack: other}]
        """);
    GenerationPlan plan = plan(yaml);

    assertEquals(List.of(TrustPolicy.ASSUME_ACTION, TrustPolicy.TAG_SESSION_ACTION),
        role(plan, "spacelift-infra").trustPolicy().actions());
    assertEquals(List.of(TrustPolicy.ASSUME_ACTION), role(plan, "spacelift-plain").trustPolicy().actions());
    assertEquals(List.of(TrustPolicy.ASSUME_ACTION), role(plan, "spacelift-off").trustPolicy().actions());
    String iam = render(yaml).get("iam/production/spacelift-oidc-iam.tf");
    assertEquals(1, iam.split("sts:TagSession", -1).length - 1, iam);
    assertTrue(iam.contains("Action = [\"sts:AssumeRoleWithWebIdentity\", \"sts:TagSession\"]"), iam);
  }
}
