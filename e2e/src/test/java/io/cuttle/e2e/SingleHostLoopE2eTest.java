package io.cuttle.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.common.config.HostPort;
import io.cuttle.controller.Controller;
import io.cuttle.controller.ControllerConfig;
import io.cuttle.controller.ControllerConfig.TopologySource;
import io.cuttle.controller.status.EnforcementOutcome;
import io.cuttle.controller.status.StatusOptions;
import io.cuttle.daemon.Daemon;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.daemon.config.DaemonConfigReader;
import io.cuttle.daemon.enforce.EnforcementBridge;
import io.cuttle.enforce.linux.LinuxProvider;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.RestrictionOutcome;
import io.cuttle.lab.Iperf;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * The whole loop on one host: a controller serving a topology file whose WAN link's annotated load
 * is raised and lowered; a daemon (flow accounting inside the host namespace, the bulk-cap handler,
 * the Linux adapter on the host's uplink) and two iperf3 clients, one of app class {@code bulk} and
 * one {@code interactive}. Throughput is measured at the receiver: both run at their pace before,
 * only the bulk one is held to the cap while the load is high, and both are back at their pace once
 * it is low again, with nothing of the adapter left in the kernel.
 */
class SingleHostLoopE2eTest {
  private static final int BULK_PORT = 5401;
  private static final int INTERACTIVE_PORT = 5402;
  /** Each client is paced by iperf3 so that two of them and the daemon fit a small machine. */
  private static final long PACE_BPS = 300_000_000L;
  private static final long CAP_BPS = 40_000_000L;
  private static final int CLIENT_SECONDS = 18;

  @TempDir
  Path dir;

  private HostLab lab;
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
  void bulkAppIsCappedWhileTheWanIsBusyAndEverythingIsRestoredAfter() throws Exception {
    lab = HostLab.create();
    lab.iperfServer(BULK_PORT);
    lab.iperfServer(INTERACTIVE_PORT);
    Path topology = dir.resolve("topology.yaml");
    writeAtomically(topology, topology("100M"));
    controller = Controller.start(new ControllerConfig(new HostPort("127.0.0.1", 0), Optional.empty(),
        new TopologySource.FromFile(topology, Duration.ofMillis(100)), 64, 64, Duration.ofMillis(500),
        OptionalLong.empty(), Duration.ZERO, Duration.ZERO, Optional.empty(), StatusOptions.inMemory()),
        Clock.systemUTC());
    daemon = startDaemon();

    long t0 = System.nanoTime();
    Process bulk = lab.iperfClient(BULK_PORT, CLIENT_SECONDS, PACE_BPS);
    Process interactive = lab.iperfClient(INTERACTIVE_PORT, CLIENT_SECONDS, PACE_BPS);
    await("flow accounting sees both apps", Duration.ofSeconds(5), () -> daemon.hostSnapshot().apps().stream()
        .filter(a -> a.app().equals("backup") || a.app().equals("video")).count() == 2);
    Thread.sleep(4000);
    double busyAt = secondsSince(t0);
    writeAtomically(topology, topology("800M"));
    await("the cap applied in the kernel", Duration.ofSeconds(8),
        () -> outcome("backup").equals(Optional.of(RestrictionOutcome.APPLIED)));
    double cappedAt = secondsSince(t0);
    List<String> whileCapped = lab.adapterLeftovers();
    await("the controller's status shows the cap enforced", Duration.ofSeconds(4), () -> controller.hostStatus()
        .host("cd-h1").map(v -> v.status().restrictions().stream().anyMatch(r -> r.app().equals("backup")
            && r.handler().equals("bulk-cap") && r.outcome() == EnforcementOutcome.ENFORCED)).orElse(false));
    Thread.sleep(Math.max(0, 4500 - (long) ((secondsSince(t0) - cappedAt) * 1000)));
    double quietAt = secondsSince(t0);
    writeAtomically(topology, topology("100M"));
    await("the cap removed", Duration.ofSeconds(8),
        () -> outcome("backup").equals(Optional.of(RestrictionOutcome.REVERTED)));
    double releasedAt = secondsSince(t0);
    assertThat(releasedAt + 3.5).as("the story fits the clients' %d s", CLIENT_SECONDS).isLessThan(CLIENT_SECONDS);

    Iperf.Run bulkRun = Iperf.finish(bulk);
    Iperf.Run interactiveRun = Iperf.finish(interactive);
    double[] before = {bulkRun.wireBps(1.0, busyAt), interactiveRun.wireBps(1.0, busyAt)};
    double[] during = {bulkRun.wireBps(cappedAt + 1.0, quietAt), interactiveRun.wireBps(cappedAt + 1.0, quietAt)};
    double[] after = {bulkRun.wireBps(releasedAt + 1.0, CLIENT_SECONDS), interactiveRun.wireBps(releasedAt + 1.0,
        CLIENT_SECONDS)};
    System.out.printf("e2e single host (Mbit/s on the wire, bulk/interactive): before %.1f/%.1f, capped at %.0f:"
        + " %.1f/%.1f, after %.1f/%.1f; load raised at %.1f s, cap applied at %.1f s, lowered at %.1f s,"
        + " released at %.1f s%n", before[0] / 1e6, before[1] / 1e6, CAP_BPS / 1e6, during[0] / 1e6, during[1] / 1e6,
        after[0] / 1e6, after[1] / 1e6, busyAt, cappedAt, quietAt, releasedAt);

    double paced = PACE_BPS * 0.9;
    assertThat(before[0]).as("bulk before").isGreaterThan(paced);
    assertThat(before[1]).as("interactive before").isGreaterThan(paced);
    assertThat(during[0] / CAP_BPS).as("bulk delivered / cap").isBetween(0.8, 1.1);
    assertThat(during[1]).as("interactive while bulk is capped").isGreaterThan(paced);
    assertThat(after[0]).as("bulk after").isGreaterThan(paced);
    assertThat(after[1]).as("interactive after").isGreaterThan(paced);

    assertThat(whileCapped).as("the kernel oracle sees the adapter's objects while capped")
        .anyMatch(l -> l.startsWith("nft table")).anyMatch(l -> l.startsWith("tc ")).anyMatch(l -> l.startsWith("cgroup"));
    await("the controller's status shows no restriction enforced any more", Duration.ofSeconds(4), () -> controller.hostStatus()
        .host("cd-h1").map(v -> v.status().restrictions().stream().allMatch(r -> r.outcome() == EnforcementOutcome.REVERTED))
        .orElse(false));
    daemon.close();
    daemon = null;
    assertThat(lab.adapterLeftovers()).as("adapter objects left in the kernel").isEmpty();
  }

  private Daemon startDaemon() throws Exception {
    Path stateDir = Files.createDirectories(dir.resolve("state"));
    Path handlers = Files.createDirectories(stateDir.resolve("handlers"));
    for (String f : List.of("bulk-cap.js", "bulk-cap.manifest.yaml")) {
      try (InputStream in = getClass().getResourceAsStream("/handlers/" + f)) {
        Files.copy(in, handlers.resolve(f));
      }
    }
    String yaml = """
        host-id: cd-h1
        report-interval: 1s
        persist-interval: 1s
        admin-listen: off
        flows:
          interval: 500ms
          windows: [2s, 10s]
          capture: false
          netns: %s
          apps:
            - {name: backup, exe: /usr/bin/iperf3, cmdline: "-p %d", class: bulk}
            - {name: video, exe: /usr/bin/iperf3, cmdline: "-p %d", class: interactive}
        """.formatted(lab.hostNsFile(), BULK_PORT, INTERACTIVE_PORT);
    DaemonConfig config = DaemonConfigReader.parse("daemon.yaml", yaml)
        .withControllers(List.of(new HostPort("127.0.0.1", controller.port()))).withStateDir(stateDir);
    return Daemon.builder(config).clock(Clock.systemUTC())
        .enforcementAdapter(new LinuxProvider().create(lab.enforcement())).start();
  }

  private Optional<RestrictionOutcome> outcome(String app) {
    return daemon.enforcement().flatMap(EnforcementBridge::latest).flatMap(r -> r.of(app, ActionKind.LIMIT_UP))
        .map(o -> o.outcome());
  }

  private static String topology(String wanLoad) {
    return """
        routers:
          - {name: branch, router-id: 10.255.7.1}
          - {name: hub, router-id: 10.255.7.2}
        links:
          - {name: wan, a: branch, b: hub, cost: 10}
        prefixes:
          - {prefix: 10.207.1.0/24, router: branch}
        sites:
          - name: branch
            prefixes: [10.207.1.0/24]
            uplinks: [{link: wan, inside: branch}]
        annotations:
          - {link: wan, capacity: 1G, load: %s}
        """.formatted(wanLoad);
  }

  private static void writeAtomically(Path file, String text) throws Exception {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
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
