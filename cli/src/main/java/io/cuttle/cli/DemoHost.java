package io.cuttle.cli;

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
 * A branch host of the demo: its namespace, its three iperf3 apps ({@code sync} low-priority,
 * {@code video} interactive, {@code backup} bulk, told apart by destination port) and its daemon,
 * configured by a {@code daemon.yaml} of its own (flow accounting and the Linux adapter in the host's
 * namespace, adapter names of its own) with the shipped {@code upstream-smoothing} and
 * {@code backup-link-bulk} handlers.
 */
final class DemoHost implements AutoCloseable {
  /** An app: name, class, destination port in the sink and payload pace. */
  record App(String name, String appClass, int port, long paceBps) {
  }

  static final String SMOOTHING_MANIFEST = """
      name: upstream-smoothing
      description: Rate-limit low-priority applications in proportion while a site's upstream load is above a threshold.
      priority: 0
      params:
        sites: {type: strings, default: [branch], description: sites whose upstream load is watched}
        threshold: {type: rate, default: 200Mbit/s, description: upstream load above which low-priority apps are limited}
      triggers: {tick: 60s, splay: 0s, debounce: 1, holdDown: 0s}
      """;
  static final String BULK_MANIFEST = """
      name: backup-link-bulk
      description: Block bulk transfers while this host's paths to other sites cross a link labelled backup.
      priority: 20
      params:
        label: {type: string, default: backup, description: link label marking backup links}
        bulkClass: {type: string, default: bulk, description: application class of bulk transfers}
      triggers: {tick: 1s, splay: 0s, debounce: 1, holdDown: 0s}
      """;

  final int n;
  final String address;
  final List<App> apps;
  final int tcMajor;
  private Daemon daemon;

  DemoHost(int n, String address, List<App> apps) {
    this.n = n;
    this.address = address;
    this.apps = List.copyOf(apps);
    this.tcMajor = 0xd0 + n;
  }

  String id() {
    return "branch-h" + n;
  }

  String table(WanLabRunner lab) {
    return lab.prefix + "_h" + n;
  }

  App app(String name) {
    return apps.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
  }

  /** This host's daemon.yaml: everything its adapter owns is named after the host. */
  String yaml(WanLabRunner lab) {
    StringBuilder rules = new StringBuilder();
    for (App a : apps) {
      rules.append("    - {name: %s, exe: /usr/bin/iperf3, cmdline: \"-p %d\", class: %s}\n"
          .formatted(a.name(), a.port(), a.appClass()));
    }
    String ns = lab.ns("h" + n);
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
        """.formatted(id(), address, ns, rules.toString().stripTrailing(), ns, table(lab), lab.cgroupParent(n),
        lab.uplink(n), tcMajor, ns);
  }

  void start(WanLabRunner lab, Path dir, int controllerPort) throws IOException {
    Path stateDir = Files.createDirectories(dir.resolve(id()));
    Path handlers = Files.createDirectories(stateDir.resolve("handlers"));
    for (String h : List.of("upstream-smoothing", "backup-link-bulk")) {
      try (InputStream js = DemoHost.class.getResourceAsStream("/io/cuttle/policies/" + h + ".js")) {
        if (js == null) {
          throw new IOException(h + ".js is not on the class path (module policies)");
        }
        Files.copy(js, handlers.resolve(h + ".js"));
      }
    }
    Files.writeString(handlers.resolve("upstream-smoothing.manifest.yaml"), SMOOTHING_MANIFEST);
    Files.writeString(handlers.resolve("backup-link-bulk.manifest.yaml"), BULK_MANIFEST);
    DaemonConfig config;
    try {
      config = DaemonConfigReader.parse(id() + ".yaml", yaml(lab))
          .withControllers(List.of(new HostPort("127.0.0.1", controllerPort))).withStateDir(stateDir);
    } catch (io.cuttle.common.config.ConfigException e) {
      throw new IOException("the demo's " + id() + ".yaml: " + e.getMessage(), e);
    }
    daemon = Daemon.builder(config).clock(Clock.systemUTC()).start();
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

  String detail(String app, ActionKind kind) {
    return daemon.enforcement().flatMap(EnforcementBridge::latest).flatMap(r -> r.of(app, kind))
        .map(o -> o.outcome() + ": " + o.detail()).orElse("-");
  }

  boolean seesAll(List<String> names) {
    return daemon.hostSnapshot().apps().stream().map(a -> a.app()).toList().containsAll(names);
  }

  List<String> kernelObjects(WanLabRunner lab) {
    return lab.adapterObjects(n, table(lab), tcMajor);
  }

  @Override
  public void close() {
    if (daemon != null) {
      daemon.close();
      daemon = null;
    }
  }
}
