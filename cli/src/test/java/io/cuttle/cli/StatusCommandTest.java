package io.cuttle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.common.config.HostPort;
import io.cuttle.controller.Controller;
import io.cuttle.controller.ControllerConfig;
import io.cuttle.controller.status.StatusOptions;
import io.cuttle.daemon.Daemon;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.wire.v1.HostReport;
import io.cuttle.wire.v1.Restriction;
import io.cuttle.wire.v1.RestrictionOutcome;
import io.cuttle.wire.v1.StateDistributionGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code cuttle status} end to end: a real controller (gRPC and HTTP on loopback) on a clock the
 * test moves, real daemons reporting to it, and one host reporting restrictions through the
 * same Report rpc a daemon uses (the daemon does not fill restrictions in yet).
 */
class StatusCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final MovableClock clock = new MovableClock(Instant.now());
  private final List<AutoCloseable> running = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = CuttleCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Controller controller() throws Exception {
    StatusOptions status = StatusOptions.defaults().withDataDir(Optional.of(dir.resolve("controller")))
        .withReportInterval(Duration.ofSeconds(1), 3);
    ControllerConfig c = new ControllerConfig(new HostPort("127.0.0.1", 0), Optional.of(new HostPort("127.0.0.1", 0)),
        new ControllerConfig.TopologySource.Example(), 64, 64, Duration.ofSeconds(1), OptionalLong.empty(),
        Duration.ZERO).withStatus(status);
    Controller controller = Controller.start(c, clock);
    running.add(controller);
    return controller;
  }

  private Daemon daemon(String host, Controller c) throws Exception {
    Daemon d = Daemon.start(DaemonConfig.defaults().withHostId(host).withStateDir(dir.resolve(host))
        .withControllers(List.of(new HostPort("127.0.0.1", c.port()))).withAdminListen(Optional.empty())
        .withReportInterval(Duration.ofMillis(100)), Clock.systemUTC());
    running.add(d);
    return d;
  }

  /** Reports as a daemon with two restrictions would. */
  private void reportRestrictions(Controller c, String host) {
    ManagedChannel ch = ManagedChannelBuilder.forAddress("127.0.0.1", c.port()).usePlaintext().build();
    try {
      StateDistributionGrpc.newBlockingStub(ch).withDeadlineAfter(10, TimeUnit.SECONDS).report(HostReport.newBuilder()
          .setHostId(host).setDaemonVersion("test").setReportedAtMs(System.currentTimeMillis())
          .addRestrictions(Restriction.newBuilder().setHandler("smooth").setApp("backup").setAction("restrict")
              .setOutcome(RestrictionOutcome.FAILED).setDetail("nft: no such table"))
          .addRestrictions(Restriction.newBuilder().setHandler("smooth").setApp("video").setAction("restrict")
              .setOutcome(RestrictionOutcome.ENFORCED))
          .build());
    } finally {
      ch.shutdownNow();
    }
  }

  private static String admin(Controller c) {
    return "127.0.0.1:" + c.httpPort().orElseThrow();
  }

  private static JsonNode json(Run r) throws Exception {
    assertThat(r.code()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  private static List<String> hosts(JsonNode root, Predicate<JsonNode> which) {
    List<String> out = new ArrayList<>();
    root.get("hosts").forEach(h -> {
      if (which.test(h)) {
        out.add(h.get("host").asText());
      }
    });
    return out;
  }

  private static JsonNode awaitJson(String what, Predicate<JsonNode> done, String... args) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      JsonNode j = json(run(args));
      if (done.test(j)) {
        return j;
      }
      assertThat(System.nanoTime()).as(what + "; last answer: " + j).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void statusShowsWhatDaemonsReportAndFlagsAHostThatStopsReporting() throws Exception {
    Controller c = controller();
    daemon("host-a", c);
    Daemon b = daemon("host-b", c);
    reportRestrictions(c, "host-c");
    JsonNode all = awaitJson("three hosts reporting", j -> hosts(j, h -> h.get("state").asText().equals("REPORTING"))
        .size() == 3, "status", "--json", "--controller", admin(c));
    assertThat(hosts(all, h -> true)).containsExactly("host-a", "host-b", "host-c");
    JsonNode hostC = all.get("hosts").get(2);
    assertThat(hostC.get("restrictions").get(0).get("outcome").asText()).isEqualTo("FAILED");
    assertThat(hostC.get("restrictions").get(0).get("detail").asText()).isEqualTo("nft: no such table");
    assertThat(hosts(json(run("status", "--json", "--outcome", "failed", "--controller", admin(c))), h -> true))
        .containsExactly("host-c");

    Run table = run("status", "--controller", admin(c));
    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out()).startsWith("HOST    STATE      LAST REPORT")
        .containsPattern("host-c +REPORTING +\\S+ ago +0 +0 +1 FAILED, 1 ENFORCED +0")
        .contains("3 hosts, 0 stale (stale after 3s)");

    b.close();
    Thread.sleep(500); // a report of host-b still in flight (deadline 100 ms) lands before the clock moves
    clock.advance(Duration.ofSeconds(4)); // host-a keeps reporting every 100 ms; host-b has stopped
    reportRestrictions(c, "host-c");
    JsonNode stale = awaitJson("host-b flagged stale", j -> hosts(j, h -> true).equals(List.of("host-b")),
        "status", "--json", "--stale", "--controller", admin(c));
    assertThat(stale.get("hosts").get(0).get("sinceLastReportMs").asLong()).isGreaterThan(3000);
    JsonNode detail = awaitJson("WENT_STALE in host-b's history", j -> j.get("history").toString()
        .contains("WENT_STALE"), "status", "--json", "host-b", "--controller", admin(c));
    assertThat(detail.get("state").asText()).isEqualTo("STALE");
    Run text = run("status", "host-b", "--controller", admin(c));
    assertThat(text.out()).startsWith("host host-b: STALE (last report ").contains("WENT_STALE")
        .contains("FIRST_REPORT");
    assertThat(hosts(json(run("status", "--json", "--controller", admin(c))), h -> h.get("state").asText()
        .equals("REPORTING"))).containsExactly("host-a", "host-c");
  }

  @Test
  void aRestartedControllerWithTheEmbeddedStoreStillKnowsEveryHost() throws Exception {
    Controller first = controller();
    reportRestrictions(first, "kept");
    String before = json(run("status", "--json", "kept", "--controller", admin(first))).get("restrictions").toString();
    first.close();
    running.remove(first);

    Controller second = controller();
    JsonNode kept = json(run("status", "--json", "kept", "--controller", admin(second)));
    assertThat(kept.get("restrictions").toString()).isEqualTo(before).contains("FAILED");
    assertThat(kept.get("state").asText()).isEqualTo("REPORTING");
    assertThat(kept.get("history").get(0).get("kind").asText()).isEqualTo("FIRST_REPORT");
  }

  @Test
  void exitCodesSayWhetherTheUsageOrTheRunFailed() throws Exception {
    Run badAddress = run("status", "--controller", "nowhere");
    assertThat(badAddress.code()).isEqualTo(2);
    assertThat(badAddress.err()).contains("--controller: expected host:port, got 'nowhere'");
    Run badOutcome = run("status", "--outcome", "LOST");
    assertThat(badOutcome.code()).isEqualTo(2);
    assertThat(badOutcome.err()).contains("--outcome: expected one of [ENFORCED, PARTIAL").contains("got 'LOST'");
    Run down = run("status", "--controller", "127.0.0.1:1");
    assertThat(down.code()).isEqualTo(1);
    assertThat(down.err()).contains("cannot reach the controller at http://127.0.0.1:1/api/v1/hosts");

    Controller c = controller();
    Run unknown = run("status", "ghost", "--controller", admin(c));
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("answered HTTP 404: no host 'ghost' has reported to this controller");
    Run empty = run("status", "--controller", admin(c));
    assertThat(empty.code()).isZero();
    assertThat(empty.out()).isEqualTo("No hosts match (stale after 3s).\n");
  }

  /** A clock the test moves forward. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
