package io.cuttle.cli;

import io.cuttle.cli.CuttleCommand.CliFailure;
import io.cuttle.common.config.HostPort;
import io.cuttle.controller.Controller;
import io.cuttle.controller.ControllerConfig;
import io.cuttle.controller.ControllerConfig.TopologySource;
import io.cuttle.daemon.Daemon;
import io.cuttle.daemon.admin.StateText;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.lab.WanLab;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Prefix;
import io.cuttle.netstate.path.PathSet;
import io.cuttle.netstate.path.SiteLoad;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cuttle demo}: where the lab can run (root, FRR, iperf3, nft), the WAN story of
 * {@link WanDemo}; otherwise (or with {@code --loopback}) a controller serving the example network
 * and two daemons on loopback, each printing the state it holds; then the branch's MPLS link fails
 * and both follow.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"As root with FRR, snmpd, iperf3 and nft: build a lab of FRR routers (a branch with a WAN link",
        "and a backup path), a controller on their OSPF API measuring the WAN over SNMP, and two branch hosts,",
        "each with a daemon and three apps of different classes; the upstream passes its threshold and the",
        "low-priority apps are capped in proportion; the WAN fails and bulk is blocked on the backup path; it",
        "recovers and every restriction disappears. Prints a timeline of measured throughput per app and",
        "the controller's status table. Elsewhere (or with --loopback): a controller with the example",
        "network and two daemons on loopback that follow a link failure. Leaves nothing behind."})
final class DemoCommand implements Callable<Integer> {
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

  @Spec
  CommandSpec spec;

  @Option(names = "--follow", description = "keep running after the demo and print every new version (Ctrl-C stops)")
  boolean follow;

  @Option(names = "--loopback", description = "run the loopback demo (no routers, no root needed) even where the lab can run")
  boolean loopback;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Optional<String> labCause = WanLab.unavailabilityCause();
    if (!loopback && labCause.isEmpty()) {
      return new WanDemo(out).run();
    }
    if (!loopback) {
      out.printf("the WAN demo cannot run here (%s); running the loopback demo instead%n%n", labCause.get());
    }
    Path dir = Files.createTempDirectory("cuttle-demo");
    ControllerConfig cc = new ControllerConfig(new HostPort("127.0.0.1", 0), Optional.of(new HostPort("127.0.0.1", 0)),
        new TopologySource.Example(), ControllerConfig.DEFAULT_HISTORY, ControllerConfig.DEFAULT_SUBSCRIBER_BUFFER,
        Duration.ofSeconds(1), java.util.OptionalLong.empty(), Duration.ZERO);
    try (Controller controller = Controller.start(cc, Clock.systemUTC());
        Daemon campusHost = daemon("campus-host", dir, controller);
        Daemon branchHost = daemon("branch-host", dir, controller)) {
      out.printf("controller on 127.0.0.1:%d (status: http://127.0.0.1:%d/status), daemons campus-host and branch-host%n%n",
          controller.port(), controller.httpPort().orElse(0));
      NetworkState served = awaitVersion(controller, List.of(campusHost, branchHost), 1);
      out.printf("== campus-host holds version %d of lineage %s ==%n", campusHost.state().version(),
          Long.toHexString(served.lineage().id()));
      out.print(StateText.render(campusHost.state()));
      out.printf("%n== branch-host holds version %d: %s ==%n%n", branchHost.state().version(),
          branchHost.state().equals(campusHost.state()) ? "identical to campus-host's" : "DIFFERENT from campus-host's");
      describeBranch(out, branchHost.state());

      Link mpls = served.linkNamed("branch-mpls").orElseThrow(() -> new CliFailure("example has no branch-mpls link"));
      controller.store().commit(ids -> List.of(new TopologyEvent.LinkStateChanged(mpls.id(), LinkState.DOWN)));
      long version = controller.store().current().version();
      out.printf("%n-- the controller learns that branch-mpls went down: version %d --%n%n", version);
      awaitVersion(controller, List.of(campusHost, branchHost), version);
      out.printf("both daemons hold version %d (identical: %s)%n", branchHost.state().version(),
          branchHost.state().equals(campusHost.state()) ? "yes" : "NO");
      describeBranch(out, branchHost.state());
      out.flush();
      if (follow) {
        follow(out, campusHost);
      }
    } finally {
      deleteTree(dir);
    }
    return 0;
  }

  private static Daemon daemon(String name, Path dir, Controller controller) throws IOException {
    DaemonConfig c = DaemonConfig.defaults().withHostId(name).withStateDir(dir.resolve(name))
        .withControllers(List.of(new HostPort("127.0.0.1", controller.port())))
        .withAdminListen(Optional.of(new HostPort("127.0.0.1", 0)));
    return Daemon.start(c, Clock.systemUTC());
  }

  /** What the branch host's daemon can now answer locally from the state it holds. */
  private static void describeBranch(PrintWriter out, NetworkState s) {
    var me = Prefix.parseAddress("10.2.10.7");
    var paths = s.paths();
    PathSet toCampus = paths.endpointOf(me).map(e -> paths.toSite(e, "campus")).orElse(PathSet.UNREACHABLE);
    String via = toCampus.paths().stream().findFirst()
        .map(p -> p.hops().stream().map(h -> s.links().get(h.link()).name()).collect(Collectors.joining(" > ")))
        .orElse("unreachable");
    out.printf("  branch-host 10.2.10.7 -> campus: cost %d via %s%n", toCampus.cost(), via);
    for (String name : List.of("branch-mpls", "branch-lte")) {
      Link l = s.linkNamed(name).orElseThrow();
      out.printf("  does my path to campus cross %s (%s, labels %s)? %s%n", name, l.state().name().toLowerCase(Locale.ROOT),
          s.annotation(l.id()).labels(), toCampus.crossing(l.id()));
    }
    SiteLoad load = paths.siteLoad("branch").orElseThrow();
    out.printf("  branch upstream: %s of %s (%s), %d of %d uplinks up%n", rate(load.upstreamBps()),
        rate(load.capacityBps()), load.upstreamUtilisation().stream()
            .mapToObj(u -> String.format(Locale.ROOT, "%.0f%%", u * 100)).findFirst().orElse("capacity unknown"),
        load.uplinksUp(), load.uplinksTotal());
  }

  static String rate(long bps) {
    if (bps >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f Gbit/s", bps / 1e9);
    }
    if (bps >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.1f Mbit/s", bps / 1e6);
    }
    return String.format(Locale.ROOT, "%.0f kbit/s", bps / 1e3);
  }

  private static NetworkState awaitVersion(Controller c, List<Daemon> daemons, long atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
    while (true) {
      boolean settled = c.settled(); // before reading the state: what it then holds is final
      NetworkState served = c.store().current();
      if (served.version() >= atLeast && settled && daemons.stream().allMatch(d -> d.state().version() == served.version())) {
        return served;
      }
      if (System.nanoTime() > deadline) {
        throw new CliFailure("daemons did not reach version " + served.version() + " within " + SYNC_TIMEOUT.toSeconds()
            + " s: " + daemons.stream().map(d -> d.config().hostId() + " at " + d.state().version() + " (" + d.status() + ")")
                .collect(Collectors.joining(", ")));
      }
      Thread.sleep(20);
    }
  }

  private static void follow(PrintWriter out, Daemon d) throws InterruptedException {
    out.println("\nfollowing campus-host's state (Ctrl-C stops) ...");
    out.flush();
    long seen = d.state().version();
    while (true) {
      long v = d.state().version();
      if (v != seen) {
        out.printf("campus-host now at version %d (staleness %d ms)%n", v, d.staleness().toMillis());
        out.flush();
        seen = v;
      }
      Thread.sleep(200);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

}
