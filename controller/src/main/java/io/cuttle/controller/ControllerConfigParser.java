package io.cuttle.controller;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostics;
import io.cuttle.common.config.HostPort;
import io.cuttle.controller.ControllerConfig.TopologySource;
import io.cuttle.controller.annotation.AnnotationSettings;
import io.cuttle.controller.annotation.AnnotationSettingsReader;
import io.cuttle.controller.status.StatusConfigReader;
import io.cuttle.controller.status.StatusOptions;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads {@code controller.yaml} into a {@link ControllerConfig}. Every problem in the file is
 * reported at once, each with line, field and "expected X, got Y"; absent fields take their
 * defaults, so an empty file is {@link ControllerConfig#defaults()}.
 */
public final class ControllerConfigParser {
  private static final Set<String> FIELDS = Set.of("listen", "metrics-listen", "topology", "history",
      "subscriber-buffer", "heartbeat", "lineage-id", "linger", "annotation-spread", "annotations", "status");
  private static final Set<String> TOPOLOGY_FIELDS = Set.of("source", "path", "poll-interval", "api",
      "record", "speed");
  private static final String SOURCES = "example, file, ospf, ospf-snapshot or ospf-replay";
  private static final String HOST_PORT = "host:port (like 127.0.0.1:7420 or [::1]:7420)";
  private static final String LINEAGE_ID = "a non-zero hex number of at most 16 digits, like 5eed1e55";

  private ControllerConfigParser() {}

  /**
   * Reads {@code file}. A relative topology {@code path} is resolved against the directory of
   * {@code file}, so a config and its topology can be moved together.
   */
  public static ControllerConfig read(Path file) throws ConfigException {
    Path dir = file.toAbsolutePath().getParent();
    return parse(ConfigNode.read(file), dir);
  }

  /**
   * Parses YAML text; a relative topology {@code path} is kept as written.
   *
   * @param source what to call the text in diagnostics, usually its file path
   */
  public static ControllerConfig parse(String source, String text) throws ConfigException {
    return parse(ConfigNode.parse(source, text), null);
  }

  private static ControllerConfig parse(ConfigNode root, Path baseDir) throws ConfigException {
    Diagnostics d = new Diagnostics();
    if (root.isMissing()) {
      return ControllerConfig.defaults();
    }
    if (!root.isMap()) {
      d.expected(root, "a mapping of controller settings " + FIELDS);
      d.throwIfAny();
    }
    root.allowOnly(d, FIELDS);
    HostPort listen = hostPort(root.get("listen"), d).orElse(ControllerConfig.DEFAULT_LISTEN);
    Optional<HostPort> metrics = metricsListen(root.get("metrics-listen"), d);
    TopologySource topology = topology(root.get("topology"), d, baseDir);
    int history = root.get("history").intIn(d, ControllerConfig.MIN_HISTORY, ControllerConfig.MAX_QUEUE,
        ControllerConfig.DEFAULT_HISTORY);
    int buffer = root.get("subscriber-buffer").intIn(d, ControllerConfig.MIN_SUBSCRIBER_BUFFER,
        ControllerConfig.MAX_QUEUE, ControllerConfig.DEFAULT_SUBSCRIBER_BUFFER);
    Duration heartbeat = root.get("heartbeat").duration(d, ControllerConfig.MIN_HEARTBEAT,
        ControllerConfig.DEFAULT_HEARTBEAT);
    Duration linger = root.get("linger").duration(d, Duration.ZERO, ControllerConfig.DEFAULT_LINGER);
    if (linger.compareTo(ControllerConfig.MAX_LINGER) > 0) {
      d.expected(root.get("linger"), "a duration of at most " + ConfigNode.formatDuration(ControllerConfig.MAX_LINGER));
      linger = ControllerConfig.DEFAULT_LINGER;
    }
    Duration spread = root.get("annotation-spread").duration(d, Duration.ZERO,
        ControllerConfig.DEFAULT_ANNOTATION_SPREAD);
    if (!spread.isZero() && (spread.compareTo(ControllerConfig.ANNOTATION_TICK) < 0
        || spread.compareTo(ControllerConfig.MAX_ANNOTATION_SPREAD) > 0)) {
      d.expected(root.get("annotation-spread"), "0 or a duration of "
          + ConfigNode.formatDuration(ControllerConfig.ANNOTATION_TICK) + ".."
          + ConfigNode.formatDuration(ControllerConfig.MAX_ANNOTATION_SPREAD));
      spread = ControllerConfig.DEFAULT_ANNOTATION_SPREAD;
    }
    Optional<Long> lineage = root.get("lineage-id").parsed(d, LINEAGE_ID, ControllerConfigParser::parseLineageId);
    Optional<AnnotationSettings> annotations = AnnotationSettingsReader.read(root.get("annotations"), d);
    StatusOptions status = StatusConfigReader.read(root.get("status"), d, baseDir);
    d.throwIfAnyInFileOrder();
    return new ControllerConfig(listen, metrics, topology, history, buffer, heartbeat,
        lineage.map(OptionalLong::of).orElse(OptionalLong.empty()), linger, spread, annotations, status);
  }

  private static Optional<HostPort> hostPort(ConfigNode n, Diagnostics d) {
    return n.parsed(d, HOST_PORT, HostPort::parse);
  }

  /** Empty when turned {@code off}. */
  private static Optional<HostPort> metricsListen(ConfigNode n, Diagnostics d) {
    return n.parsed(d, HOST_PORT + " or off",
            text -> "off".equals(text.trim()) ? Optional.<HostPort>empty() : Optional.of(HostPort.parse(text)))
        .orElse(Optional.of(ControllerConfig.DEFAULT_METRICS_LISTEN));
  }

  /**
   * The topology source: {@code ospf} when an api is given, {@code file} when a path is given,
   * otherwise {@code example} by default.
   */
  private static TopologySource topology(ConfigNode n, Diagnostics d, Path baseDir) {
    n.allowOnly(d, TOPOLOGY_FIELDS);
    ConfigNode pathNode = n.get("path");
    Optional<Path> path = pathNode.parsed(d, "a file path", text -> toPath(text, baseDir));
    Duration interval = n.get("poll-interval").duration(d, ControllerConfig.MIN_POLL_INTERVAL,
        ControllerConfig.DEFAULT_POLL_INTERVAL);
    ConfigNode sourceNode = n.get("source");
    String dflt = !n.get("api").isMissing() ? "ospf" : pathNode.isMissing() ? "example" : "file";
    String source = sourceNode.string(d, dflt).toLowerCase(Locale.ROOT);
    if (Set.of("example", "file", "ospf", "ospf-snapshot", "ospf-replay").contains(source)) {
      onlyWith(n, d, source, "api", "ospf");
      onlyWith(n, d, source, "record", "ospf");
      onlyWith(n, d, source, "speed", "ospf-replay");
      onlyWith(n, d, source, "poll-interval", "file");
    }
    switch (source) {
      case "example" -> {
        if (!pathNode.isMissing()) {
          d.error(pathNode, "expected no path with source 'example' (the embedded example is used), got "
              + pathNode.describe());
        }
        return new TopologySource.Example();
      }
      case "file", "ospf-snapshot", "ospf-replay" -> {
        if (pathNode.isMissing()) {
          d.error(pathNode, "expected the path of a " + (source.equals("file") ? "topology file"
              : source.equals("ospf-snapshot") ? "vtysh LSDB JSON file" : "recorded LSA event file")
              + " with source '" + source + "', got nothing");
        }
        if (path.isEmpty()) {
          return new TopologySource.Example();
        }
        return switch (source) {
          case "file" -> new TopologySource.FromFile(path.get(), interval);
          case "ospf-snapshot" -> new TopologySource.OspfSnapshot(path.get());
          default -> new TopologySource.OspfReplay(path.get(), speed(n.get("speed"), d));
        };
      }
      case "ospf" -> {
        if (!pathNode.isMissing()) {
          d.error(pathNode, "expected no path with source 'ospf' (it reads ospfd's API), got " + pathNode.describe());
        }
        HostPort api = hostPort(n.get("api"), d).orElse(new HostPort("127.0.0.1", 2607));
        Optional<Path> record = n.get("record").parsed(d, "a file path", text -> toPath(text, baseDir));
        return new TopologySource.Ospf(api, record);
      }
      default -> {
        d.expected(sourceNode, SOURCES);
        return new TopologySource.Example();
      }
    }
  }

  private static void onlyWith(ConfigNode n, Diagnostics d, String source, String field, String allowed) {
    ConfigNode f = n.get(field);
    if (!f.isMissing() && !source.equals(allowed)) {
      d.error(f, "expected " + field + " only with source '" + allowed + "', got it with source '" + source + "'");
    }
  }

  /** A positive number (1 = real time) or {@code max}. */
  private static double speed(ConfigNode n, Diagnostics d) {
    return n.parsed(d, "a positive number (1 = real time) or max", text -> {
      if ("max".equals(text.trim())) {
        return Double.POSITIVE_INFINITY;
      }
      double v = Double.parseDouble(text.trim());
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("not a positive number");
      }
      return v;
    }).orElse(1.0);
  }

  private static Path toPath(String text, Path baseDir) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("the path is empty");
    }
    try {
      Path p = Path.of(text);
      return baseDir == null || p.isAbsolute() ? p : baseDir.resolve(p).normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  static long parseLineageId(String text) {
    String t = text.trim();
    if (t.startsWith("0x") || t.startsWith("0X")) {
      t = t.substring(2);
    }
    if (!t.matches("[0-9a-fA-F]{1,16}")) {
      throw new IllegalArgumentException("not hex digits");
    }
    long v = Long.parseUnsignedLong(t, 16);
    if (v == 0) {
      throw new IllegalArgumentException("0 means no lineage");
    }
    return v;
  }
}
