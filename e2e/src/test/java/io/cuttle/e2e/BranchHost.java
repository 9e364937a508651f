package io.cuttle.e2e;

import io.cuttle.common.config.HostPort;
import io.cuttle.daemon.Daemon;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.daemon.config.DaemonConfigReader;
import io.cuttle.daemon.enforce.EnforcementBridge;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One branch host of the WAN lab with its daemon, configured entirely by {@code daemon.yaml}: flow
 * accounting in the host's namespace and the Linux adapter there too, under names of its own
 * ({@code enforcement:} mapping), with the shipped {@code upstream-smoothing} and
 * {@code backup-link-bulk} handlers. Its three apps are iperf3 clients told apart by destination port.
 */
final class BranchHost implements AutoCloseable {
  /** An app of the story: its name, class, destination port in the sink and payload pace. */
  record App(String name, String appClass, int port, long paceBps) {
  }

  final int n;
  final String address;
  final List<App> apps;
  final String table;
  final String cgroupParent;
  final int tcMajor;
  private Daemon daemon;

  BranchHost(int n, String address, List<App> apps) {
    this.n = n;
    this.address = address;
    this.apps = List.copyOf(apps);
    this.table = WanLab.PREFIX + "_h" + n;
    this.cgroupParent = WanLab.PREFIX + "-h" + n;
    this.tcMajor = 0xd0 + n;
  }

  String id() {
    return "branch-h" + n;
  }

  App app(String name) {
    return apps.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
  }

  /** The daemon.yaml of this host: everything the adapter owns is named after the host. */
  String yaml(WanLab lab) {
    StringBuilder rules = new StringBuilder();
    for (App a : apps) {
      rules.append("    - {name: %s, exe: /usr/bin/iperf3, cmdline: \"-p %d\", class: %s}\n"
          .formatted(a.name(), a.port(), a.appClass()));
    }
    return """
        host-id: %s
        address: %s
        report-interval: 1s
        admin-listen: off
        flows:
          interval: 500ms
          windows: [2s, 10s]
          capture: false
          netns: /run/netns/%s
          apps:
        %s
        enforcement:
          adapter: linux
          netns: %s
          nft-table: %s
          cgroup-parent: %s
          interfaces: [%s]
          tc-major: 0x%x
          ifb: %s-ifb
        """.formatted(id(), address, lab.hostNs(n), rules.toString().stripTrailing(), lab.hostNs(n), table,
        cgroupParent, lab.uplink(n), tcMajor, lab.hostNs(n));
  }

  void start(WanLab lab, Path dir, int controllerPort) throws Exception {
    Path stateDir = Files.createDirectories(dir.resolve(id()));
    Path handlers = Files.createDirectories(stateDir.resolve("handlers"));
    for (String h : List.of("upstream-smoothing", "backup-link-bulk")) {
      copy("/io/cuttle/policies/" + h + ".js", handlers.resolve(h + ".js"));
      copy("/handlers/" + h + ".manifest.yaml", handlers.resolve(h + ".manifest.yaml"));
    }
    DaemonConfig config = DaemonConfigReader.parse(id() + ".yaml", yaml(lab))
        .withControllers(List.of(new HostPort("127.0.0.1", controllerPort))).withStateDir(stateDir);
    daemon = Daemon.builder(config).clock(Clock.systemUTC()).start();
  }

  private static void copy(String resource, Path to) throws IOException {
    try (InputStream in = BranchHost.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("expected " + resource + " on the test class path, got nothing");
      }
      Files.copy(in, to);
    }
  }

  Daemon daemon() {
    return daemon;
  }

  /** The upload cap the handlers want for an app now. */
  OptionalLong cap(String app) {
    return daemon.policies().desired().of(app).map(AppRestriction::maxUpBps).orElse(OptionalLong.empty());
  }

  boolean nothingWanted() {
    return daemon.policies().desired().isEmpty();
  }

  Optional<RestrictionOutcome> outcome(String app, ActionKind kind) {
    return daemon.enforcement().flatMap(EnforcementBridge::latest).flatMap(r -> r.of(app, kind)).map(o -> o.outcome());
  }

  boolean seesAll(List<String> names) {
    return daemon.hostSnapshot().apps().stream().map(a -> a.app()).toList().containsAll(names);
  }

  List<String> leftovers(WanLab lab) {
    return lab.adapterLeftovers(n, table, tcMajor, cgroupParent);
  }

  void stopDaemon() {
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
