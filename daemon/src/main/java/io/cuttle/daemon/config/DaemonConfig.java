package io.cuttle.daemon.config;

import io.cuttle.common.config.HostPort;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a daemon needs to run, read from {@code daemon.yaml} by {@link DaemonConfigReader}.
 *
 * @param hostId          stable identity of this host towards the controllers
 * @param controllers     controller addresses, tried in order and round robin on failure
 * @param stateDir        where {@code state.pb} is kept across restarts
 * @param adminListen     where {@code /metrics} and {@code /state} are served (an empty host means
 *                        all interfaces); empty = off
 * @param reconnect       retry policy of the state subscription
 * @param reportInterval  how often a report is sent to the current controller
 * @param persistInterval the least time between two writes of the state file
 * @param flows           per-application flow accounting (off unless configured)
 * @param enforcement     {@code auto}, {@code none} or an adapter name
 * @param address         this host's address in the network, for handlers' path queries
 *                        ({@code net.self}, {@code net.pathTo}, {@code net.usesLabel}); empty = unknown
 * @param enforcementNames the names and places the enforcement adapter owns (nft table, cgroup
 *                        parent, tc handle, IFB, interfaces, network namespace)
 */
public record DaemonConfig(
    String hostId,
    List<HostPort> controllers,
    Path stateDir,
    Optional<HostPort> adminListen,
    ReconnectPolicy reconnect,
    Duration reportInterval,
    Duration persistInterval,
    FlowsConfig flows,
    String enforcement,
    Optional<InetAddress> address,
    EnforcementNames enforcementNames) {

  /** {@code enforcement}: the best available adapter. */
  public static final String ENFORCE_AUTO = "auto";
  /** {@code enforcement}: handlers decide, nothing is enforced. */
  public static final String ENFORCE_NONE = "none";

  public static final HostPort DEFAULT_CONTROLLER = new HostPort("127.0.0.1", 7420);
  public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/cuttle");
  public static final HostPort DEFAULT_ADMIN_LISTEN = new HostPort("127.0.0.1", 9421);
  public static final Duration DEFAULT_REPORT_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_PERSIST_INTERVAL = Duration.ofSeconds(1);

  public DaemonConfig {
    Objects.requireNonNull(hostId, "hostId");
    if (hostId.isBlank()) {
      throw new IllegalArgumentException("host id must not be empty");
    }
    controllers = List.copyOf(controllers);
    if (controllers.isEmpty()) {
      throw new IllegalArgumentException("at least one controller address is needed");
    }
    for (HostPort c : controllers) {
      if (c.host().isEmpty() || c.port() == 0) {
        throw new IllegalArgumentException("controller " + c + " needs a host and a port 1..65535");
      }
    }
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(adminListen, "adminListen");
    Objects.requireNonNull(reconnect, "reconnect");
    requirePositive(reportInterval, "report interval");
    Objects.requireNonNull(persistInterval, "persistInterval");
    if (persistInterval.isNegative()) {
      throw new IllegalArgumentException("persist interval must not be negative, got " + persistInterval);
    }
    Objects.requireNonNull(flows, "flows");
    Objects.requireNonNull(enforcement, "enforcement");
    if (enforcement.isBlank()) {
      throw new IllegalArgumentException("enforcement: expected auto, none or an adapter name, got an empty string");
    }
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(enforcementNames, "enforcementNames");
  }

  /** A configuration whose adapter owns the default names. */
  public DaemonConfig(String hostId, List<HostPort> controllers, Path stateDir, Optional<HostPort> adminListen,
      ReconnectPolicy reconnect, Duration reportInterval, Duration persistInterval, FlowsConfig flows,
      String enforcement, Optional<InetAddress> address) {
    this(hostId, controllers, stateDir, adminListen, reconnect, reportInterval, persistInterval, flows, enforcement,
        address, EnforcementNames.defaults());
  }

  /** This configuration with other names owned by the enforcement adapter. */
  public DaemonConfig withEnforcementNames(EnforcementNames names) {
    return new DaemonConfig(hostId, controllers, stateDir, adminListen, reconnect, reportInterval, persistInterval,
        flows, enforcement, address, names);
  }

  /** A configuration whose host address is unknown. */
  public DaemonConfig(String hostId, List<HostPort> controllers, Path stateDir, Optional<HostPort> adminListen,
      ReconnectPolicy reconnect, Duration reportInterval, Duration persistInterval, FlowsConfig flows,
      String enforcement) {
    this(hostId, controllers, stateDir, adminListen, reconnect, reportInterval, persistInterval, flows, enforcement,
        Optional.empty());
  }

  /** A configuration with the best available enforcement adapter. */
  public DaemonConfig(String hostId, List<HostPort> controllers, Path stateDir, Optional<HostPort> adminListen,
      ReconnectPolicy reconnect, Duration reportInterval, Duration persistInterval, FlowsConfig flows) {
    this(hostId, controllers, stateDir, adminListen, reconnect, reportInterval, persistInterval, flows, ENFORCE_AUTO);
  }

  /** A configuration without flow accounting. */
  public DaemonConfig(String hostId, List<HostPort> controllers, Path stateDir, Optional<HostPort> adminListen,
      ReconnectPolicy reconnect, Duration reportInterval, Duration persistInterval) {
    this(hostId, controllers, stateDir, adminListen, reconnect, reportInterval, persistInterval,
        FlowsConfig.disabled());
  }

  /** This configuration with another enforcement choice: {@code auto}, {@code none} or an adapter name. */
  public DaemonConfig withEnforcement(String e) {
    return new DaemonConfig(hostId, controllers, stateDir, adminListen, reconnect, reportInterval, persistInterval,
        flows, e, address, enforcementNames);
  }

  private static void requirePositive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }

  /** The configuration used when {@code daemon.yaml} says nothing. */
  public static DaemonConfig defaults() {
    return new DaemonConfig(localHostName(), List.of(DEFAULT_CONTROLLER), DEFAULT_STATE_DIR,
        Optional.of(DEFAULT_ADMIN_LISTEN), ReconnectPolicy.DEFAULT, DEFAULT_REPORT_INTERVAL,
        DEFAULT_PERSIST_INTERVAL);
  }

  /** This machine's host name; {@code localhost} if it has none that resolves. */
  public static String localHostName() {
    try {
      String name = InetAddress.getLocalHost().getHostName();
      if (name != null && !name.isBlank()) {
        return name;
      }
    } catch (UnknownHostException e) {
      // The host name does not resolve (common in containers); fall through to the environment.
    }
    String env = System.getenv("HOSTNAME");
    return env != null && !env.isBlank() ? env : "localhost";
  }

  public DaemonConfig withHostId(String id) {
    return new DaemonConfig(id, controllers, stateDir, adminListen, reconnect, reportInterval, persistInterval, flows, enforcement, address, enforcementNames);
  }

  public DaemonConfig withControllers(List<HostPort> c) {
    return new DaemonConfig(hostId, c, stateDir, adminListen, reconnect, reportInterval, persistInterval, flows, enforcement, address, enforcementNames);
  }

  public DaemonConfig withStateDir(Path dir) {
    return new DaemonConfig(hostId, controllers, dir, adminListen, reconnect, reportInterval, persistInterval, flows, enforcement, address, enforcementNames);
  }

  public DaemonConfig withAdminListen(Optional<HostPort> listen) {
    return new DaemonConfig(hostId, controllers, stateDir, listen, reconnect, reportInterval, persistInterval, flows, enforcement, address, enforcementNames);
  }

  public DaemonConfig withReconnect(ReconnectPolicy r) {
    return new DaemonConfig(hostId, controllers, stateDir, adminListen, r, reportInterval, persistInterval, flows, enforcement, address, enforcementNames);
  }

  public DaemonConfig withReportInterval(Duration d) {
    return new DaemonConfig(hostId, controllers, stateDir, adminListen, reconnect, d, persistInterval, flows, enforcement, address, enforcementNames);
  }

  public DaemonConfig withFlows(FlowsConfig f) {
    return new DaemonConfig(hostId, controllers, stateDir, adminListen, reconnect, reportInterval, persistInterval, f, enforcement, address, enforcementNames);
  }

  /** This configuration with the host's own address (for path queries in handlers). */
  public DaemonConfig withAddress(Optional<InetAddress> a) {
    return new DaemonConfig(hostId, controllers, stateDir, adminListen, reconnect, reportInterval, persistInterval,
        flows, enforcement, a, enforcementNames);
  }

  public DaemonConfig withPersistInterval(Duration d) {
    return new DaemonConfig(hostId, controllers, stateDir, adminListen, reconnect, reportInterval, d, flows, enforcement, address, enforcementNames);
  }
}
