package io.cuttle.daemon;

import static io.cuttle.daemon.fake.TestStates.LINEAGE;
import static io.cuttle.daemon.fake.TestStates.backboneDown;
import static io.cuttle.daemon.fake.TestStates.costUp;
import static io.cuttle.daemon.fake.TestStates.deltas;
import static io.cuttle.daemon.fake.TestStates.office;
import static io.cuttle.daemon.fake.TestStates.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.common.config.HostPort;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.daemon.fake.Await;
import io.cuttle.daemon.fake.FakeStateDistribution;
import io.cuttle.daemon.fake.TestClock;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import io.cuttle.daemon.fake.TestStates;
import io.cuttle.enforce.dryrun.DryRunAdapter;
import io.cuttle.enforce.fake.RecordingAdapter;
import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.wire.v1.HostReport;
import io.cuttle.wire.v1.RestrictionOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A daemon with a handler directory: handlers run on state changes and /handlers explains them. */
class DaemonHandlersTest {
  @TempDir
  Path stateDir;

  private final FakeStateDistribution ctl = new FakeStateDistribution();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Server server;
  private Daemon daemon;

  @AfterEach
  void stop() throws InterruptedException {
    if (daemon != null) {
      daemon.close();
    }
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    http.close();
  }

  private String get(String path) throws Exception {
    InetSocketAddress admin = daemon.adminAddress().orElseThrow();
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.getPort() + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void handlersRunOnStateChangesAndAreExplained() throws Exception {
    Path handlers = Files.createDirectories(stateDir.resolve("handlers"));
    Files.writeString(handlers.resolve("link-down.js"), """
        function exception(net) { return net.links.some(l => !l.up); }
        function fire(net, host) { register(h); }
        function h(net, host) {
          if (!exception(net)) { deregister(h); return; }
          block('backup');
        }
        """);
    Files.writeString(handlers.resolve("broken.js"), "function exception(net) { return true; }\n"
        + "function fire(net, host) { throw new Error('broken on purpose'); }\n");
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(ctl).build().start();
    DaemonConfig config = DaemonConfig.defaults().withHostId("web-1")
        .withControllers(List.of(new HostPort("127.0.0.1", server.getPort()))).withStateDir(stateDir)
        .withAdminListen(Optional.of(new HostPort("127.0.0.1", 0))).withPersistInterval(Duration.ZERO);
    RecordingAdapter adapter = new RecordingAdapter();
    daemon = Daemon.builder(config).clock(new TestClock(LINEAGE.epoch().plusSeconds(10))).enforcementAdapter(adapter)
        .start();
    assertThat(daemon.policies().isActive()).isTrue();

    ctl.awaitWatch().send(snapshot(office()), deltas(costUp(), backboneDown()));
    Await.until("backup blocked", () -> daemon.policies().desired().of("backup").map(r -> r.blocked()).orElse(false));

    String text = get("/handlers?format=text");
    assertThat(text).contains("link-down").contains("REGISTERED").contains("backup block owned by link-down");
    assertThat(text).contains("broken").contains("FAILED").contains("broken.js:2:").contains("broken on purpose");
    JsonNode json = new ObjectMapper().readTree(get("/handlers"));
    assertThat(json.get("active").asBoolean()).isTrue();
    assertThat(json.get("handlers")).hasSize(2);
    assertThat(json.get("effective").get(0).get("owner").asText()).isEqualTo("link-down");

    // The desired state reached the adapter, and the report says who restricts what and with what outcome:
    // flow accounting is off here, so no process is known to run 'backup'.
    Await.until("adapter asked to block backup", () -> adapter.calls().stream()
        .anyMatch(c -> c.desired().of("backup").map(r -> r.blocked()).orElse(false)));
    Await.until("report carries the outcome", () -> !daemon.report().getRestrictionsList().isEmpty()
        && daemon.report().getRestrictions(0).getOutcome() != RestrictionOutcome.PENDING);
    HostReport report = daemon.report();
    assertThat(report.getRestrictionsList()).singleElement().satisfies(r -> {
      assertThat(r.getHandler()).isEqualTo("link-down");
      assertThat(r.getApp()).isEqualTo("backup");
      assertThat(r.getAction()).isEqualTo("block");
      assertThat(r.getOutcome()).isEqualTo(RestrictionOutcome.APP_NOT_RUNNING);
    });
    assertThat(report.getHandlersList()).extracting(h -> h.getName() + "=" + h.getPhase())
        .containsExactlyInAnyOrder("link-down=registered", "broken=failed");
    assertThat(report.getErrorsList()).anySatisfy(e -> assertThat(e).contains("broken").contains("broken on purpose"));
  }

  @Test
  void theLoopIsMeasuredOnMetricsAndARevertedRestrictionIsReportedOnce() throws Exception {
    Path handlers = Files.createDirectories(stateDir.resolve("handlers"));
    Files.writeString(handlers.resolve("link-down.js"), """
        function exception(net) { return net.links.some(l => !l.up); }
        function fire(net, host) { register(h); }
        function h(net, host) {
          if (!exception(net)) { deregister(h); return; }
          block('backup');
        }
        """);
    Files.writeString(handlers.resolve("broken.js"), "function exception(net) { return true; }\n"
        + "function fire(net, host) { throw new Error('broken on purpose'); }\n");
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(ctl).build().start();
    DaemonConfig config = DaemonConfig.defaults().withHostId("web-4")
        .withControllers(List.of(new HostPort("127.0.0.1", server.getPort()))).withStateDir(stateDir)
        .withAdminListen(Optional.of(new HostPort("127.0.0.1", 0))).withPersistInterval(Duration.ZERO)
        .withReportInterval(Duration.ofMillis(500));
    // The clock stands still at epoch + 10 s: a reaction to the version committed at epoch + 7 s takes 3 s
    // from its commit and nothing from its receipt.
    daemon = Daemon.builder(config).clock(new TestClock(LINEAGE.epoch().plusSeconds(10)))
        .enforcementAdapter(new DryRunAdapter(line -> { })).start();
    assertThat(metric(get("/metrics"), COMMIT_COUNT)).isZero();

    FakeStateDistribution.Watch watch = ctl.awaitWatch().send(snapshot(office()), deltas(costUp(), backboneDown()));
    Await.until("the reaction measured", () -> metric(scrape(), COMMIT_COUNT) == 1);
    String m = get("/metrics");
    assertThat(metric(m, "cuttle_daemon_reaction_latency_seconds_sum{from=\"commit\"}")).isEqualTo(3.0);
    assertThat(metric(m, "cuttle_daemon_reaction_latency_seconds_count{from=\"receipt\"}")).isEqualTo(1);
    assertThat(metric(m, "cuttle_daemon_reaction_latency_seconds_sum{from=\"receipt\"}")).isZero();
    assertThat(m).contains("cuttle_daemon_reaction_latency_seconds_bucket{from=\"commit\",le=");
    assertThat(metric(m, "cuttle_daemon_state_events_total{kind=\"link-state\"}")).isEqualTo(1);
    assertThat(metric(m, "cuttle_daemon_state_events_total{kind=\"link-cost\"}")).isEqualTo(1);
    assertThat(metric(m, BLOCK_PENDING)).isEqualTo(1);
    assertThat(metric(m, "cuttle_daemon_handler_runs_total{handler=\"link-down\",result=\"fired\"}")).isEqualTo(1);
    assertThat(m).containsPattern("cuttle_daemon_handler_failures_total\\{handler=\"broken[.a-z]*\",kind=\"thrown\"} [1-9]");
    Await.first(ctl.reports(), "a report with the block", r -> r.getRestrictionsList().stream()
        .anyMatch(x -> x.getApp().equals("backup") && x.getOutcome() == RestrictionOutcome.PENDING));

    // The backbone comes back: the handler deregisters and the block is removed.
    watch.send(deltas(new Delta(8, LINEAGE.epoch().plusSeconds(9),
        new TopologyEvent.LinkStateChanged(TestStates.BACKBONE, LinkState.UP))));
    Await.until("the second reaction measured", () -> metric(scrape(), COMMIT_COUNT) == 2);
    m = get("/metrics");
    assertThat(metric(m, "cuttle_daemon_reaction_latency_seconds_sum{from=\"commit\"}")).isEqualTo(4.0);
    assertThat(metric(m, BLOCK_PENDING)).isZero();
    assertThat(metric(m, "cuttle_daemon_handler_runs_total{handler=\"link-down\",result=\"deregistered\"}"))
        .isEqualTo(1);
    assertThat(metric(m, "cuttle_daemon_state_events_total{kind=\"link-state\"}")).isEqualTo(2);

    // The report says once what became of the block, with the handler that owned it; then it is gone.
    HostReport reverted = Await.first(ctl.reports(), "a report with the block reverted",
        r -> r.getRestrictionsList().stream().anyMatch(x -> x.getOutcome() == RestrictionOutcome.REVERTED));
    assertThat(reverted.getRestrictionsList()).singleElement().satisfies(r -> {
      assertThat(r.getHandler()).isEqualTo("link-down");
      assertThat(r.getApp()).isEqualTo("backup");
      assertThat(r.getAction()).isEqualTo("block");
      assertThat(r.getOutcome()).isEqualTo(RestrictionOutcome.REVERTED);
    });
    Await.first(ctl.reports(), "a later report without it", r -> r.getRestrictionsList().isEmpty());
  }

  private static final String COMMIT_COUNT = "cuttle_daemon_reaction_latency_seconds_count{from=\"commit\"}";
  private static final String BLOCK_PENDING = "cuttle_daemon_restrictions_active{action=\"block\",outcome=\"pending\"}";

  private String scrape() {
    try {
      return get("/metrics");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The value of one series in a Prometheus scrape; fails if the series is absent. */
  private static double metric(String scrape, String series) {
    return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
        .orElseThrow(() -> new AssertionError("expected series " + series + " in the scrape, got:\n" + scrape));
  }

  @Test
  void handlersSeeTheConfiguredHostAddressAsNetSelf() throws Exception {
    Path handlers = Files.createDirectories(stateDir.resolve("handlers"));
    Files.writeString(handlers.resolve("self.js"), """
        function exception(net) { return net.self !== null && net.self.address === '10.207.2.10'; }
        function fire(net, host) { register(h); }
        function h(net, host) { block('marker'); }
        """);
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(ctl).build().start();
    DaemonConfig config = DaemonConfig.defaults().withHostId("web-3")
        .withControllers(List.of(new HostPort("127.0.0.1", server.getPort()))).withStateDir(stateDir)
        .withAdminListen(Optional.empty()).withPersistInterval(Duration.ZERO)
        .withAddress(Optional.of(java.net.InetAddress.getByName("10.207.2.10")));
    daemon = Daemon.builder(config).clock(new TestClock(LINEAGE.epoch().plusSeconds(10)))
        .enforcementAdapter(new RecordingAdapter()).start();
    ctl.awaitWatch().send(snapshot(office()));
    Await.until("the handler saw net.self", () -> daemon.policies().desired().of("marker").isPresent());
  }

  @Test
  void withoutAHandlerDirectoryTheHookIsOff() throws Exception {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(ctl).build().start();
    DaemonConfig config = DaemonConfig.defaults().withHostId("web-2")
        .withControllers(List.of(new HostPort("127.0.0.1", server.getPort()))).withStateDir(stateDir)
        .withAdminListen(Optional.of(new HostPort("127.0.0.1", 0))).withPersistInterval(Duration.ZERO);
    daemon = Daemon.start(config, new TestClock(LINEAGE.epoch().plusSeconds(10)));
    assertThat(daemon.policies().isActive()).isFalse();
    assertThat(get("/handlers?format=text")).contains("handlers are off");
  }
}
