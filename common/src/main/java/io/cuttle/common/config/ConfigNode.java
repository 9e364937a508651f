package io.cuttle.common.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML value that remembers where it came from (file, line, column, field path), so every
 * problem can be reported as {@code file:line:col: field: expected X, got Y}.
 *
 * <p>Typed getters never throw on bad input: they record a {@link Diagnostic} in the supplied
 * {@link Diagnostics} and return the default, so one pass reports every problem in a file.
 */
public final class ConfigNode {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private final Node node; // null = missing
  private final String path;
  private final Location location;

  private ConfigNode(Node node, String path, Location location) {
    this.node = node;
    this.path = path;
    this.location = location;
  }

  /** Parses YAML text; a syntax error becomes a ConfigException with its line and column. */
  public static ConfigNode parse(String file, String text) throws ConfigException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // reported as diagnostics below, with both lines
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(64 * 1024 * 1024);
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      Location loc = m == null ? new Location(file, 1, 1) : new Location(file, m.getLine() + 1, m.getColumn() + 1);
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
      throw new ConfigException(List.of(new Diagnostic(loc, "", "malformed YAML: " + problem + context)));
    } catch (YAMLException e) {
      throw new ConfigException(List.of(new Diagnostic(new Location(file, 1, 1), "", "malformed YAML: " + e.getMessage())));
    }
    Location start = new Location(file, 1, 1);
    ConfigNode result = new ConfigNode(root, "", root == null ? start : at(file, root));
    Diagnostics d = new Diagnostics();
    result.checkDuplicateKeys(d);
    d.throwIfAny();
    return result;
  }

  /** Reads and parses a file; an unreadable file is a ConfigException naming it. */
  public static ConfigNode read(Path file) throws ConfigException {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException(List.of(new Diagnostic(new Location(file.toString(), 1, 1), "",
          "cannot read file: " + e.getClass().getSimpleName() + ": " + e.getMessage())));
    }
  }

  private static Location at(String file, Node n) {
    Mark m = n.getStartMark();
    return new Location(file, m.getLine() + 1, m.getColumn() + 1);
  }

  private void checkDuplicateKeys(Diagnostics d) {
    if (node instanceof MappingNode m) {
      Map<String, Node> seen = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
        Node first = seen.putIfAbsent(key, t.getKeyNode());
        if (first != null) {
          d.error(child(t.getKeyNode(), key), "duplicate key '" + key + "' (first at line "
              + (first.getStartMark().getLine() + 1) + ")");
        }
        child(t.getValueNode(), key).checkDuplicateKeys(d);
      }
    } else if (node instanceof SequenceNode s) {
      for (int i = 0; i < s.getValue().size(); i++) {
        element(s.getValue().get(i), i).checkDuplicateKeys(d);
      }
    }
  }

  private ConfigNode child(Node n, String key) {
    return new ConfigNode(n, path.isEmpty() ? key : path + "." + key, at(location.file(), n));
  }

  private ConfigNode element(Node n, int i) {
    return new ConfigNode(n, path + "[" + i + "]", at(location.file(), n));
  }

  // ---- structure ----

  public String path() {
    return path;
  }

  public Location location() {
    return location;
  }

  public boolean isMissing() {
    return node == null || (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL));
  }

  public boolean isMap() {
    return node instanceof MappingNode;
  }

  public boolean isList() {
    return node instanceof SequenceNode;
  }

  /** What the value is, for "got ..." in messages. */
  public String describe() {
    if (isMissing()) {
      return "nothing";
    }
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return "'" + ((ScalarNode) node).getValue() + "'";
  }

  /** The child at {@code key}; a missing node (located at this node) if absent or not a mapping. */
  public ConfigNode get(String key) {
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
          return child(t.getValueNode(), key);
        }
      }
    }
    return new ConfigNode(null, path.isEmpty() ? key : path + "." + key, location);
  }

  public boolean has(String key) {
    return !get(key).isMissing();
  }

  /** Keys of a mapping in file order (empty for anything else). */
  public List<String> keys() {
    List<String> out = new ArrayList<>();
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode s) {
          out.add(s.getValue());
        }
      }
    }
    return out;
  }

  /** Entries of a mapping in file order; records a diagnostic if this is present but not a mapping. */
  public Map<String, ConfigNode> entries(Diagnostics d) {
    if (isMissing()) {
      return Map.of();
    }
    if (!(node instanceof MappingNode)) {
      d.expected(this, "a mapping");
      return Map.of();
    }
    Map<String, ConfigNode> out = new LinkedHashMap<>();
    keys().forEach(k -> out.put(k, get(k)));
    return out;
  }

  /** Elements of a list; records a diagnostic if this is present but not a list. */
  public List<ConfigNode> items(Diagnostics d) {
    if (isMissing()) {
      return List.of();
    }
    if (!(node instanceof SequenceNode s)) {
      d.expected(this, "a list");
      return List.of();
    }
    List<ConfigNode> out = new ArrayList<>();
    for (int i = 0; i < s.getValue().size(); i++) {
      out.add(element(s.getValue().get(i), i));
    }
    return out;
  }

  /**
   * Records a diagnostic for every key not in {@code known} (catches typos), and one if this is
   * present but not a mapping.
   */
  public void allowOnly(Diagnostics d, Set<String> known) {
    if (isMissing()) {
      return;
    }
    if (!(node instanceof MappingNode)) {
      d.expected(this, "a mapping");
      return;
    }
    for (String k : keys()) {
      if (!known.contains(k)) {
        d.error(get(k), "unknown field '" + k + "'; expected one of " + new TreeSet<>(known));
      }
    }
  }

  // ---- scalars ----

  private Optional<String> scalar(Diagnostics d, String expected) {
    if (isMissing()) {
      return Optional.empty();
    }
    if (node instanceof ScalarNode s) {
      return Optional.of(s.getValue());
    }
    d.expected(this, expected);
    return Optional.empty();
  }

  /** A required value: records "expected ..., got nothing" when absent. */
  public ConfigNode require(Diagnostics d, String expected) {
    if (isMissing()) {
      d.error(this, "expected " + expected + ", got nothing (field is required)");
    }
    return this;
  }

  public String string(Diagnostics d, String dflt) {
    return scalar(d, "a string").orElse(dflt);
  }

  public long longIn(Diagnostics d, long min, long max, long dflt) {
    String expected = "an integer " + range(min, max);
    Optional<String> s = scalar(d, expected);
    if (s.isEmpty()) {
      return dflt;
    }
    try {
      long v = Long.parseLong(s.get().replace("_", ""));
      if (v < min || v > max) {
        d.expected(this, expected);
        return dflt;
      }
      return v;
    } catch (NumberFormatException e) {
      d.expected(this, expected);
      return dflt;
    }
  }

  public int intIn(Diagnostics d, int min, int max, int dflt) {
    return (int) longIn(d, min, max, dflt);
  }

  public double doubleIn(Diagnostics d, double min, double max, double dflt) {
    String expected = "a number " + (min == -Double.MAX_VALUE ? "" : ">= " + min)
        + (max == Double.MAX_VALUE ? "" : " <= " + max);
    Optional<String> s = scalar(d, expected.trim());
    if (s.isEmpty()) {
      return dflt;
    }
    try {
      double v = Double.parseDouble(s.get().replace("_", ""));
      if (Double.isNaN(v) || v < min || v > max) {
        d.expected(this, expected.trim());
        return dflt;
      }
      return v;
    } catch (NumberFormatException e) {
      d.expected(this, expected.trim());
      return dflt;
    }
  }

  public boolean bool(Diagnostics d, boolean dflt) {
    Optional<String> s = scalar(d, "true or false");
    if (s.isEmpty()) {
      return dflt;
    }
    return switch (s.get()) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> {
        d.expected(this, "true or false");
        yield dflt;
      }
    };
  }

  /** A duration such as {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, or several ({@code 1m30s}). */
  public Duration duration(Diagnostics d, Duration min, Duration dflt) {
    String expected = "a duration like 500ms, 5s, 2m or 1h" + (min.isZero() ? "" : " of at least " + formatDuration(min));
    Optional<String> s = scalar(d, expected);
    if (s.isEmpty()) {
      return dflt;
    }
    Optional<Duration> parsed = parseDuration(s.get());
    if (parsed.isEmpty() || parsed.get().compareTo(min) < 0) {
      d.expected(this, expected);
      return dflt;
    }
    return parsed.get();
  }

  /** The written form of a duration, as {@link #parseDuration} reads it: {@code 1m30s}, {@code 100ms}. */
  public static String formatDuration(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long h = duration.toHours();
    int m = duration.toMinutesPart();
    int s = duration.toSecondsPart();
    int ms = duration.toMillisPart();
    if (h > 0) {
      out.append(h).append('h');
    }
    if (m > 0) {
      out.append(m).append('m');
    }
    if (s > 0) {
      out.append(s).append('s');
    }
    if (ms > 0) {
      out.append(ms).append("ms");
    }
    return out.isEmpty() || duration.isNegative() ? duration.toString() : out.toString();
  }

  /** Parses {@code 250ms}, {@code 5s}, {@code 1m30s}; empty if malformed. */
  public static Optional<Duration> parseDuration(String text) {
    String t = text.trim();
    Matcher m = DURATION.matcher(t);
    Duration total = Duration.ZERO;
    int pos = 0;
    while (m.find() && m.start() == pos) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      });
      pos = m.end();
    }
    return pos == t.length() && pos > 0 ? Optional.of(total) : Optional.empty();
  }

  /**
   * A value parsed by {@code parser}; an IllegalArgumentException from it becomes a diagnostic
   * "expected {@code expected}, got ... (its message)".
   */
  public <T> Optional<T> parsed(Diagnostics d, String expected, Function<String, T> parser) {
    Optional<String> s = scalar(d, expected);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.apply(s.get()));
    } catch (IllegalArgumentException e) {
      d.error(this, "expected " + expected + ", got " + describe() + " (" + e.getMessage() + ")");
      return Optional.empty();
    }
  }

  /** A list of strings (a single scalar counts as a one-element list). */
  public List<String> strings(Diagnostics d) {
    if (isMissing()) {
      return List.of();
    }
    if (node instanceof ScalarNode s) {
      return List.of(s.getValue());
    }
    List<String> out = new ArrayList<>();
    for (ConfigNode item : items(d)) {
      item.scalar(d, "a string").ifPresent(out::add);
    }
    return Collections.unmodifiableList(out);
  }

  private static String range(long min, long max) {
    if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
      return "";
    }
    if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
      return ">= " + min;
    }
    return min + ".." + max;
  }
}
