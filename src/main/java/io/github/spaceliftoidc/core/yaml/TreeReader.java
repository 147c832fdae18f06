package io.github.spaceliftoidc.core.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.github.spaceliftoidc.core.problem.FileKinds;
import io.github.spaceliftoidc.core.problem.GenerationException;
import io.github.spaceliftoidc.core.problem.Mark;
import io.github.spaceliftoidc.core.problem.Problems;
import io.github.spaceliftoidc.core.yaml.YNode.Entry;
import io.github.spaceliftoidc.core.yaml.YNode.ScalarType;
import io.github.spaceliftoidc.core.yaml.YNode.YMap;
import io.github.spaceliftoidc.core.yaml.YNode.YScalar;
import io.github.spaceliftoidc.core.yaml.YNode.YSeq;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Reads a YAML or JSON document with Jackson's streaming parsers into {@link YNode}s that keep their positions.
 *
 * <p>Parsing is bounded: the file size, the nesting depth, the number of aliases and the number of nodes the aliases
 * expand to are all limited, so that an alias bomb or a huge file is refused at once with a clear message. Aliases
 * share the anchored node instead of copying it, and YAML merge keys ({@code <<: *base}) are supported.
 */
public final class TreeReader {

  private static final Set<String> YAML_12_BOOLEANS = Set.of("true", "True", "TRUE", "false", "False", "FALSE");

  /** Which grammar to read. */
  public enum Format {
    YAML,
    JSON
  }

  /**
   * Bounds on what a document may cost to read.
   *
   * @param maxBytes largest accepted file
   * @param maxDepth deepest nesting of maps and lists
   * @param maxAliases most alias uses ({@code *name}) in one document
   * @param maxExpandedNodes most nodes the document may have once every alias is counted as a copy
   */
  public record Limits(long maxBytes, int maxDepth, int maxAliases, long maxExpandedNodes) {
    /** Generous for an organisation with tens of thousands of stacks, tight against abuse. */
    public static final Limits DEFAULT = new Limits(16L * 1024 * 1024, 64, 200, 4_000_000);
  }

  private final Limits limits;

  public TreeReader(Limits limits) {
    this.limits = limits;
  }

  public TreeReader() {
    this(Limits.DEFAULT);
  }

  /**
   * What a caller adds to the reader's messages about a file as a whole, which only state the fact ("the file is
   * empty"): the fix for the kind of file the caller reads, starting with its separator ("; ...").
   *
   * @param missing for a file that does not exist
   * @param directory for a directory, or another file that is not a regular one (a FIFO, a device), where the file
   *     should be
   * @param tooLarge for a file over the size limit
   * @param empty for a document without content
   */
  public record FileAdvice(String missing, String directory, String tooLarge, String empty) {
    /** No advice: the facts alone. */
    public static final FileAdvice NONE = new FileAdvice("", "", "", "");
  }

  /** Reads a file, with the facts alone in the messages about the file as a whole. */
  public Optional<YNode> read(Path path, String displayName, Format format, Problems problems) {
    return read(path, displayName, format, FileAdvice.NONE, problems);
  }

  /**
   * Reads a file. Problems (missing file, syntax, limits) go to {@code problems}, and the result is then empty.
   *
   * @param path the file
   * @param displayName how messages name it
   * @param advice what the messages about the file as a whole add to the facts
   */
  public Optional<YNode> read(Path path, String displayName, Format format, FileAdvice advice, Problems problems) {
    Mark fileMark = Mark.ofFile(displayName);
    byte[] bytes;
    try {
      // A link is followed (a monorepo may link its YAML), but what it leads to must be a regular file: a FIFO
      // would block the build forever, and a device such as /dev/zero reports a size of 0 and never ends.
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        problems.add(fileMark, "this is " + FileKinds.describe(path, attributes)
            + (attributes.isDirectory() ? ", not a file" : ", not a regular file") + advice.directory());
        return Optional.empty();
      }
      if (attributes.size() > limits.maxBytes()) {
        problems.add(fileMark, tooLarge(attributes.size()) + advice.tooLarge());
        return Optional.empty();
      }
      try (InputStream in = Files.newInputStream(path)) {
        // Never more than the limit, whatever the size said: a file can grow, and /proc files report 0.
        bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
      }
      if (bytes.length > limits.maxBytes()) {
        problems.add(fileMark, tooLarge(-1) + advice.tooLarge());
        return Optional.empty();
      }
    } catch (NoSuchFileException e) {
      problems.add(fileMark, "the file does not exist" + advice.missing());
      return Optional.empty();
    } catch (IOException e) {
      throw new GenerationException("Cannot read " + path + " (" + e + "); check that it is a readable file.", e);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      problems.add(fileMark, "the file is not valid UTF-8; save it as UTF-8");
      return Optional.empty();
    }
    return readString(text, displayName, format, advice, problems);
  }

  /** @param size the file's size, or -1 when it only turned out larger while reading */
  private String tooLarge(long size) {
    return size < 0
        ? String.format(Locale.ROOT, "the file holds more than the %,d bytes this plugin reads", limits.maxBytes())
        : String.format(Locale.ROOT, "the file is %,d bytes, more than the %,d bytes this plugin reads", size,
            limits.maxBytes());
  }

  /** Reads a document held in memory (an inline policy, a test case), with no advice for an empty one. */
  public Optional<YNode> readString(String text, String displayName, Format format, Problems problems) {
    return readString(text, displayName, format, FileAdvice.NONE, problems);
  }

  private Optional<YNode> readString(String text, String displayName, Format format, FileAdvice advice,
      Problems problems) {
    Mark fileMark = Mark.ofFile(displayName);
    if (text.length() > limits.maxBytes()) {
      problems.add(fileMark, "the document is larger than " + limits.maxBytes() + " characters");
      return Optional.empty();
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    try (JsonParser parser = factory(format).createParser(text)) {
      Builder builder = new Builder(parser, displayName, format, advice, problems);
      return builder.document();
    } catch (StopReading e) {
      return Optional.empty();
    } catch (JsonProcessingException e) {
      SyntaxHints.Hint hint = hint(e, text, displayName, format);
      if (hint != null) {
        problems.add(hint.mark(), hint.message());
      } else {
        problems.add(syntaxMark(e, displayName), syntaxMessage(e, format));
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not parse " + displayName + ": " + e.getMessage(), e);
    }
  }

  private JsonFactory factory(Format format) {
    if (format == Format.JSON) {
      return JsonFactory.builder().build();
    }
    LoaderOptions options = new LoaderOptions();
    // The limits below are SnakeYAML's own; ours (depth, aliases, expansion) are checked while building the tree.
    options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()));
    options.setMaxAliasesForCollections(limits.maxAliases());
    options.setNestingDepthLimit(Math.max(limits.maxDepth() + 1, 2));
    options.setAllowDuplicateKeys(true); // reported by us, with both positions
    // The builder leaves out this default of new YAMLFactory(): without it `key:` reads as "" instead of null.
    return new AnchorAwareYamlFactory(YAMLFactory.builder().loaderOptions(options)
        .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
        // YAML 1.2, as the JSON Schema and editors read the file: yes/no/on/off are strings, not booleans that
        // would silently turn sessionTagging: yes into false or an inline policy's Sid: on into a bare word.
        .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS));
  }

  /**
   * Jackson reports the anchor ({@code &name}) of maps and lists but not of scalars, so {@code region: &r eu-west-1}
   * followed by {@code *r} would look like an alias without an anchor. This factory's parsers remember the anchor of
   * the event behind the current token, whatever its kind.
   */
  private static final class AnchorAwareYamlFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    AnchorAwareYamlFactory(YAMLFactoryBuilder builder) {
      super(builder);
    }

    @Override
    protected YAMLParser _createParser(Reader reader, IOContext context) {
      return new AnchorAwareParser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec,
          reader);
    }

    @Override
    protected YAMLParser _createParser(char[] data, int offset, int length, IOContext context, boolean recyclable) {
      return _createParser(new CharArrayReader(data, offset, length), context);
    }
  }

  /** A YAML parser that knows the anchor of the current node, scalars included. */
  private static final class AnchorAwareParser extends YAMLParser {
    private String anchor;
    private boolean plain;

    AnchorAwareParser(IOContext context, int parserFeatures, int yamlFeatures, LoaderOptions options,
        ObjectCodec codec, Reader reader) {
      super(context, parserFeatures, yamlFeatures, options, codec, reader);
    }

    @Override
    protected Event getEvent() throws IOException {
      Event event = super.getEvent();
      anchor = event instanceof NodeEvent node && !(event instanceof AliasEvent) ? node.getAnchor() : null;
      plain = event instanceof ScalarEvent scalar && scalar.isPlain() && scalar.getTag() == null;
      return event;
    }

    String anchor() {
      return anchor;
    }

    /** Whether the current scalar was written without quotes (and without a tag). */
    boolean plain() {
      return plain;
    }
  }

  /** A human sentence for the common mistakes (see {@link SyntaxHints}), or null. */
  private static SyntaxHints.Hint hint(JsonProcessingException e, String text, String displayName, Format format) {
    SyntaxHints hints = new SyntaxHints(text, displayName);
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      return hints.yaml(marked.getProblem(), marked.getProblemMark().getLine() + 1,
          marked.getProblemMark().getColumn() + 1);
    }
    JsonLocation location = e.getLocation();
    return format == Format.JSON && location != null
        ? hints.json(location.getLineNr(), location.getColumnNr()) : null;
  }

  private static Mark syntaxMark(JsonProcessingException e, String displayName) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      return new Mark(displayName, marked.getProblemMark().getLine() + 1, marked.getProblemMark().getColumn() + 1);
    }
    JsonLocation location = e.getLocation();
    if (location != null && location.getLineNr() > 0) {
      return new Mark(displayName, location.getLineNr(), Math.max(1, location.getColumnNr()));
    }
    return Mark.ofFile(displayName);
  }

  private static String syntaxMessage(JsonProcessingException e, Format format) {
    String detail;
    if (e.getCause() instanceof MarkedYAMLException marked) {
      detail = marked.getProblem();
      if (marked.getContext() != null) {
        detail = detail + " (" + marked.getContext() + contextPosition(marked) + ")";
      }
    } else {
      detail = e.getOriginalMessage();
    }
    detail = detail == null ? "unreadable document" : detail.replaceAll("\\s+", " ").trim();
    // Jackson names the start of an unclosed structure as "[Source: REDACTED (...); line: 1, column: 15]".
    detail = JACKSON_LOCATION.matcher(detail).replaceAll("line $1, column $2");
    return format == Format.JSON
        ? "JSON syntax error: " + detail + "; fix the JSON at this position (check brackets, braces, commas and quotes)"
        : "YAML syntax error: " + detail + "; fix the YAML at this position (check indentation, quotes and colons)";
  }

  private static final Pattern JACKSON_LOCATION =
      Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

  /** " started at line 5, column 9" when the parser names where the broken construct began. */
  private static String contextPosition(MarkedYAMLException marked) {
    org.yaml.snakeyaml.error.Mark context = marked.getContextMark();
    org.yaml.snakeyaml.error.Mark problem = marked.getProblemMark();
    if (context == null || problem != null && context.getLine() == problem.getLine()) {
      return "";
    }
    return " that starts at line " + (context.getLine() + 1) + ", column " + (context.getColumn() + 1);
  }

  /** Unwinds the builder once a problem makes the rest of the document meaningless. */
  private static final class StopReading extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StopReading() {
      super(null, null, false, false);
    }
  }

  /** Turns the token stream into nodes, checking the limits as it goes. */
  private final class Builder {
    private final JsonParser parser;
    private final String file;
    private final Format format;
    private final FileAdvice advice;
    private final Problems problems;
    private final Map<String, YNode> anchors = new HashMap<>();
    private final Map<YNode, Long> expandedSize = new IdentityHashMap<>();
    private int aliases;

    Builder(JsonParser parser, String file, Format format, FileAdvice advice, Problems problems) {
      this.parser = parser;
      this.file = file;
      this.format = format;
      this.advice = advice;
      this.problems = problems;
    }

    Optional<YNode> document() throws IOException {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add(Mark.ofFile(file), "the file is empty" + advice.empty());
        return Optional.empty();
      }
      YNode root = node(first, 1);
      JsonToken next = parser.nextToken();
      if (next != null) {
        problems.add(mark(), "a second document starts here; keep the whole configuration in one document");
        return Optional.empty();
      }
      return Optional.of(root);
    }

    private Mark mark() {
      JsonLocation location = parser.currentTokenLocation();
      return new Mark(file, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    private YNode node(JsonToken token, int depth) throws IOException {
      if (depth > limits.maxDepth()) {
        problems.add(mark(), "the document nests deeper than " + limits.maxDepth() + " levels; nothing in this"
            + " format needs that, so check for a runaway structure");
        throw new StopReading();
      }
      Mark mark = mark();
      if (format == Format.YAML && ((YAMLParser) parser).isCurrentAlias()) {
        return alias(mark);
      }
      String anchor = parser instanceof AnchorAwareParser yaml ? yaml.anchor() : null;
      boolean plain = parser instanceof AnchorAwareParser yaml && yaml.plain();
      YNode built = switch (token) {
        case START_OBJECT -> map(mark, depth);
        case START_ARRAY -> seq(mark, depth);
        case VALUE_STRING -> new YScalar(parser.getText(), ScalarType.STRING, mark, plain);
        case VALUE_NUMBER_INT -> new YScalar(parser.getText(), ScalarType.INTEGER, mark, plain);
        case VALUE_NUMBER_FLOAT -> new YScalar(parser.getText(), ScalarType.DECIMAL, mark, plain);
        // YAML 1.2 spells booleans true, True or TRUE (and false alike); Jackson also takes tRuE, which stays text.
        case VALUE_TRUE, VALUE_FALSE -> new YScalar(parser.getText(),
            YAML_12_BOOLEANS.contains(parser.getText()) ? ScalarType.BOOLEAN : ScalarType.STRING, mark, plain);
        case VALUE_NULL -> new YScalar("", ScalarType.NULL, mark, plain);
        case VALUE_EMBEDDED_OBJECT -> new YScalar(parser.getText(), ScalarType.STRING, mark, plain);
        default -> throw new IllegalStateException("Unexpected token " + token + " at " + mark);
      };
      if (anchor != null) {
        anchors.put(anchor, built);
      }
      return built;
    }

    private YNode alias(Mark mark) throws IOException {
      String name = parser.getText();
      YNode target = anchors.get(name);
      if (target == null) {
        problems.add(mark, "alias *" + name + " names no anchor defined before it; define &" + name + " first");
        throw new StopReading();
      }
      if (++aliases > limits.maxAliases()) {
        problems.add(mark, "the document uses more than " + limits.maxAliases() + " aliases; this looks like an"
            + " alias bomb, so it is refused");
        throw new StopReading();
      }
      return target;
    }

    private YMap map(Mark mark, int depth) throws IOException {
      Map<String, Entry> entries = new LinkedHashMap<>();
      List<YMap> merges = new ArrayList<>();
      long size = 1;
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
        String key = parser.currentName();
        Mark keyMark = mark();
        YNode value = node(parser.nextToken(), depth + 1);
        if (format == Format.YAML && "<<".equals(key)) {
          collectMerges(value, keyMark, merges);
          continue;
        }
        Entry previous = entries.get(key);
        if (previous != null) {
          problems.add(keyMark, "duplicate key '" + key + "' (first at line " + previous.keyMark().line()
              + "); keep one of them.");
          continue;
        }
        entries.put(key, new Entry(key, keyMark, value));
        size = saturatingAdd(size, sizeOf(value));
      }
      for (YMap merged : merges) {
        for (Entry entry : merged.entries().values()) {
          if (entries.putIfAbsent(entry.key(), entry) == null) {
            size = saturatingAdd(size, sizeOf(entry.value()));
          }
        }
      }
      return remember(new YMap(entries, mark), size);
    }

    private void collectMerges(YNode value, Mark keyMark, List<YMap> merges) {
      if (value instanceof YMap map) {
        merges.add(map);
      } else if (value instanceof YSeq seq && seq.items().stream().allMatch(YMap.class::isInstance)) {
        seq.items().forEach(item -> merges.add((YMap) item));
      } else {
        problems.add(keyMark, "the merge key << needs a map or a list of maps, for example `<<: *defaults`");
      }
    }

    private YSeq seq(Mark mark, int depth) throws IOException {
      List<YNode> items = new ArrayList<>();
      long size = 1;
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        YNode item = node(token, depth + 1);
        items.add(item);
        size = saturatingAdd(size, sizeOf(item));
      }
      return remember(new YSeq(items, mark), size);
    }

    private <T extends YNode> T remember(T node, long size) {
      if (size > limits.maxExpandedNodes()) {
        problems.add(node.mark(), String.format(Locale.ROOT,
            "this part of the document expands to more than %,d nodes once its aliases are counted; this looks"
                + " like an alias bomb, so it is refused", limits.maxExpandedNodes()));
        throw new StopReading();
      }
      expandedSize.put(node, size);
      return node;
    }

    private long sizeOf(YNode node) {
      return node instanceof YScalar ? 1 : expandedSize.getOrDefault(node, 1L);
    }
  }

  private static long saturatingAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
