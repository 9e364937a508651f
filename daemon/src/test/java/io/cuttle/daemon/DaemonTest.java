package io.cuttle.daemon;

import static io.cuttle.daemon.fake.TestStates.LINEAGE;
import static io.cuttle.daemon.fake.TestStates.backboneDown;
import static io.cuttle.daemon.fake.TestStates.costUp;
import static io.cuttle.daemon.fake.TestStates.deltas;
import static io.cuttle.daemon.fake.TestStates.office;
import static io.cuttle.daemon.fake.TestStates.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.common.config.HostPort;
import io.cuttle.daemon.config.ReconnectPolicy;
import io.cuttle.daemon.fake.Await;
import io.cuttle.daemon.fake.FakeStateDistribution;
import io.cuttle.daemon.fake.FakeStateDistribution.Watch;
import io.cuttle.daemon.fake.TestClock;
import io.cuttle.daemon.state.StateFile;
import io.cuttle.daemon.subscription.ConnectionState;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.wire.WireCodec;
import io.cuttle.wire.v1.HostReport;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole daemon against a fake controller on a real loopback gRPC server. */
class DaemonTest {
  private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(5), Duration.ofMillis(50), 2.0, 0.2);

  @TempDir
  Path stateDir;

  private final FakeStateDistribution ctl = new FakeStateDistribution();
  // Ten seconds after the lineage epoch: deltas committed at +6 s and +7 s arrive 4 s and 3 s late.
  private final TestClock clock = new TestClock(LINEAGE.epoch().plusSeconds(10));
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final BlockingQueue<NetworkState> states = new LinkedBlockingQueue<>();
  private Server server;
  private HostPort address;
  private Daemon daemon;

  @BeforeEach
  void startController() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(ctl).build().start();
    address = new HostPort("127.0.0.1", server.getPort());
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (daemon != null) {
      daemon.close();
    }
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    http.close();
  }

  private DaemonConfig config(List<HostPort> controllers) {
    return DaemonConfig.defaults()
        .withHostId("web-1")
        .withControllers(controllers)
        .withStateDir(stateDir)
        .withAdminListen(Optional.of(new HostPort("127.0.0.1", 0)))
        .withReconnect(FAST)
        .withReportInterval(Duration.ofMillis(100))
        .withPersistInterval(Duration.ZERO);
  }

  private Daemon start(DaemonConfig config) throws IOException {
    daemon = Daemon.start(config, clock);
    daemon.addListener(states::add);
    return daemon;
  }

  /** Starts a daemon, streams it snapshot 5 and deltas 6 and 7, and waits until it holds 7. */
  private Watch streamingAtVersion7() throws IOException {
    start(config(List.of(address)));
    Watch w = ctl.awaitWatch().send(snapshot(office()), deltas(costUp(), backboneDown()));
    Await.first(states, "version 7", s -> s.version() == 7);
    Await.until("streaming", () -> daemon.status().state() == ConnectionState.STREAMING);
    return w;
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    InetSocketAddress admin = daemon.adminAddress().orElseThrow();
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.getPort() + path))
        .timeout(Duration.ofSeconds(10)).build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void restartResumesFromThePersistedLineageAndVersion() throws Exception {
    Daemon first = start(config(List.of(address)));
    Watch w = ctl.awaitWatch();
    assertThat(w.request.hasLineage()).isFalse();
    w.send(snapshot(office()), deltas(costUp(), backboneDown()));
    Await.first(states, "version 7", s -> s.version() == 7);
    first.close();
    assertThat(stateDir.resolve(StateFile.FILE_NAME)).isRegularFile();

    Daemon second = start(config(List.of(address)));

    assertThat(second.state().version()).as("loaded at start").isEqualTo(7);
    Watch resumed = ctl.awaitWatch();
    assertThat(WireCodec.lineage(resumed.request.getLineage())).isEqualTo(LINEAGE);
    assertThat(resumed.request.getVersion()).isEqualTo(7);
    assertThat(resumed.request.getHostId()).isEqualTo("web-1");
  }

  @Test
  void corruptStateFileIsMovedAsideAndTheDaemonAsksForASnapshot() throws Exception {
    Files.write(stateDir.resolve(StateFile.FILE_NAME), new byte[] {42, 1, 2, 3});

    start(config(List.of(address)));

    assertThat(daemon.state().version()).isZero();
    assertThat(stateDir.resolve("state.pb.corrupt")).isRegularFile();
    assertThat(ctl.awaitWatch().request.hasLineage()).isFalse();
  }

  @Test
  void failsOverToTheSecondAddressWhenTheFirstIsDown() throws Exception {
    HostPort down = new HostPort("127.0.0.1", unusedPort());
    start(config(List.of(down, address)));

    ctl.awaitWatch().send(snapshot(office()));

    assertThat(Await.next(states, "state")).isEqualTo(office());
    Await.until("streaming", () -> daemon.status().state() == ConnectionState.STREAMING);
    assertThat(daemon.controller()).isEqualTo(address);
    assertThat(daemon.status().controller()).isEqualTo(address);
  }

  @Test
  void reportCarriesIdentityLineageVersionAndStaleness() throws Exception {
    streamingAtVersion7();
    clock.advance(Duration.ofSeconds(4));

    HostReport r = Await.first(ctl.reports(), "report of version 7, 4 s stale",
        x -> x.getVersion() == 7 && x.getStalenessMs() == 4000);

    assertThat(r.getHostId()).isEqualTo("web-1");
    assertThat(r.getLineageId()).isEqualTo(LINEAGE.id());
    assertThat(r.getDaemonVersion()).isEqualTo(Daemon.VERSION).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(r.getReportedAtMs()).isEqualTo(clock.millis());
    assertThat(r.getErrorsList()).isEmpty();
    assertThat(r.getHandlersList()).isEmpty();
    assertThat(r.getRestrictionsList()).isEmpty();
  }

  @Test
  void reportCarriesTheSubscriptionError() throws Exception {
    ReconnectPolicy slow = new ReconnectPolicy(Duration.ofMinutes(1), Duration.ofMinutes(1), 2.0, 0.0);
    start(config(List.of(address)).withReconnect(slow));

    ctl.awaitWatch().fail(Status.UNAVAILABLE.withDescription("maintenance"));

    HostReport r = Await.first(ctl.reports(), "report with an error", x -> x.getErrorsCount() > 0);
    assertThat(r.getErrorsList()).containsExactly(
        "subscription BACKING_OFF " + address + ": failed: UNAVAILABLE: maintenance");
    assertThat(daemon.status().state()).isEqualTo(ConnectionState.BACKING_OFF);
  }

  @Test
  void stateEndpointServesTheViewAsJsonAndText() throws Exception {
    streamingAtVersion7();
    clock.advance(Duration.ofSeconds(2));

    HttpResponse<String> json = get("/state");
    HttpResponse<String> text = get("/state?format=text");

    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/json"));
    JsonNode v = new ObjectMapper().readTree(json.body());
    assertThat(v.path("hostId").asText()).isEqualTo("web-1");
    assertThat(v.path("version").asLong()).isEqualTo(7);
    assertThat(v.path("lineage").path("id").asText()).isEqualTo("0000000000c0ffee");
    assertThat(v.path("controller").asText()).isEqualTo(address.toString());
    assertThat(v.path("status").asText()).isEqualTo("STREAMING");
    assertThat(v.path("stalenessMs").asLong()).isEqualTo(2000);
    assertThat(v.path("state").path("links").get(0).path("state").asText()).isEqualTo("DOWN");
    assertThat(v.path("state").path("sites").get(0).path("load").path("upstreamBps").asLong()).isEqualTo(120_000_000L);
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.body()).contains("version 7", "STREAMING", "links (4)");
  }

  @Test
  void metricsEndpointServesTheDaemonMeters() throws Exception {
    streamingAtVersion7();
    clock.advance(Duration.ofSeconds(2));

    HttpResponse<String> r = get("/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body().lines()).contains(
        "cuttle_daemon_state_version 7.0",
        "cuttle_daemon_staleness_seconds 2.0",
        "cuttle_daemon_connected 1.0",
        "cuttle_daemon_deltas_applied_total 2.0",
        "cuttle_daemon_snapshots_received_total 1.0",
        "cuttle_daemon_update_lag_seconds_count 2",
        "cuttle_daemon_update_lag_seconds_sum 7.0",
        "cuttle_daemon_resubscriptions_total{reason=\"resync\"} 0.0");
  }

  @Test
  void resyncIsCountedInMetrics() throws Exception {
    Watch w = streamingAtVersion7();

    w.send(io.cuttle.wire.v1.StateMessage.getDefaultInstance());

    assertThat(ctl.awaitWatch().request.hasLineage()).as("resubscribed asking for a snapshot").isFalse();
    assertThat(get("/metrics").body().lines()).contains(
        "cuttle_daemon_resubscriptions_total{reason=\"resync\"} 1.0",
        "cuttle_daemon_messages_rejected_total 1.0");
    assertThat(daemon.state().version()).isEqualTo(7);
  }

  @Test
  void adminAddressInUseFailsStartCleanly() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      DaemonConfig c = config(List.of(address))
          .withAdminListen(Optional.of(new HostPort("127.0.0.1", taken.getLocalPort())));

      assertThatThrownBy(() -> Daemon.start(c, clock))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot serve admin endpoint on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void adminOffServesNothing() throws Exception {
    start(config(List.of(address)).withAdminListen(Optional.empty()));

    assertThat(daemon.adminAddress()).isEmpty();
    assertThat(ctl.awaitWatch()).isNotNull();
  }
}
