package io.cuttle.daemon.config;

import io.cuttle.common.config.HostPort;
import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostics;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code daemon.yaml}. Every problem (unknown field, wrong type, out-of-range value) is a
 * diagnostic with file, line, column, field, what was expected and what was found; all of them
 * are reported at once in a {@link ConfigException}. Absent fields take their defaults; an empty
 * file is the default configuration.
 *
 * <pre>
 * host-id: web-17                      # default: this machine's host name
 * controllers: [10.0.0.1:7420, 10.0.0.2:7420]
 * state-dir: /var/lib/cuttle           # relative paths count from the file's directory
 * admin-listen: 127.0.0.1:9421         # or :9421 (all interfaces), or off
 * reconnect: {initial: 200ms, max: 30s, multiplier: 2.0, jitter: 0.2}
 * report-interval: 30s
 * persist-interval: 1s
 * enforcement: {adapter: linux, cgroup-parent: cuttle-h1, netns: h1}   # or just: linux
 * </pre>
 */
public final class DaemonConfigReader {
  private static final Set<String> FIELDS = Set.of("host-id", "address", "controllers", "state-dir", "admin-listen",
      "reconnect", "report-interval", "persist-interval", "flows", "enforcement");
  private static final Set<String> RECONNECT_FIELDS = Set.of("initial", "max", "multiplier", "jitter");
  private static final String HOST_PORT = "an address host:port";

  private DaemonConfigReader() {}

  /** Reads a file; relative {@code state-dir} paths count from the file's directory. */
  public static DaemonConfig read(Path file) throws ConfigException {
    Path dir = file.toAbsolutePath().getParent();
    return fromYaml(ConfigNode.read(file), dir);
  }

  /** Parses YAML text; {@code fileName} only labels diagnostics. Relative paths stay relative. */
  public static DaemonConfig parse(String fileName, String text) throws ConfigException {
    return fromYaml(ConfigNode.parse(fileName, text), null);
  }

  private static DaemonConfig fromYaml(ConfigNode root, Path baseDir) throws ConfigException {
    Diagnostics d = new Diagnostics();
    if (!root.isMissing() && !root.isMap()) {
      d.expected(root, "a mapping of daemon settings (host-id, controllers, ...)");
      d.throwIfAny();
    }
    root.allowOnly(d, FIELDS);
    String hostId = hostId(root.get("host-id"), d);
    List<HostPort> controllers = controllers(root.get("controllers"), d);
    Path stateDir = root.get("state-dir")
        .parsed(d, "a directory path", Path::of)
        .map(p -> baseDir == null ? p : baseDir.resolve(p))
        .orElse(DaemonConfig.DEFAULT_STATE_DIR);
    Optional<HostPort> admin = adminListen(root.get("admin-listen"), d);
    ReconnectPolicy reconnect = reconnect(root.get("reconnect"), d);
    Duration report = root.get("report-interval")
        .duration(d, Duration.ofMillis(100), DaemonConfig.DEFAULT_REPORT_INTERVAL);
    Duration persist = root.get("persist-interval")
        .duration(d, Duration.ZERO, DaemonConfig.DEFAULT_PERSIST_INTERVAL);
    FlowsConfig flows = FlowsConfigReader.read(root.get("flows"), d);
    EnforcementConfigReader.Read enforcement = EnforcementConfigReader.read(root.get("enforcement"), d);
    Optional<InetAddress> address = root.get("address").parsed(d, "an IPv4 or IPv6 address like 10.1.2.3",
        DaemonConfigReader::address);
    d.throwIfAny();
    return new DaemonConfig(hostId, controllers, stateDir, admin, reconnect, report, persist, flows,
        enforcement.adapter(), address, enforcement.names());
  }

  /** A literal address only: a name would need a DNS lookup while the configuration is read. */
  private static InetAddress address(String text) {
    if (!text.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      throw new IllegalArgumentException("not an address literal");
    }
    try {
      return InetAddress.getByName(text);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("not an address literal", e);
    }
  }

  private static String hostId(ConfigNode n, Diagnostics d) {
    if (n.isMissing()) {
      return DaemonConfig.localHostName();
    }
    String id = n.string(d, "");
    if (id.isBlank() || id.chars().anyMatch(Character::isWhitespace) || id.length() > 253) {
      d.expected(n, "a host id without spaces, 1..253 characters");
    }
    return id.isBlank() ? "invalid" : id;
  }

  private static List<HostPort> controllers(ConfigNode n, Diagnostics d) {
    if (n.isMissing()) {
      return List.of(DaemonConfig.DEFAULT_CONTROLLER);
    }
    if (n.isMap()) {
      d.expected(n, "a list of controller addresses host:port");
      return List.of(DaemonConfig.DEFAULT_CONTROLLER);
    }
    List<ConfigNode> items = n.isList() ? n.items(d) : List.of(n);
    if (items.isEmpty()) {
      d.error(n, "expected at least one controller address host:port, got an empty list");
    }
    List<HostPort> out = new ArrayList<>();
    Set<HostPort> seen = new HashSet<>();
    for (ConfigNode item : items) {
      item.parsed(d, HOST_PORT + " with a port 1..65535", DaemonConfigReader::controllerAddress)
          .ifPresent(hp -> {
            if (!seen.add(hp)) {
              d.error(item, "duplicate controller address " + hp);
            }
            out.add(hp);
          });
    }
    return out.isEmpty() ? List.of(DaemonConfig.DEFAULT_CONTROLLER) : out;
  }

  private static HostPort controllerAddress(String text) {
    HostPort hp = HostPort.parse(text);
    if (hp.host().isEmpty()) {
      throw new IllegalArgumentException("a controller needs a host");
    }
    if (hp.port() == 0) {
      throw new IllegalArgumentException("a controller needs a port 1..65535");
    }
    return hp;
  }

  private static Optional<HostPort> adminListen(ConfigNode n, Diagnostics d) {
    if (n.isMissing()) {
      return Optional.of(DaemonConfig.DEFAULT_ADMIN_LISTEN);
    }
    String expected = HOST_PORT + " (:port = all interfaces, port 0 = any free port) or off";
    if (!n.isMap() && !n.isList() && "off".equals(n.string(d, null))) {
      return Optional.empty();
    }
    return n.parsed(d, expected, HostPort::parse).or(() -> Optional.of(DaemonConfig.DEFAULT_ADMIN_LISTEN));
  }

  private static ReconnectPolicy reconnect(ConfigNode n, Diagnostics d) {
    ReconnectPolicy dflt = ReconnectPolicy.DEFAULT;
    if (n.isMissing()) {
      return dflt;
    }
    n.allowOnly(d, RECONNECT_FIELDS);
    if (!n.isMap()) {
      return dflt;
    }
    Duration initial = n.get("initial").duration(d, Duration.ofMillis(1), dflt.initial());
    ConfigNode maxNode = n.get("max");
    Duration max = maxNode.duration(d, Duration.ofMillis(1), dflt.max().compareTo(initial) < 0 ? initial : dflt.max());
    if (max.compareTo(initial) < 0) {
      d.error(maxNode, "expected a duration of at least reconnect.initial (" + initial.toMillis() + "ms), got "
          + maxNode.describe());
      max = initial;
    }
    double multiplier = n.get("multiplier").doubleIn(d, 1.0, 100.0, dflt.multiplier());
    double jitter = n.get("jitter").doubleIn(d, 0.0, 1.0, dflt.jitter());
    return new ReconnectPolicy(initial, max, multiplier, jitter);
  }
}
