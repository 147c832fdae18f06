package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.problem.Problem;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subject templates (the sub formats): one or several, with {spacePath}, and what they cannot express. */
class SubjectTemplatesPlannerTest extends SettingsFixture {

  private static final String WITH_PATH =
      "space:{spaceId}:space_path:{spacePath}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}";

  @Test
  void aSingleTemplateRendersEveryPattern() throws IOException {
    GenerationPlan plan = plan(Yaml.base().spacelift("subjectTemplate: \"{spacePath}|{callerType}:{callerId}|"
            + "{runType}|{scope}\"").space("path: /root/production")
        .stack("runTypes: [TRACKED]"));

    assertEquals(List.of("/root/production|stack:infra|TRACKED|*"), role(plan, "spacelift-infra").trustPolicy()
        .subjects());
  }

  @Test
  void aListOfTemplatesAllowsThePatternsOfAll() throws IOException {
    GenerationPlan plan = plan(Yaml.base()
        .spacelift("subjectTemplate:\n  - \"space:{spaceId}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}\""
            + "\n  - \"" + WITH_PATH + "\"")
        .space("path: /root/production").stack("scopes: [write]"));

    assertEquals(List.of(
        "space:production-01HND497T9JKR76MR3KA2CDJHP:space_path:/root/production:stack:infra:run_type:*:scope:write",
        "space:production-01HND497T9JKR76MR3KA2CDJHP:stack:infra:run_type:*:scope:write"),
        role(plan, "spacelift-infra").trustPolicy().subjects());
  }

  @Test
  void spacePathNeedsThePathOfTheSpace() throws IOException {
    Yaml yaml = Yaml.base().spacelift("subjectTemplate: \"" + WITH_PATH + "\"");
    Problem problem = only(problems(yaml));

    assertEquals(yaml.lineOf("  - name: production\n    id: production-"), problem.mark().line(), "at the space");
    assertEquals("space 'production' has no path, but the subject template uses {spacePath}; add path: with the"
        + " space's path as Spacelift writes it into the token.", problem.message());
  }

  @Test
  void aRestrictionTheTemplateCannotExpressIsAnError() throws IOException {
    Problem problem = only(problems(Yaml.base().spacelift("subjectTemplate: \"{spaceId}:{callerType}:{callerId}\"")
        .stack("runTypes: [TRACKED]")));

    assertTrue(problem.message().contains("pins down the run types ({runType}), but subject template"
        + " '{spaceId}:{callerType}:{callerId}' does not carry it, so the trust policy would allow more than"
        + " asked"), problem.message());
  }

  @Test
  void anInvalidTemplateInTheListIsLocated() throws IOException {
    List<Problem> problems = problems(Yaml.base().spacelift(
        "subjectTemplate:\n  - \"space:{spaceId}:{callerType}:{callerId}\"\n  - \"space:{spaceID}:*:{callerId}\""));

    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.stream().allMatch(p -> p.mark().line() == 5), "at the second template: " + problems);
    assertTrue(problems.get(0).message().contains("unknown placeholder {spaceID} (did you mean {spaceId}?)")
        || problems.get(1).message().contains("unknown placeholder {spaceID} (did you mean {spaceId}?)"));
  }

  @Test
  void aTemplateListedTwiceIsAnError() throws IOException {
    Problem problem = only(problems(Yaml.base().spacelift(
        "subjectTemplate: [\"{callerType}:{callerId}\", \"{callerType}:{callerId}\"]")));

    assertTrue(problem.message().endsWith("is listed twice; list each format once."), problem.message());
  }
}
