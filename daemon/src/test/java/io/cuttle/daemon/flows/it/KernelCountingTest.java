package io.cuttle.daemon.flows.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.daemon.config.AppRule;
import io.cuttle.daemon.config.FlowsConfig;
import io.cuttle.daemon.flows.FlowAccounting;
import io.cuttle.daemon.flows.FlowsStarter;
import io.cuttle.daemon.flows.FlowsStatus;
import io.cuttle.daemon.flows.KernelCountingStatus;
import io.cuttle.daemon.flows.accounting.Owner;
import io.cuttle.daemon.flows.kernel.KernelFlowTable;
import io.cuttle.daemon.flows.proc.CgroupMount;
import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.Attribution;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.host.model.Protocol;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel-side method on real traffic, in namespaces {@code h4k-a} (accounted) and
 * {@code h4k-b} (servers) and cgroups {@code h4k-app} / {@code h4k-mixed} the test creates and
 * removes: UDP volumes counted by the accounting's nft table (the capture sees no datagram) match
 * iperf3's; connections of a few milliseconds, with the packet capture off so that no dump is
 * woken to see them alive, get their app from the origin the table recorded as their SYN left
 * (the cgroup's one app), never another app's; the table is removed on stop and the enforcement adapter's table is left alone;
 * with the table turned off, the capture counts UDP and the status says so. Needs root.
 */
class KernelCountingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PY = "/usr/bin/python3";
  private static final int CONNECTIONS = 300;
  private static final int SIZE = 1000;
  private static NetnsLab lab;
  private static Path scripts;
  private static Path mount;

  private FlowAccounting acc;

  @BeforeAll
  static void lab(@TempDir Path dir) throws Exception {
    assumeThat(NetnsLab.isRoot()).as("these tests create network namespaces and cgroups and need root").isTrue();
    assumeThat(Files.isExecutable(Path.of("/usr/sbin/nft"))).as("nft is installed").isTrue();
    Optional<Path> m = CgroupMount.ofThisHost();
    assumeThat(m).as("a cgroup2 hierarchy is mounted").isPresent();
    mount = m.get();
    lab = NetnsLab.create("h4k");
    scripts = dir;
    for (String s : List.of("sink_server.py", "shortconn.py")) {
      try (InputStream in = KernelCountingTest.class.getResourceAsStream("/flows/" + s)) {
        Files.write(dir.resolve(s), in.readAllBytes());
      }
    }
    lab.start(lab.b, PY, scripts.resolve("sink_server.py").toString(), NetnsLab.B_ADDR, "7200");
    lab.awaitListening(lab.b, 7200);
  }

  @AfterAll
  static void teardown() throws Exception {
    if (lab != null) {
      lab.close();
    }
  }

  @AfterEach
  void stopAccounting() {
    if (acc != null) {
      acc.close();
    }
  }

  private FlowAccounting start(FlowsConfig cfg) {
    FlowsStarter.Started s = FlowsStarter.start(cfg, "h4k-host", Clock.systemUTC(), true);
    assertThat(s.status().state()).as(s.status().detail()).isEqualTo(FlowsStatus.State.RUNNING);
    acc = s.accounting().orElseThrow();
    return acc;
  }

  private static FlowsConfig config(List<AppRule> apps) {
    return FlowsConfig.defaults(true).withNetns(Optional.of(lab.netnsA())).withApps(apps)
        .withInterval(Duration.ofMillis(250));
  }

  private static AppRule rule(String name, String exe, String cmdline, String cls) {
    return new AppRule(name, Optional.of(exe), Optional.of(Pattern.compile(Pattern.quote(cmdline))), Optional.empty(),
        Optional.empty(), cls);
  }

  @Test
  void udpVolumesComeFromTheKernelTableAndMatchIperf() throws Exception {
    start(config(List.of(rule("iperf3-client", "/usr/bin/iperf3", " -c ", "bulk"))));
    assertThat(acc.kernelCounting().state()).as(acc.kernelCounting().detail()).isEqualTo(KernelCountingStatus.State.ACTIVE);
    assertThat(acc.status().detail()).contains("nft table inet " + KernelFlowTable.DEFAULT_NAME);
    lab.start(lab.b, "iperf3", "-s", "-1", "-B", NetnsLab.B_ADDR, "-p", "5212");
    lab.awaitListening(lab.b, 5212);
    long sent = udpIperf(5212);
    HostSnapshot end = settle();
    AppUsage app = end.app("iperf3-client").orElseThrow(() -> new AssertionError("no iperf3-client in " + end));
    long udpUp = app.flows().stream().filter(f -> f.key().protocol() == Protocol.UDP)
        .mapToLong(f -> f.traffic().bytesUp()).sum();
    long datagrams = app.flows().stream().filter(f -> f.key().protocol() == Protocol.UDP)
        .mapToLong(f -> f.traffic().packetsUp()).sum();
    assertThat(sent).isGreaterThan(5_000_000L);
    assertThat((double) udpUp).as("UDP bytes up vs iperf3's sum.bytes").isCloseTo(sent, Percentage.withPercentage(1));
    assertThat(acc.captureStats().received()).as("captured packets (SYNs only: no datagram crosses the capture)")
        .isLessThan(datagrams / 100);
    assertThat(acc.kernelUnrecorded()).isZero();
    assertThat(app.flows()).filteredOn(f -> f.key().protocol() == Protocol.UDP).isNotEmpty()
        .allSatisfy(f -> assertThat(f.owner().app()).isEqualTo("iperf3-client"));
  }

  @Test
  void withKernelCountersOffTheCaptureCountsUdpAndTheStatusSaysSo() throws Exception {
    start(config(List.of(rule("iperf3-client", "/usr/bin/iperf3", " -c ", "bulk"))).withKernelCounters(false));
    assertThat(acc.kernelCounting().state()).isEqualTo(KernelCountingStatus.State.DISABLED);
    assertThat(acc.kernelCounting().detail()).contains("packet capture");
    assertThat(tableExists(KernelFlowTable.DEFAULT_NAME)).as("no kernel table when off").isFalse();
    lab.start(lab.b, "iperf3", "-s", "-1", "-B", NetnsLab.B_ADDR, "-p", "5213");
    lab.awaitListening(lab.b, 5213);
    long sent = udpIperf(5213);
    HostSnapshot end = settle();
    long udpUp = end.app("iperf3-client").orElseThrow().flows().stream()
        .filter(f -> f.key().protocol() == Protocol.UDP).mapToLong(f -> f.traffic().bytesUp()).sum();
    assertThat((double) udpUp).isCloseTo(sent, Percentage.withPercentage(1));
    assertThat(acc.captureStats().received()).as("the capture saw the datagrams").isGreaterThan(sent / 1200 / 2);
  }

  @Test
  void connectionsNoDumpSawGetTheirAppFromTheRecordedOrigin() throws Exception {
    List<AppRule> apps = List.of(rule("shortconn", "/usr/bin/python3*", "shortconn", "interactive"));
    start(config(apps).withCapture(false));
    assertThat(acc.kernelCounting().state()).isEqualTo(KernelCountingStatus.State.ACTIVE);
    try (TestCgroup cg = TestCgroup.create(mount, "h4k-app")) {
      long sent = runClient(cg);
      HostSnapshot end = settle();
      AppUsage app = end.app("shortconn").orElseThrow(() -> new AssertionError("no shortconn in " + end + why()));
      assertThat(app.users()).containsExactly("root");
      assertThat((double) app.total().bytesUp()).as("bytes of the client's app" + why())
          .isBetween(0.99 * sent, 1.01 * sent);
      long others = end.apps().stream().filter(a -> !a.app().equals("shortconn") && !a.app().equals(Attribution.UNKNOWN))
          .mapToLong(a -> a.total().bytes()).sum();
      assertThat(others).as("bytes given to any other app").isZero();
      assertThat(acc.destroyedUnseen()).as("connections no dump saw alive").isGreaterThan(CONNECTIONS * 9L / 10);
      assertThat(acc.bytesByMethod().getOrDefault(Owner.Method.CGROUP, 0L)).as("bytes found through the recorded cgroup")
          .isGreaterThanOrEqualTo(sent * 99 / 100);
    }
  }

  @Test
  void connectionsNoDumpSawInACgroupOfTwoAppsStayUnknown() throws Exception {
    List<AppRule> apps = List.of(rule("shortconn", "/usr/bin/python3*", "shortconn", "interactive"));
    start(config(apps).withCapture(false));
    try (TestCgroup cg = TestCgroup.create(mount, "h4k-mixed")) {
      lab.start(lab.a, cg.wrap("/bin/sleep", "60").toArray(String[]::new));
      cg.awaitMembers(1);
      long sent = runClient(cg);
      HostSnapshot end = settle();
      assertThat(end.app("sleep")).as("the other app of the cgroup gets nothing").isEmpty();
      long shortconn = end.app("shortconn").map(a -> a.total().bytesUp()).orElse(0L);
      long unknown = end.app(Attribution.UNKNOWN).map(a -> a.total().bytesUp()).orElse(0L);
      assertThat((double) shortconn + unknown).as("every byte is the client's or unknown").isBetween((double) sent,
          1.01 * sent);
      assertThat(acc.bytesByMethod().getOrDefault(Owner.Method.CGROUP, 0L)).as("nothing through the mixed cgroup")
          .isZero();
      assertThat(acc.unknownBytesByReason()).containsKey(Owner.Reason.CGROUP_MIXED_APPS);
    }
  }

  @Test
  void theTableIsRemovedOnStopAndTheEnforcementTableIsLeftAlone() throws Exception {
    NetnsLab.run("nsenter", "--net=" + lab.netnsA(), "nft", "add", "table", "inet", "cuttle");
    try {
      start(config(List.of()));
      assertThat(tableExists(KernelFlowTable.DEFAULT_NAME)).isTrue();
      acc.close();
      acc = null;
      assertThat(tableExists(KernelFlowTable.DEFAULT_NAME)).as("the accounting's table after stop").isFalse();
      assertThat(tableExists("cuttle")).as("the enforcement adapter's table").isTrue();
    } finally {
      NetnsLab.run("nsenter", "--net=" + lab.netnsA(), "nft", "delete", "table", "inet", "cuttle");
    }
  }

  private static boolean tableExists(String name) throws Exception {
    Process p = new ProcessBuilder("nsenter", "--net=" + lab.netnsA(), "nft", "list", "table", "inet", name)
        .redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0;
  }

  private long udpIperf(int port) throws Exception {
    Process client = lab.start(lab.a, "/usr/bin/iperf3", "-c", NetnsLab.B_ADDR, "-p", Integer.toString(port), "-u", "-b",
        "100M", "-l", "1200", "-t", "1", "--json");
    JsonNode report = JSON.readTree(client.getInputStream());
    assertThat(client.waitFor()).isZero();
    return report.path("end").path("sum").path("bytes").asLong();
  }

  /**
   * Runs the client in {@code cg}: CONNECTIONS connections of SIZE bytes one after another, each
   * open about 2 ms (so the client lives for a few ticks, as a real one would, while a dump every
   * 250 ms sees almost none of its connections alive).
   */
  private long runClient(TestCgroup cg) throws Exception {
    Process client = lab.start(lab.a, cg.wrap(PY, scripts.resolve("shortconn.py").toString(), NetnsLab.B_ADDR,
        "7200", Integer.toString(CONNECTIONS), Integer.toString(SIZE), "2").toArray(String[]::new));
    long sent = Long.parseLong(new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    assertThat(client.waitFor()).isZero();
    assertThat(sent).isEqualTo((long) CONNECTIONS * SIZE);
    return sent;
  }

  /** Lets destroy events catch up, then ticks. */
  private HostSnapshot settle() throws InterruptedException {
    Thread.sleep(600);
    return acc.tick();
  }

  private String why() {
    return "; unknown bytes by reason " + acc.unknownBytesByReason() + ", by method " + acc.bytesByMethod()
        + ", destroyed unseen " + acc.destroyedUnseen() + ", kernel " + acc.kernelCounting();
  }
}
