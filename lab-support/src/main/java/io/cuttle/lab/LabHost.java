package io.cuttle.lab;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.HostPort;
import io.cuttle.daemon.Daemon;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.daemon.config.DaemonConfigReader;
import io.cuttle.daemon.enforce.EnforcementBridge;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A branch host of the WAN lab (host {@code n}, 1 or 2) with its daemon, configured entirely by a
 * {@code daemon.yaml} of its own: flow accounting in the host's namespace and the Linux adapter there
 * too, under names of its own (nft table {@code P_hN}, cgroup parent {@code P-hN}, tc major
 * {@code 0xd0+N}, ifb {@code P-hN-ifb}), with the shipped {@code upstream-smoothing} and
 * {@code backup-link-bulk} handlers. Its apps are iperf3 clients told apart by destination port.
 */
public final class LabHost implements AutoCloseable {
  /** The handlers every lab host runs: the shipped scripts with the lab's manifests. */
  public static final List<String> HANDLERS = List.of("upstream-smoothing", "backup-link-bulk");

  /** An app: its name, class, destination port in the sink and payload pace (bit/s). */
  public record App(String name, String appClass, int port, long paceBps) {
    /** This app's rule in {@code flows.apps} of a daemon.yaml: iperf3 with its port on the command line. */
    public String rule() {
      return "{name: %s, exe: /usr/bin/iperf3, cmdline: \"-p %d\", class: %s}".formatted(name, port, appClass);
    }
  }

  private static final long M = 1_000_000L;

  public final int n;
  public final String address;
  /** The host's namespace and its uplink, named as {@link WanLab} names them. */
  public final String netns;
  public final String uplink;
  public final List<App> apps;
  public final String table;
  public final String cgroupParent;
  public final int tcMajor;
  private Daemon daemon;

  /** Host {@code n} of the {@link WanLab} under {@code prefix}, at {@code address}, running {@code apps}. */
  public LabHost(String prefix, int n, String address, List<App> apps) {
    this.n = n;
    this.address = address;
    this.netns = WanLab.hostNs(prefix, n);
    this.uplink = WanLab.uplink(prefix, n);
    this.apps = List.copyOf(apps);
    this.table = prefix + "_h" + n;
    this.cgroupParent = prefix + "-h" + n;
    this.tcMajor = 0xd0 + n;
  }

  /**
   * The two hosts of the lab's story, each with {@code sync} (low-priority), {@code video} (interactive)
   * and {@code backup} (bulk): host 1 paced 50, 50 and 15 Mbit/s on ports 5411-5413, host 2 80, 50 and 15
   * Mbit/s on ports 5421-5423.
   */
  public static List<LabHost> story(String prefix) {
    return List.of(
        new LabHost(prefix, 1, WanLab.HOST_IP, List.of(new App("sync", "low-priority", 5411, 50 * M),
            new App("video", "interactive", 5412, 50 * M), new App("backup", "bulk", 5413, 15 * M))),
        new LabHost(prefix, 2, WanLab.HOST2_IP, List.of(new App("sync", "low-priority", 5421, 80 * M),
            new App("video", "interactive", 5422, 50 * M), new App("backup", "bulk", 5423, 15 * M))));
  }

  public String id() {
    return "branch-h" + n;
  }

  /** The app named {@code name}; throws when the host has none. */
  public App app(String name) {
    return apps.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow(
        () -> new IllegalArgumentException("expected an app of " + apps + ", got " + name));
  }

  /** The daemon.yaml of this host: everything the adapter owns is named after the host. */
  public String yaml() {
    return LabDaemons.yaml(id(), address, netns, List.of(), apps.stream().map(App::rule).toList()) + """
        enforcement:
          adapter: linux
          netns: %s
          nft-table: %s
          cgroup-parent: %s
          interfaces: [%s]
          tc-major: 0x%x
          ifb: %s-ifb
        """.formatted(netns, table, cgroupParent, uplink, tcMajor, netns);
  }

  /**
   * Writes the handlers into {@code dir/<id>/handlers} and starts the daemon against the controller
   * on {@code 127.0.0.1:controllerPort}.
   *
   * @throws IOException when a handler is missing from the class path or the daemon.yaml is refused
   */
  public void start(Path dir, int controllerPort) throws IOException {
    Path stateDir = Files.createDirectories(dir.resolve(id()));
    Path handlers = Files.createDirectories(stateDir.resolve("handlers"));
    for (String h : HANDLERS) {
      LabDaemons.installHandler(handlers, h);
    }
    DaemonConfig config;
    try {
      config = DaemonConfigReader.parse(id() + ".yaml", yaml())
          .withControllers(List.of(new HostPort("127.0.0.1", controllerPort))).withStateDir(stateDir);
    } catch (ConfigException e) {
      throw new IOException(id() + ".yaml: " + e.getMessage(), e);
    }
    daemon = Daemon.builder(config).clock(Clock.systemUTC()).start();
  }

  /** The running daemon; throws before {@link #start} and after {@link #stopDaemon}. */
  public Daemon daemon() {
    if (daemon == null) {
      throw new IllegalStateException("expected the daemon of " + id() + " running, got none");
    }
    return daemon;
  }

  /** The upload cap the handlers want for an app now. */
  public OptionalLong cap(String app) {
    return daemon().policies().desired().of(app).map(AppRestriction::maxUpBps).orElse(OptionalLong.empty());
  }

  /** Whether the handlers want no restriction at all. */
  public boolean nothingWanted() {
    return daemon().policies().desired().isEmpty();
  }

  /** The adapter's latest outcome for an app's action, if it has one. */
  public Optional<RestrictionOutcome> outcome(String app, ActionKind kind) {
    return daemon().enforcement().flatMap(EnforcementBridge::latest).flatMap(r -> r.of(app, kind))
        .map(o -> o.outcome());
  }

  /** The adapter's latest outcome and its detail for an app's action, or {@code -}. */
  public String detail(String app, ActionKind kind) {
    return daemon().enforcement().flatMap(EnforcementBridge::latest).flatMap(r -> r.of(app, kind))
        .map(o -> o.outcome() + ": " + o.detail()).orElse("-");
  }

  /** Whether flow accounting sees every named app. */
  public boolean seesAll(List<String> names) {
    return daemon().hostSnapshot().apps().stream().map(a -> a.app()).toList().containsAll(names);
  }

  /** What this host's adapter has in the kernel, each line {@code hN: } and an {@link AdapterObjects} line. */
  public List<String> leftovers() {
    return AdapterObjects.list(netns, table, uplink, tcMajor, cgroupParent).stream()
        .map(l -> "h" + n + ": " + l).toList();
  }

  public void stopDaemon() {
    if (daemon != null) {
      daemon.close();
      daemon = null;
    }
  }

  @Override
  public void close() {
    stopDaemon();
  }
}
