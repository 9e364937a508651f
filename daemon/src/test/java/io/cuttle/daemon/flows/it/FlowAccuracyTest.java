package io.cuttle.daemon.flows.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.common.config.HostPort;
import io.cuttle.daemon.Daemon;
import io.cuttle.daemon.config.AppRule;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.daemon.config.FlowsConfig;
import io.cuttle.daemon.flows.FlowAccounting;
import io.cuttle.daemon.flows.FlowsStarter;
import io.cuttle.daemon.flows.FlowsStatus;
import io.cuttle.daemon.flows.proc.CgroupMount;
import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.Attribution;
import io.cuttle.host.model.FlowRecord;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.host.model.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real traffic between two namespaces the test creates ({@code cf-a}, accounted, and
 * {@code cf-b}, the servers): iperf3 TCP and UDP, curl against an HTTP server, 100 short
 * connections, and sockets shared across fork. The accounting runs in this JVM and opens its
 * netlink and capture sockets inside {@code cf-a} (setns on a short-lived thread); the traffic
 * generators are started there with nsenter. Needs root; skipped with the reason otherwise.
 */
class FlowAccuracyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PY = "/usr/bin/python3";
  private static NetnsLab lab;
  private static Path scripts;

  private FlowAccounting acc;

  @BeforeAll
  static void lab(@TempDir Path dir) throws Exception {
    assumeThat(NetnsLab.isRoot()).as("these tests create network namespaces and need root").isTrue();
    assumeThat(Files.isExecutable(Path.of("/usr/bin/iperf3"))).as("iperf3 is installed").isTrue();
    lab = NetnsLab.create("cf");
    scripts = dir;
    for (String s : List.of("sink_server.py", "shortconn.py", "forker.py")) {
      try (InputStream in = FlowAccuracyTest.class.getResourceAsStream("/flows/" + s)) {
        Files.write(dir.resolve(s), in.readAllBytes());
      }
    }
  }

  @AfterAll
  static void teardown() throws Exception {
    if (lab != null) {
      lab.close();
    }
  }

  @BeforeEach
  void startAccounting() {
    List<AppRule> apps = List.of(
        rule("iperf3-client", "/usr/bin/iperf3", " -c ", "bulk"),
        rule("shortconn", "/usr/bin/python3*", "shortconn", "interactive"),
        rule("forker", "/usr/bin/python3*", "forker", "low-priority"),
        new AppRule("curl", Optional.of("/usr/bin/curl"), Optional.empty(), Optional.empty(), Optional.empty(),
            "interactive"));
    FlowsConfig cfg = FlowsConfig.defaults(true).withNetns(Optional.of(lab.netnsA())).withApps(apps)
        .withInterval(Duration.ofMillis(250));
    FlowsStarter.Started s = FlowsStarter.start(cfg, "cf-host", Clock.systemUTC(), true);
    assertThat(s.status().state()).as(s.status().detail()).isEqualTo(FlowsStatus.State.RUNNING);
    assertThat(s.status().capture()).as("capture problem").isEmpty();
    acc = s.accounting().orElseThrow();
  }

  @AfterEach
  void stopAccounting() {
    if (acc != null) {
      acc.close();
    }
  }

  private static AppRule rule(String name, String exe, String cmdline, String cls) {
    return new AppRule(name, Optional.of(exe), Optional.of(Pattern.compile(Pattern.quote(cmdline))), Optional.empty(),
        Optional.empty(), cls);
  }

  @Test
  void iperf3TcpBytesMatchIperfAndOwnersMatchSs() throws Exception {
    lab.start(lab.b, "iperf3", "-s", "-1", "-B", NetnsLab.B_ADDR, "-p", "5201");
    lab.awaitListening(lab.b, 5201);
    Process client = lab.start(lab.a, "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
        "/usr/bin/iperf3", "-c", NetnsLab.B_ADDR, "-p", "5201", "-t", "3", "--json");
    Thread.sleep(1500);
    String ss = lab.output(lab.a, Duration.ofSeconds(5), "ss", "-tanpi");
    HostSnapshot mid = acc.tick();
    SsOracle.assertOwnersAgree(ss, mid, client.pid());

    JsonNode report = JSON.readTree(client.getInputStream());
    assertThat(client.waitFor()).isZero();
    long sent = report.path("end").path("sum_sent").path("bytes").asLong();
    HostSnapshot end = settle();
    AppUsage app = end.app("iperf3-client").orElseThrow(() -> new AssertionError("no iperf3-client in " + end));
    assertThat(app.users()).containsExactly("nobody");
    assertThat(app.appClass()).isEqualTo("bulk");
    assertThat(sent).isGreaterThan(10_000_000L);
    assertThat((double) app.total().bytesUp()).as("bytes up vs iperf3's sum_sent").isCloseTo(sent,
        org.assertj.core.data.Percentage.withPercentage(1));
    assertAttributedShare(end, 0.99);
  }

  @Test
  void iperf3UdpBytesMatchIperf() throws Exception {
    lab.start(lab.b, "iperf3", "-s", "-1", "-B", NetnsLab.B_ADDR, "-p", "5202");
    lab.awaitListening(lab.b, 5202);
    Process client = lab.start(lab.a, "/usr/bin/iperf3", "-c", NetnsLab.B_ADDR, "-p", "5202", "-u", "-b", "200M",
        "-l", "1200", "-t", "2", "--json");
    JsonNode report = JSON.readTree(client.getInputStream());
    assertThat(client.waitFor()).isZero();
    long sent = report.path("end").path("sum").path("bytes").asLong();
    HostSnapshot end = settle();
    AppUsage app = end.app("iperf3-client").orElseThrow(() -> new AssertionError("no iperf3-client in " + end));
    long udpUp = app.flows().stream().filter(f -> f.key().protocol() == Protocol.UDP)
        .mapToLong(f -> f.traffic().bytesUp()).sum();
    assertThat(sent).isGreaterThan(10_000_000L);
    assertThat((double) udpUp).as("UDP bytes up vs iperf3's sum.bytes; capture " + acc.captureStats())
        .isCloseTo(sent, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(app.flows()).allSatisfy(f -> assertThat(f.owner().pid()).hasValue((int) client.pid()));
    assertThat(acc.captureStats().dropped()).isZero();
    assertAttributedShare(end, 0.99);
  }

  @Test
  void curlDownloadsAreAttributedToCurl(@TempDir Path www) throws Exception {
    byte[] blob = new byte[2 << 20];
    new java.util.Random(7).nextBytes(blob);
    Files.write(www.resolve("blob"), blob);
    lab.start(lab.b, PY, "-m", "http.server", "8000", "--bind", NetnsLab.B_ADDR, "--directory", www.toString());
    lab.awaitListening(lab.b, 8000);
    long downloaded = 0;
    for (int i = 0; i < 5; i++) {
      // At 8 MB/s a download takes ~250 ms. Much shorter connections are not reliably seen alive by
      // polling and the captured SYN (a fresh CI machine missed 2 of 5 at 40 MB/s, ~50 ms each): their
      // bytes go to unknown, never to another app (see daemon/docs/flows.md).
      downloaded += Long.parseLong(lab.output(lab.a, Duration.ofSeconds(20), "/usr/bin/curl", "-s", "--limit-rate", "8M",
          "-o", "/dev/null",
          "-w", "%{size_download}", "http://" + NetnsLab.B_ADDR + ":8000/blob").trim());
    }
    HostSnapshot end = settle();
    AppUsage curl = end.app("curl").orElseThrow(() -> new AssertionError("no curl in " + end));
    assertThat(downloaded).isEqualTo(5L * blob.length);
    // HTTP headers add a few hundred bytes per download.
    assertThat((double) curl.total().bytesDown()).as(why()).isCloseTo(downloaded, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(curl.users()).containsExactly("root");
    assertAttributedShare(end, 0.99);
  }

  @Test
  void hundredShortConnectionsAreAttributedToTheirProcess() throws Exception {
    Optional<Path> mount = CgroupMount.ofThisHost();
    assumeThat(mount).as("a cgroup2 hierarchy is mounted").isPresent();
    lab.start(lab.b, PY, scripts.resolve("sink_server.py").toString(), NetnsLab.B_ADDR, "7000");
    lab.awaitListening(lab.b, 7000);
    // The client runs in a cgroup of its own, as an app started by a service manager or a session
    // does (the test JVM's cgroup holds other programs).
    try (TestCgroup cg = TestCgroup.create(mount.get(), "cf-shortconn")) {
      Process client = lab.start(lab.a, cg.wrap(PY, scripts.resolve("shortconn.py").toString(), NetnsLab.B_ADDR,
          "7000", "100", "20000", "10").toArray(String[]::new));
      long sent = Long.parseLong(new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
      assertThat(client.waitFor()).isZero();
      HostSnapshot end = settle();
      AppUsage app = end.app("shortconn").orElseThrow(() -> new AssertionError("no shortconn in " + end + why()));
      // At least 99 of the 100 connections found and given to the client's app and user: with its
      // PID when a socket dump saw the socket alive, through the kernel's record of the connection's
      // cgroup otherwise; a socket neither saw is unknown, never someone else's.
      assertThat(app.flows()).as(why()).hasSizeBetween(99, 100);
      assertThat(app.users()).containsExactly("root");
      assertThat(app.flows()).allSatisfy(f -> {
        if (f.owner().pid().isPresent()) {
          assertThat(f.owner().pid()).hasValue((int) client.pid());
        }
      });
      assertThat((double) app.total().bytesUp()).isCloseTo(sent, org.assertj.core.data.Percentage.withPercentage(1));
      assertAttributedShare(end, 0.99);
    }
  }

  @Test
  void socketSharedWithAnotherProgramAfterForkIsUnknown() throws Exception {
    FlowRecord flow = forkAndSend("exec", 7001);
    assertThat(flow.owner()).isEqualTo(Attribution.unknown());
  }

  @Test
  void socketSharedWithinOneAppAfterForkKeepsTheAppWithoutAPid() throws Exception {
    FlowRecord flow = forkAndSend("same", 7002);
    assertThat(flow.owner().app()).isEqualTo("forker");
    assertThat(flow.owner().pid()).isEqualTo(OptionalInt.empty());
  }

  private FlowRecord forkAndSend(String mode, int port) throws Exception {
    lab.start(lab.b, PY, scripts.resolve("sink_server.py").toString(), NetnsLab.B_ADDR, Integer.toString(port));
    lab.awaitListening(lab.b, port);
    Process p = lab.start(lab.a, PY, scripts.resolve("forker.py").toString(), NetnsLab.B_ADDR, Integer.toString(port),
        mode, "1000000");
    var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    int localPort = Integer.parseInt(out.readLine().trim());
    assertThat(out.readLine()).isEqualTo("sent 1000000");
    HostSnapshot end = settle();
    FlowRecord flow = end.apps().stream().flatMap(a -> a.flows().stream())
        .filter(f -> f.key().localPort() == localPort && f.key().remotePort() == port).findFirst()
        .orElseThrow(() -> new AssertionError("no flow from port " + localPort + " in " + end));
    assertThat(flow.traffic().bytesUp()).isGreaterThanOrEqualTo(1_000_000L);
    p.waitFor();
    return flow;
  }

  @Test
  void daemonServesFlowsAndReportsAppSummaries(@TempDir Path stateDir) throws Exception {
    acc.close();
    acc = null;
    FlowsConfig cfg = FlowsConfig.defaults(true).withNetns(Optional.of(lab.netnsA()))
        .withApps(List.of(rule("iperf3-client", "/usr/bin/iperf3", " -c ", "bulk"))).withInterval(Duration.ofMillis(200));
    DaemonConfig config = DaemonConfig.defaults().withHostId("cf-host").withStateDir(stateDir)
        .withControllers(List.of(new HostPort("127.0.0.1", 1)))
        .withAdminListen(Optional.of(new HostPort("127.0.0.1", 0))).withFlows(cfg);
    try (Daemon d = Daemon.start(config, Clock.systemUTC())) {
      assertThat(d.flowsStatus().state()).isEqualTo(FlowsStatus.State.RUNNING);
      lab.start(lab.b, "iperf3", "-s", "-1", "-B", NetnsLab.B_ADDR, "-p", "5203");
      lab.awaitListening(lab.b, 5203);
      lab.output(lab.a, Duration.ofSeconds(20), "/usr/bin/iperf3", "-c", NetnsLab.B_ADDR, "-p", "5203", "-t", "1");
      Thread.sleep(700);
      var addr = d.adminAddress().orElseThrow();
      var http = java.net.http.HttpClient.newHttpClient();
      String body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
          + addr.getPort() + "/flows")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      JsonNode flows = JSON.readTree(body);
      assertThat(flows.path("state").asText()).isEqualTo("running");
      JsonNode app = null;
      for (JsonNode a : flows.path("apps")) {
        if (a.path("app").asText().equals("iperf3-client")) {
          app = a;
        }
      }
      assertThat(app).as(body).isNotNull();
      assertThat(app.path("class").asText()).isEqualTo("bulk");
      assertThat(app.path("bytes_up").asLong()).isGreaterThan(1_000_000L);
      assertThat(app.path("rates").has("10s")).isTrue();

      var summary = d.report().getAppsList().stream().filter(a -> a.getApp().equals("iperf3-client")).findFirst()
          .orElseThrow();
      assertThat(summary.getAppClass()).isEqualTo("bulk");
      assertThat(summary.getBytesUp()).isEqualTo(d.hostSnapshot().app("iperf3-client").orElseThrow().total().bytesUp());
      assertThat(summary.getDestinationsList()).first().satisfies(dest -> {
        assertThat(dest.getPrefix()).isEqualTo("10.99.4.0/24");
        assertThat(dest.getBytesUp()).isGreaterThan(1_000_000L);
      });
    }
  }

  /** Lets destroy events and the capture catch up, then ticks. */
  private HostSnapshot settle() throws InterruptedException {
    Thread.sleep(600);
    return acc.tick();
  }

  private String why() {
    return "unknown bytes by reason " + acc.unknownBytesByReason() + ", destroyed unseen " + acc.destroyedUnseen()
        + ", capture " + acc.captureStats();
  }

  private static void assertAttributedShare(HostSnapshot s, double atLeast) {
    long total = s.apps().stream().mapToLong(a -> a.total().bytes()).sum();
    long unknown = s.app(Attribution.UNKNOWN).map(a -> a.total().bytes()).orElse(0L);
    assertThat(total).isPositive();
    assertThat(1.0 - (double) unknown / total).as("share of bytes attributed (unknown " + unknown + " of " + total + ")")
        .isGreaterThanOrEqualTo(atLeast);
  }
}
