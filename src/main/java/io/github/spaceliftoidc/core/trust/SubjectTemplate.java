package io.github.spaceliftoidc.core.trust;

import io.github.spaceliftoidc.core.model.SpaceliftSettings;
import io.github.spaceliftoidc.core.problem.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spacelift {@code sub} claim format, such as the default
 * {@code space:{spaceId}:{callerType}:{callerId}:run_type:{runType}:scope:{scope}}. Rendering fills the placeholders
 * that a grant pins down and turns the rest into {@code *}.
 */
public final class SubjectTemplate {

  public static final String SPACE_ID = "spaceId";
  public static final String SPACE_PATH = "spacePath";
  public static final String CALLER_TYPE = "callerType";
  public static final String CALLER_ID = "callerId";
  public static final String RUN_ID = "runId";
  public static final String RUN_TYPE = "runType";
  public static final String SCOPE = "scope";

  /** Every placeholder Spacelift documents for custom subject templates. */
  public static final List<String> PLACEHOLDERS =
      List.of(SPACE_ID, SPACE_PATH, CALLER_TYPE, CALLER_ID, RUN_ID, RUN_TYPE, SCOPE);

  public static final int MAX_LENGTH = 1000;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  // Spacelift accepts letters, digits and - _ : / | around the placeholders; none is an IAM wildcard.
  private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9_:/|-]*");
  // Which of those literal characters a placeholder's value can contain, by the plugin's own id and path rules (which
  // follow Spacelift's: slugs, ULIDs, and paths such as /root/production/us-east-1). Only a character that no value
  // of the template can contain separates two placeholders for IAM's *. SubjectSeparatorsTest keeps this in step.
  private static final Map<String, String> VALUE_CHARACTERS = Map.of(
      SPACE_ID, "-",
      SPACE_PATH, "-_/",
      CALLER_TYPE, "",
      CALLER_ID, "-_",
      RUN_ID, "",
      RUN_TYPE, "_",
      SCOPE, "");

  private final String text;
  private final List<String> literals;
  private final List<String> placeholders;
  /** The template as a regular expression with one group per placeholder, for {@link #read}. */
  private final Pattern shape;

  private SubjectTemplate(String text, List<String> literals, List<String> placeholders) {
    this.text = text;
    this.literals = literals;
    this.placeholders = placeholders;
    // A value never holds one of the template's separators, so a text with one separator too many does not have
    // this shape (rather than being read with a separator inside a value).
    StringBuilder separators = new StringBuilder();
    Set<String> used = new LinkedHashSet<>(placeholders);
    if (PLACEHOLDERS.containsAll(used)) {
      String.join("", literals).chars().distinct().filter(c -> isSeparator(c, used))
          .forEach(c -> separators.append('\\').append((char) c));
    }
    String value = separators.isEmpty() ? "(.*?)" : "([^" + separators + "]*)";
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < placeholders.size(); i++) {
      regex.append(Pattern.quote(literals.get(i))).append(value);
    }
    this.shape = Pattern.compile(regex.append(Pattern.quote(literals.get(literals.size() - 1))).toString(),
        Pattern.DOTALL);
  }

  /** What is wrong with {@code text} as a template, one sentence each; empty when it is fine. */
  public static List<String> problems(String text) {
    List<String> problems = new ArrayList<>();
    if (text.isEmpty()) {
      problems.add("the subject template is empty");
      return problems;
    }
    if (text.length() > MAX_LENGTH) {
      problems.add("the subject template has " + text.length() + " characters; Spacelift allows at most "
          + MAX_LENGTH);
    }
    Matcher matcher = PLACEHOLDER.matcher(text);
    int last = 0;
    Set<String> seen = new LinkedHashSet<>();
    while (matcher.find()) {
      checkLiteral(text.substring(last, matcher.start()), problems);
      String name = matcher.group(1);
      if (!PLACEHOLDERS.contains(name)) {
        problems.add("unknown placeholder {" + name + "}" + didYouMean(name) + "; the known ones are "
            + String.join(", ", PLACEHOLDERS.stream().map(p -> "{" + p + "}").toList()));
      }
      seen.add(name);
      last = matcher.end();
    }
    checkLiteral(text.substring(last), problems);
    if (seen.isEmpty()) {
      problems.add("the subject template has no placeholder, so every run would get the same subject");
    } else if (PLACEHOLDERS.containsAll(seen)) {
      checkSeparators(text, seen, problems);
    }
    return problems;
  }

  /**
   * IAM's {@code *} matches any characters, so a placeholder left open (or a neighbour's) can run into the next value
   * unless a character that no value contains stands between them: with {@code {callerType}-{callerId}}, the pattern
   * {@code stack-app-*} of stack {@code app} would also match stack {@code app-prod}. Such a separator occurs in a
   * subject exactly as often as in the template, so it pins every value to its own place.
   */
  private static void checkSeparators(String text, Set<String> used, List<String> problems) {
    List<String> ambiguous = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    String previous = null;
    int last = 0;
    while (matcher.find()) {
      String literal = text.substring(last, matcher.start());
      if (previous != null && literal.chars().noneMatch(c -> isSeparator(c, used))) {
        String pair = "{" + previous + "} and {" + matcher.group(1) + "}";
        ambiguous.add(literal.isEmpty() ? pair + " stand side by side" : pair + " are separated only by '"
            + literal + "'");
      }
      previous = matcher.group(1);
      last = matcher.end();
    }
    if (!ambiguous.isEmpty()) {
      problems.add(String.join(", ", ambiguous) + ": a separator needs a character that no value can contain, or"
          + " IAM's * for one placeholder matches text of the next and trusts runs the YAML does not name;"
          + " separate them with ':'");
    }
  }

  /**
   * Why a prefix pattern such as {@code app-*} could let its {@code *} reach past its own value under this template,
   * or empty when it cannot. The separator rule of {@link #problems} is what keeps it in place: when the text before
   * the star holds none of this template's separators, the pattern has exactly as many of them as every subject, each
   * in its place, so the star can only stand for the rest of its own value.
   */
  public Optional<String> prefixProblem(String literal) {
    Set<String> used = new LinkedHashSet<>(placeholders);
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (isSeparator(c, used) && literals.stream().anyMatch(l -> l.indexOf(c) >= 0)) {
        return Optional.of("'" + c + "' separates the values of subject template '" + text + "', so the * after it"
            + " could stand for the next value too");
      }
    }
    return Optional.empty();
  }

  private static boolean isSeparator(int c, Set<String> used) {
    if (Character.isLetterOrDigit(c)) {
      return false; // every placeholder but callerType, runType and scope can hold letters and digits
    }
    return used.stream().noneMatch(placeholder -> VALUE_CHARACTERS.get(placeholder).indexOf(c) >= 0);
  }

  private static String didYouMean(String name) {
    return Suggestions.closest(name, PLACEHOLDERS)
        .map(hit -> " (did you mean {" + hit + "}?)")
        .orElse("");
  }

  private static void checkLiteral(String literal, List<String> problems) {
    if (!LITERAL.matcher(literal).matches()) {
      String bad = literal.codePoints()
          .filter(c -> !LITERAL.matcher(Character.toString(c)).matches())
          .mapToObj(c -> Character.isWhitespace(c) ? "whitespace" : "'" + Character.toString(c) + "'")
          .distinct()
          .reduce((a, b) -> a + ", " + b)
          .orElse("");
      problems.add("the subject template contains " + bad + " outside a placeholder; Spacelift allows only"
          + " letters, digits and - _ : / | there (and IAM would read * or ? as wildcards)");
    }
  }

  /** Parses a template that {@link #problems(String)} accepted. */
  public static SubjectTemplate parse(String text) {
    List<String> problems = problems(text);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    List<String> literals = new ArrayList<>();
    List<String> placeholders = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    int last = 0;
    while (matcher.find()) {
      literals.add(text.substring(last, matcher.start()));
      placeholders.add(matcher.group(1));
      last = matcher.end();
    }
    literals.add(text.substring(last));
    return new SubjectTemplate(text, List.copyOf(literals), List.copyOf(placeholders));
  }

  public static SubjectTemplate defaultTemplate() {
    return parse(SpaceliftSettings.DEFAULT_SUBJECT_TEMPLATE);
  }

  public boolean uses(String placeholder) {
    return placeholders.contains(placeholder);
  }

  public String text() {
    return text;
  }

  /** The pattern for the given placeholder values; a placeholder without a value becomes {@code *}. */
  public String render(Map<String, String> values) {
    StringBuilder pattern = new StringBuilder(text.length() + 32);
    for (int i = 0; i < placeholders.size(); i++) {
      pattern.append(literals.get(i));
      String value = values.get(placeholders.get(i));
      pattern.append(value == null ? "*" : value);
    }
    pattern.append(literals.get(literals.size() - 1));
    return pattern.toString();
  }

  /** The placeholders, in the order the template uses them (a repeated one each time). */
  public List<String> placeholders() {
    return placeholders;
  }

  /**
   * The text at each placeholder of a {@code sub} claim, or of a pattern rendered through this template (where a
   * value may be {@code *} or hold wildcards); empty when the text does not have this template's shape. The literals
   * between the placeholders hold a character that no value can (see {@link #problems}), so the split is unique.
   */
  public Optional<Map<String, String>> read(String subject) {
    Matcher matcher = shape.matcher(subject);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < placeholders.size(); i++) {
      String previous = values.putIfAbsent(placeholders.get(i), matcher.group(i + 1));
      if (previous != null && !previous.equals(matcher.group(i + 1))) {
        return Optional.empty(); // a repeated placeholder holds one value
      }
    }
    return Optional.of(values);
  }

  @Override
  public String toString() {
    return text;
  }
}
