package io.cuttle.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.common.config.HostPort;
import io.cuttle.controller.Controller;
import io.cuttle.controller.ControllerConfig;
import io.cuttle.controller.ControllerConfigParser;
import io.cuttle.controller.status.StatusOptions;
import io.cuttle.daemon.Daemon;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.daemon.config.DaemonConfigReader;
import io.cuttle.daemon.enforce.EnforcementBridge;
import io.cuttle.enforce.linux.LinuxProvider;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.RestrictionOutcome;
import io.cuttle.lab.Iperf;
import io.cuttle.lab.LabDaemons;
import io.cuttle.lab.LabHost.App;
import io.cuttle.lab.WanLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WAN story with real routers: the controller learns the branch's topology from FRR's OSPF
 * API (the backup path labelled {@code backup} by static annotations), the daemon on the branch
 * host runs the shipped {@code backup-link-bulk} handler. The WAN link loses carrier: OSPF moves the
 * traffic to the backup path, the daemon blocks the bulk app while the interactive one goes on over
 * the backup path; the link comes back: the block is removed and a new bulk transfer runs at its
 * pace. Throughput is counted per destination port in the sink.
 */
class WanFailoverE2eTest {
  private static final int BULK_PORT = 5401;
  private static final int INTERACTIVE_PORT = 5402;
  private static final long PACE_BPS = 100_000_000L;

  @TempDir
  Path dir;

  private WanLab lab;
  private Controller controller;
  private Daemon daemon;

  @AfterEach
  void tearDown() {
    if (daemon != null) {
      daemon.close();
    }
    if (controller != null) {
      controller.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void wanDownBlocksBulkWhileOnTheBackupPathAndRecoveryRestoresIt() throws Exception {
    lab = WanLabFixture.start();
    await("OSPF routes the branch to the sink over the WAN", Duration.ofSeconds(20),
        () -> lab.branchRouteToSink().equals("wan"));
    controller = startController();
    await("the controller holds the three router links and both sites", Duration.ofSeconds(15),
        () -> controller.store().current().links().size() >= 3 && controller.store().current().sites().size() == 2);
    daemon = startDaemon();
    lab.installMeter(BULK_PORT, INTERACTIVE_PORT);
    Process bulkServer = lab.start("sink", true, Iperf.plainServer(BULK_PORT));
    lab.start("sink", true, Iperf.plainServer(INTERACTIVE_PORT));
    Thread.sleep(300);
    Process bulk = lab.start("h1", true, client(BULK_PORT, 60));
    lab.start("h1", true, client(INTERACTIVE_PORT, 60));
    await("flow accounting sees both apps", Duration.ofSeconds(5), () -> daemon.hostSnapshot().apps().stream()
        .filter(a -> a.app().equals("backup") || a.app().equals("video")).count() == 2);

    Phase before = Phase.measure(lab, 3000);
    long down = System.nanoTime();
    lab.wan(false);
    await("OSPF moves the traffic to the backup path", Duration.ofSeconds(10),
        () -> lab.branchRouteToSink().equals("to-bk"));
    double rerouted = (System.nanoTime() - down) / 1e6;
    await("bulk blocked in the kernel", Duration.ofSeconds(10),
        () -> outcome("backup").equals(Optional.of(RestrictionOutcome.APPLIED)));
    double blocked = (System.nanoTime() - down) / 1e6;
    Thread.sleep(500);
    Phase during = Phase.measure(lab, 3000);
    List<String> whileBlocked = lab.adapterObjects(HostLab.TC_MAJOR);
    long up = System.nanoTime();
    lab.wan(true);
    await("OSPF routes over the WAN again", Duration.ofSeconds(15), () -> lab.branchRouteToSink().equals("wan"));
    await("the block removed", Duration.ofSeconds(10),
        () -> outcome("backup").equals(Optional.of(RestrictionOutcome.REVERTED)));
    double released = (System.nanoTime() - up) / 1e6;
    // The blocked transfer failed (its connections were reset); its server still waits for it, so
    // the sink gets a fresh server and a new transfer of the same app starts.
    boolean bulkSurvived = bulk.isAlive();
    bulkServer.destroyForcibly().waitFor();
    lab.start("sink", true, Iperf.plainServer(BULK_PORT));
    Thread.sleep(300);
    lab.start("h1", true, client(BULK_PORT, 30));
    Thread.sleep(1500);
    Phase after = Phase.measure(lab, 3000);
    System.out.printf("e2e WAN failover (Mbit/s at the sink bulk/interactive, backup path): before %s; WAN down:"
        + " rerouted after %.0f ms, bulk blocked after %.0f ms; during %s; WAN up: block removed after %.0f ms;"
        + " after %s; blocked client still running: %s%n", before, rerouted, blocked, during, released, after,
        bulkSurvived);

    double paced = PACE_BPS * 0.9;
    assertThat(before.bulk()).as("bulk before").isGreaterThan(paced);
    assertThat(before.interactive()).as("interactive before").isGreaterThan(paced);
    assertThat(before.backupPath()).as("backup path before").isLessThan(PACE_BPS * 0.05);
    assertThat(during.bulk()).as("bulk while blocked").isLessThan(PACE_BPS * 0.01);
    assertThat(during.interactive()).as("interactive on the backup path").isGreaterThan(paced);
    assertThat(during.backupPath()).as("backup path carries the interactive app").isGreaterThan(paced);
    assertThat(after.bulk()).as("bulk after recovery").isGreaterThan(paced);
    assertThat(after.interactive()).as("interactive after recovery").isGreaterThan(paced);
    assertThat(after.backupPath()).as("backup path after recovery").isLessThan(PACE_BPS * 0.05);
    assertThat(whileBlocked).as("the kernel oracle sees the block").anyMatch(l -> l.startsWith("nft table"));
    daemon.close();
    daemon = null;
    assertThat(lab.adapterObjects(HostLab.TC_MAJOR)).as("adapter objects left in the kernel").isEmpty();
  }

  /** Rates over one measurement window: bulk and interactive at the sink, the backup path's bytes. */
  record Phase(double bulk, double interactive, double backupPath) {
    static Phase measure(WanLab lab, long millis) throws InterruptedException {
      long b0 = lab.meteredBytes(BULK_PORT);
      long i0 = lab.meteredBytes(INTERACTIVE_PORT);
      long p0 = lab.backupPathBytes();
      long t0 = System.nanoTime();
      Thread.sleep(millis);
      double secs = (System.nanoTime() - t0) / 1e9;
      return new Phase((lab.meteredBytes(BULK_PORT) - b0) * 8 / secs,
          (lab.meteredBytes(INTERACTIVE_PORT) - i0) * 8 / secs, (lab.backupPathBytes() - p0) * 8 / secs);
    }

    @Override
    public String toString() {
      return String.format("%.1f/%.1f, %.1f", bulk / 1e6, interactive / 1e6, backupPath / 1e6);
    }
  }

  private String[] client(int port, int seconds) {
    return Iperf.pacedClient(WanLab.SINK_IP, port, seconds, PACE_BPS);
  }

  private Controller startController() throws Exception {
    String yaml = """
        topology:
          source: ospf
          api: %s
        annotations:
          interval: 1s
        """.formatted(lab.api()) + WanLab.labelsAndSitesYaml(List.of(WanLab.BRANCH_PREFIX));
    ControllerConfig parsed = ControllerConfigParser.parse("controller.yaml", yaml);
    return Controller.start(new ControllerConfig(new HostPort("127.0.0.1", 0), Optional.empty(), parsed.topology(),
        64, 64, Duration.ofMillis(500), OptionalLong.empty(), Duration.ZERO, Duration.ZERO, parsed.annotations(),
        StatusOptions.inMemory()), Clock.systemUTC());
  }

  private Daemon startDaemon() throws Exception {
    Path stateDir = Files.createDirectories(dir.resolve("state"));
    Path handlers = Files.createDirectories(stateDir.resolve("handlers"));
    LabDaemons.installHandler(handlers, "backup-link-bulk");
    String yaml = LabDaemons.yaml(lab.hostNs(1), WanLab.HOST_IP, lab.hostNs(1), List.of(),
        List.of(new App("backup", "bulk", BULK_PORT, PACE_BPS).rule(), new App("video", "interactive",
            INTERACTIVE_PORT, PACE_BPS).rule()));
    DaemonConfig config = DaemonConfigReader.parse("daemon.yaml", yaml)
        .withControllers(List.of(new HostPort("127.0.0.1", controller.port()))).withStateDir(stateDir);
    return Daemon.builder(config).clock(Clock.systemUTC())
        .enforcementAdapter(new LinuxProvider().create(lab.enforcement(HostLab.TC_MAJOR))).start();
  }

  private Optional<RestrictionOutcome> outcome(String app) {
    return daemon.enforcement().flatMap(EnforcementBridge::latest).flatMap(r -> r.of(app, ActionKind.BLOCK))
        .map(o -> o.outcome());
  }

  private static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("expected " + what + " within " + limit + ", got nothing");
      }
      Thread.sleep(50);
    }
  }
}
