package io.cuttle.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.common.config.HostPort;
import io.cuttle.controller.Controller;
import io.cuttle.controller.ControllerConfig;
import io.cuttle.controller.ControllerConfigParser;
import io.cuttle.daemon.Daemon;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.enforce.dryrun.DryRunAdapter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop's metrics on both real endpoints: a controller following a topology file and a daemon
 * with a handler over loopback. The branch's WAN link leaves the topology and comes back; the
 * counters and the reaction latencies move on the daemon's {@code /metrics} and, through its
 * reports, on the controller's.
 */
class LoopMetricsTest {
  private static final String MPLS = """
        - {name: branch-mpls, a: branch1, b: wan-hub, cost: 200}
      """;
  private static final String TOPOLOGY = """
      routers:
        - {name: core1, router-id: 10.255.0.1, areas: [0.0.0.0]}
        - {name: wan-hub, router-id: 10.255.0.10, areas: [0.0.0.0]}
        - {name: branch1, router-id: 10.255.2.1, areas: [0.0.0.0]}
      links:
        - {name: campus-wan1, a: core1, b: wan-hub, cost: 100}
      %s  - {name: branch-lte, a: branch1, b: wan-hub, cost: 2000}
      prefixes:
        - {prefix: 10.2.10.0/24, router: branch1, cost: 1}
      """;
  private static final String COMMIT_COUNT = "cuttle_daemon_reaction_latency_seconds_count{from=\"commit\"}";
  private static final String RECEIPT_COUNT = "cuttle_daemon_reaction_latency_seconds_count{from=\"receipt\"}";
  private static final String HOST_RECEIPT_COUNT =
      "cuttle_controller_host_reaction_latency_seconds_count{from=\"receipt\"}";
  private static final String HOST_COMMIT_COUNT = "cuttle_controller_host_reaction_latency_seconds_count{from=\"commit\"}";

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Controller controller;
  private Daemon daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (controller != null) {
      controller.close();
    }
    http.close();
  }

  @Test
  void countersAndReactionLatenciesMoveWithTheLoopOnBothEndpoints() throws Exception {
    Path file = dir.resolve("topology.yaml");
    Files.writeString(file, TOPOLOGY.formatted(MPLS));
    ControllerConfig config = ControllerConfigParser.parse("controller.yaml", """
        listen: 127.0.0.1:0
        metrics-listen: 127.0.0.1:0
        topology: {source: file, path: "%s", poll-interval: 100ms}
        annotation-spread: 0s
        annotations:
          sites:
            - name: branch
              prefixes: [10.2.0.0/16]
              uplinks: [{link: branch-mpls, inside: branch1}, {link: branch-lte, inside: branch1}]
        """.formatted(file));
    controller = Controller.start(config, Clock.systemUTC());
    await("the topology committed", () -> controller.store().current().site("branch").isPresent());

    Path handlers = Files.createDirectories(dir.resolve("state/handlers"));
    Files.writeString(handlers.resolve("wan-down.js"), """
        function exception(net) { return !net.links.some(l => l.name === 'branch-mpls'); }
        function fire(net, host) { register(h); }
        function h(net, host) {
          if (!exception(net)) { deregister(h); return; }
          block('backup');
        }
        """);
    DaemonConfig dc = DaemonConfig.defaults().withHostId("h7c-lm")
        .withControllers(List.of(new HostPort("127.0.0.1", controller.port()))).withStateDir(dir.resolve("state"))
        .withAdminListen(Optional.of(new HostPort("127.0.0.1", 0))).withPersistInterval(Duration.ZERO)
        .withReportInterval(Duration.ofMillis(300));
    daemon = Daemon.builder(dc).enforcementAdapter(new DryRunAdapter(line -> { })).start();
    await("the daemon holds the state",
        () -> daemon.state().version() == controller.store().current().version());
    await("reports arrive", () -> metric(ctl(), "cuttle_controller_reports_total") > 0);
    // The handler may already have reacted once, to the first snapshot (before it, its state had no link
    // at all): that reaction is timed from its receipt only, the snapshot's version being older than the daemon.
    await("the start-up settled", () -> metric(ctl(), HOST_RECEIPT_COUNT) == metric(host(), RECEIPT_COUNT));
    String c0 = ctl();
    String d0 = host();
    double r0 = metric(d0, COMMIT_COUNT);
    double rr0 = metric(d0, RECEIPT_COUNT);
    assertThat(r0).isZero();
    assertThat(metric(c0, HOST_COMMIT_COUNT)).isZero();
    assertThat(rr0).isLessThanOrEqualTo(1);
    assertThat(metric(c0, committed("link-added"))).as("the initial topology's links").isEqualTo(3);

    // The WAN link fails: one link removed, the site changed, the handler blocks 'backup'.
    write(file, TOPOLOGY.formatted(""));
    await("the daemon's reaction", () -> metric(host(), COMMIT_COUNT) == r0 + 1);
    String d1 = host();
    assertThat(metric(d1, RECEIPT_COUNT)).isEqualTo(rr0 + 1);
    assertThat(metric(d1, "cuttle_daemon_state_events_total{kind=\"link-removed\"}")).isEqualTo(1);
    assertThat(metric(d1, "cuttle_daemon_handler_runs_total{handler=\"wan-down\",result=\"fired\"}"))
        .isEqualTo(orZero(d0, "cuttle_daemon_handler_runs_total{handler=\"wan-down\",result=\"fired\"}") + 1);
    assertThat(metric(d1, "cuttle_daemon_restrictions_active{action=\"block\",outcome=\"pending\"}")).isEqualTo(1);
    String c1 = ctl();
    assertThat(metric(c1, committed("link-removed"))).isEqualTo(1);
    assertThat(metric(c1, committed("site-changed"))).isGreaterThan(metric(c0, committed("site-changed")));
    await("the reaction reported to the controller", () -> metric(ctl(), HOST_COMMIT_COUNT) == r0 + 1);
    await("the controller's status counts the block",
        () -> metric(ctl(), "cuttle_controller_status_restrictions{outcome=\"pending\"}") == 1);

    // The link recovers: the handler deregisters and the block goes; a second reaction on both sides.
    write(file, TOPOLOGY.formatted(MPLS));
    await("the daemon's second reaction", () -> metric(host(), COMMIT_COUNT) == r0 + 2);
    String d2 = host();
    assertThat(metric(d2, "cuttle_daemon_restrictions_active{action=\"block\",outcome=\"pending\"}")).isZero();
    assertThat(metric(d2, "cuttle_daemon_handler_runs_total{handler=\"wan-down\",result=\"deregistered\"}"))
        .isEqualTo(orZero(d0, "cuttle_daemon_handler_runs_total{handler=\"wan-down\",result=\"deregistered\"}") + 1);
    assertThat(metric(d2, "cuttle_daemon_state_events_total{kind=\"link-added\"}")).isEqualTo(1);
    await("the second reaction reported", () -> metric(ctl(), HOST_COMMIT_COUNT) == r0 + 2);
    assertThat(metric(ctl(), committed("link-added"))).isEqualTo(4);
    String c2 = ctl();
    double commitMs = 1000 * metric(d2, "cuttle_daemon_reaction_latency_seconds_sum{from=\"commit\"}");
    double receiptMs = 1000 * (metric(d2, "cuttle_daemon_reaction_latency_seconds_sum{from=\"receipt\"}")
        - metric(d0, "cuttle_daemon_reaction_latency_seconds_sum{from=\"receipt\"}"));
    assertThat(commitMs).as("from the commit takes at least as long as from the receipt")
        .isGreaterThanOrEqualTo(receiptMs);
    System.out.printf("loop over loopback: daemon reactions to deltas %.0f, mean %.1f ms from commit, %.1f ms from"
        + " receipt; controller saw %.0f, mean %.1f ms from commit%n", metric(d2, COMMIT_COUNT),
        commitMs / 2, receiptMs / 2,
        metric(c2, HOST_COMMIT_COUNT),
        1000 * metric(c2, "cuttle_controller_host_reaction_latency_seconds_sum{from=\"commit\"}")
            / metric(c2, HOST_COMMIT_COUNT));
    await("the controller's status has no block in force",
        () -> metric(ctl(), "cuttle_controller_status_restrictions{outcome=\"pending\"}") == 0);
  }

  private static String committed(String kind) {
    return "cuttle_controller_deltas_committed_total{kind=\"" + kind + "\"}";
  }

  private String ctl() {
    return get(controller.httpPort().orElseThrow());
  }

  private String host() {
    return get(daemon.adminAddress().orElseThrow().getPort());
  }

  private String get(int port) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static double orZero(String scrape, String series) {
    return scrape.lines().anyMatch(l -> l.startsWith(series + " ")) ? metric(scrape, series) : 0;
  }

  /** The value of one series in a Prometheus scrape; fails if the series is absent. */
  private static double metric(String scrape, String series) {
    return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
        .orElseThrow(() -> new AssertionError("expected series " + series + " in the scrape, got:\n" + scrape));
  }

  private static void write(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("%s within 20 s", what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
