package io.github.spaceliftoidc.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.spaceliftoidc.core.trust.SubjectTemplate;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A subject template's separator is safe exactly when the plugin's own rules keep it out of the values around it:
 * SubjectTemplate's table of value characters and the Rules for ids and paths must agree, or a rule relaxed later
 * would let IAM's {@code *} run from one value into the next.
 */
class SubjectSeparatorsTest {

  @ParameterizedTest(name = "{0} with ''{1}''")
  @CsvSource(delimiter = ' ', value = {
      "spaceId -", "spaceId _", "spaceId /", "spaceId |", "spaceId :",
      "spacePath -", "spacePath _", "spacePath /", "spacePath |", "spacePath :",
      "callerId -", "callerId _", "callerId /", "callerId |", "callerId :"})
  void aSeparatorIsRefusedExactlyWhenTheRulesAllowItInAValue(String placeholder, char separator) {
    Function<String, Boolean> allowed = switch (placeholder) {
      case "spaceId" -> value -> Rules.spaceId(value).isEmpty();
      case "spacePath" -> value -> Rules.spacePath(value).isEmpty();
      default -> value -> Rules.callerId(value, "stack").isEmpty();
    };
    String value = placeholder.equals("spaceId") ? "a" + separator + "b-01HND497T9JKR76MR3KA2CDJHP"
        : "a" + separator + "b";
    boolean valueMayContainIt = allowed.apply(value);
    String template = "{" + placeholder + "}" + separator + "{scope}";

    assertEquals(valueMayContainIt, !SubjectTemplate.problems(template).isEmpty(),
        () -> template + ": " + SubjectTemplate.problems(template) + "; a value with it is "
            + (valueMayContainIt ? "allowed" : "refused"));
  }
}
