package io.github.spaceliftoidc.core.review;

import io.github.spaceliftoidc.core.problem.Markdown;
import io.github.spaceliftoidc.core.problem.Printable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * How the trust that the YAML asks for differs from the trust in the IAM files on disk, in sentences for review:
 * widenings first and marked, then the issuer, audience and session tagging changes, then narrowings.
 */
public final class TrustChanges {

  /** What kind of change a sentence tells; the order is the order of the report. */
  public enum Kind {
    /** More runs may assume a role: a new role, caller, rule, run type or scope. */
    WIDER("wider"),
    /** The roles trust tokens of another issuer (the condition keys' host changed). */
    ISSUER("issuer"),
    /** Tokens with other audiences are accepted. */
    AUDIENCE("audience"),
    /** {@code sessionTagging} was turned on or off. */
    TAGGING("tagging"),
    /** Fewer runs may assume a role. */
    NARROWER("narrower"),
    /** An IAM file whose trust could not be read back. */
    UNREAD("unread");

    private final String mark;

    Kind(String mark) {
      this.mark = mark;
    }

    /** The mark the report puts in front of the sentence. */
    public String mark() {
      return mark;
    }
  }

  /**
   * One sentence: {@code subject} ("role `deploy` (account production)") and what changed about it, e.g.
   * "+ stack `app` in space `production`: TRACKED runs, write only". The items are worded when first asked for: a
   * first run over thousands of new roles words only the few that a console shows.
   */
  public static final class Change {
    private final Kind kind;
    private final String subject;
    private Supplier<List<String>> words;
    private List<String> items;

    Change(Kind kind, String subject, Supplier<List<String>> words) {
      this.kind = kind;
      this.subject = subject;
      this.words = words;
    }

    Change(Kind kind, String subject, List<String> items) {
      this(kind, subject, () -> items);
    }

    public Kind kind() {
      return kind;
    }

    public String subject() {
      return subject;
    }

    public List<String> items() {
      if (items == null) {
        items = List.copyOf(words.get());
        words = null;
      }
      return items;
    }

    /** The whole sentence, or with {@code maxItems} items and a count of the rest. */
    public String text(int maxItems) {
      List<String> all = items();
      List<String> shown = all.size() <= maxItems ? all : all.subList(0, maxItems);
      String rest = all.size() <= maxItems ? "" : String.format(Locale.ROOT, "; and %,d more", all.size() - maxItems);
      return subject + (all.isEmpty() ? "" : ": " + String.join("; ", shown) + rest);
    }

    @Override
    public String toString() {
      return "[" + kind.mark() + "] " + text(Integer.MAX_VALUE);
    }
  }

  /** The heading line of the console report, and the sentence under the Markdown heading. */
  public static final String TITLE = "Trust changes, from the IAM files on disk to what the YAML asks for"
      + " (widenings first):";

  private static final TrustChanges NONE = new TrustChanges(List.of());

  private final List<Change> changes;

  TrustChanges(List<Change> changes) {
    List<Change> sorted = new ArrayList<>(changes);
    sorted.sort(Comparator.comparing(Change::kind)); // stable: the files' and roles' order stays within a kind
    this.changes = List.copyOf(sorted);
  }

  /** No change at all: the trust on disk is what the YAML asks for. */
  public static TrustChanges none() {
    return NONE;
  }

  public List<Change> changes() {
    return changes;
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** Whether some run may assume a role it may not assume today. */
  public boolean widens() {
    return changes.stream().anyMatch(change -> change.kind() == Kind.WIDER);
  }

  /**
   * The report for a console: the title and one line per change, at most {@code maxLines} of them and
   * {@code maxItems} items per line; empty when nothing changed.
   *
   * @param more what the last line says after the count of the lines left out, e.g. where the whole report is
   */
  public List<String> lines(int maxLines, int maxItems, String more) {
    if (changes.isEmpty()) {
      return List.of();
    }
    int width = changes.stream().mapToInt(change -> change.kind().mark().length()).max().orElse(0) + 2;
    List<String> lines = new ArrayList<>();
    lines.add(TITLE);
    for (Change change : changes) {
      if (lines.size() > maxLines) {
        lines.add(String.format(Locale.ROOT, "  ... and %,d more (%s)", changes.size() - maxLines, more));
        break;
      }
      String mark = "[" + change.kind().mark() + "]";
      // Printable: what is read back from the files on disk must not forge or hide lines of the build log.
      lines.add("  " + mark + " ".repeat(width + 1 - mark.length()) + Printable.of(change.text(maxItems)));
    }
    return lines;
  }

  /** The report as a Markdown section, with every change. */
  public String markdown() {
    StringBuilder out = new StringBuilder("# Trust changes\n\n");
    if (changes.isEmpty()) {
      return out.append("None: the IAM files on disk hold exactly the trust that the YAML asks for.\n").toString();
    }
    out.append(TITLE.substring(0, TITLE.length() - 1)).append(".\n\n");
    for (Change change : changes) {
      // The old trust is read from files on disk, which a pull request can change: its values are escaped too.
      out.append("- **").append(change.kind().mark()).append("** ")
          .append(Markdown.withCodeSpans(change.text(Integer.MAX_VALUE))).append('\n');
    }
    return out.toString();
  }
}
