package io.github.spaceliftoidc.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.model.CallerType;
import io.github.spaceliftoidc.core.model.RunType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The trust policy document under each setting that changes it: several audiences, another partition, session
 * tagging, several subject templates. What the YAML's settings turn into is tested per setting in {@code core.plan}
 * ({@code HostnamesAndAudiencesPlannerTest}, {@code PartitionsPlannerTest}, ...).
 */
class TrustPolicySettingsTest {

  private static final String HOST = "spacelift.internal.example.com";
  private static final String SUB = "space:root:stack:infra:run_type:TRACKED:scope:write";

  private static TrustPolicy policy(String providerArn, List<String> actions, List<String> audiences) {
    return new TrustPolicy(providerArn, HOST, actions, audiences,
        List.of("space:root:stack:infra:run_type:TRACKED:scope:*"));
  }

  @Test
  void everyAudienceIsAcceptedAndNoOther() {
    TrustPolicy policy = policy("arn:aws:iam::123456789012:oidc-provider/" + HOST,
        List.of(TrustPolicy.ASSUME_ACTION), List.of(HOST, "aws-federation"));

    assertTrue(policy.json().contains("\"StringEquals\":{\"" + HOST + ":aud\":[\"" + HOST + "\",\"aws-federation\"]}"),
        policy.json());
    assertTrue(policy.allows(SUB, HOST));
    assertTrue(policy.allows(SUB, "aws-federation"));
    assertFalse(policy.allows(SUB, "demo.app.spacelift.io"), "an audience that is not listed");
    assertFalse(policy.allows(SUB, ""), "no audience");
  }

  @Test
  void aPolicyWithoutAudienceCannotBeBuilt() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> policy("arn:aws:iam::123456789012:oidc-provider/" + HOST, List.of(TrustPolicy.ASSUME_ACTION),
            List.of()));
    assertEquals("a trust policy must pin the audience", error.getMessage());
  }

  @Test
  void theFederatedPrincipalCarriesThePartition() {
    for (String partition : List.of("aws", "aws-us-gov", "aws-cn")) {
      String arn = "arn:" + partition + ":iam::123456789012:oidc-provider/" + HOST;
      TrustPolicy policy = policy(arn, List.of(TrustPolicy.ASSUME_ACTION), List.of(HOST));

      assertTrue(policy.json().contains("\"Principal\":{\"Federated\":\"" + arn + "\"}"), policy.json());
    }
  }

  @Test
  void tagSessionIsAnActionOfTheSameStatementWithTheSameConditions() {
    TrustPolicy tagged = policy("arn:aws:iam::123456789012:oidc-provider/" + HOST,
        List.of(TrustPolicy.ASSUME_ACTION, TrustPolicy.TAG_SESSION_ACTION), List.of(HOST));
    TrustPolicy plain = policy("arn:aws:iam::123456789012:oidc-provider/" + HOST,
        List.of(TrustPolicy.ASSUME_ACTION), List.of(HOST));

    assertEquals(plain.json().replace("\"Action\":[\"sts:AssumeRoleWithWebIdentity\"]",
        "\"Action\":[\"sts:AssumeRoleWithWebIdentity\",\"sts:TagSession\"]"), tagged.json(),
        "only the action list differs");
    assertFalse(plain.json().contains("TagSession"));
    assertEquals(1, tagged.json().split("\"Effect\"", -1).length - 1, "one statement");
  }

  @Test
  void patternsOfSeveralTemplatesStaySideBySideUnlessOneCoversTheOther() {
    SubjectTemplate old = SubjectTemplate.defaultTemplate();
    SubjectTemplate withPath = SubjectTemplate.parse(
        "space:{spaceId}:space_path:{spacePath}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}");
    Grant stack = new Grant(new Grant.Source.Caller(CallerType.STACK, "infra"), "prod", "prod-01HND497T9JKR76MR3KA2CDJHP", "/root/prod",
        CallerType.STACK, "infra",
        List.of(RunType.TRACKED), List.of(), null);

    List<String> patterns = TrustPolicy.minimalPatterns(
        Stream.concat(stack.patterns(old).stream(), stack.patterns(withPath).stream()).toList());

    assertEquals(List.of(
        "space:prod-01HND497T9JKR76MR3KA2CDJHP:space_path:/root/prod:stack:infra:run_type:TRACKED:scope:*",
        "space:prod-01HND497T9JKR76MR3KA2CDJHP:stack:infra:run_type:TRACKED:scope:*"), patterns);
    TrustPolicy policy = new TrustPolicy("arn:aws:iam::123456789012:oidc-provider/" + HOST, HOST,
        List.of(TrustPolicy.ASSUME_ACTION), List.of(HOST), patterns);
    assertTrue(policy.allows("space:prod-01HND497T9JKR76MR3KA2CDJHP:stack:infra:run_type:TRACKED:scope:write", HOST),
        "the old format");
    assertTrue(policy.allows("space:prod-01HND497T9JKR76MR3KA2CDJHP:space_path:/root/prod:stack:infra:run_type:"
        + "TRACKED:scope:read", HOST), "the new format");
    assertFalse(policy.allows("space:prod-01HND497T9JKR76MR3KA2CDJHP:stack:infra:run_type:PROPOSED:scope:read",
        HOST), "another run type");
  }
}
