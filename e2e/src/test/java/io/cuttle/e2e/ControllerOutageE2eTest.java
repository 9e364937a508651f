package io.cuttle.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.common.config.HostPort;
import io.cuttle.controller.Controller;
import io.cuttle.controller.ControllerConfig;
import io.cuttle.controller.ControllerConfig.TopologySource;
import io.cuttle.controller.status.EnforcementOutcome;
import io.cuttle.controller.status.StatusOptions;
import io.cuttle.daemon.Daemon;
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
 * The controller is killed while a cap holds: the daemon keeps enforcing it (measured), reports
 * growing staleness, and when a controller returns on the same address it resyncs and keeps exactly
 * the one restriction it had; lowering the load then releases it.
 */
class ControllerOutageE2eTest {
  private static final int BULK_PORT = 5401;
  private static final long PACE_BPS = 300_000_000L;
  private static final long CAP_BPS = 40_000_000L;
  private static final int CLIENT_SECONDS = 22;

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
  void daemonKeepsTheCapWhileTheControllerIsGoneAndResyncsWithoutDuplicates() throws Exception {
    lab = HostLab.create();
    lab.iperfServer(BULK_PORT);
    Path topology = dir.resolve("topology.yaml");
    write(topology, "100M");
    controller = startController(topology, 0);
    int port = controller.port();
    daemon = startDaemon();
    long t0 = System.nanoTime();
    Process bulk = lab.iperfClient(BULK_PORT, CLIENT_SECONDS, PACE_BPS);
    await("flow accounting sees the bulk app", Duration.ofSeconds(5),
        () -> daemon.hostSnapshot().apps().stream().anyMatch(a -> a.app().equals("backup")));
    write(topology, "800M");
    await("the cap applied", Duration.ofSeconds(8), () -> outcome().equals(Optional.of(RestrictionOutcome.APPLIED)));

    Thread.sleep(2000);
    Duration staleBefore = daemon.staleness();
    double closing = secondsSince(t0);
    controller.close();
    controller = null;
    double goneAt = secondsSince(t0);
    Thread.sleep(4000);
    double backAt = secondsSince(t0);
    Duration staleWhileGone = daemon.staleness();
    assertThat(outcome()).as("the cap while the controller is gone").contains(RestrictionOutcome.APPLIED);
    assertThat(lab.adapterLeftovers()).as("the adapter's objects while the controller is gone")
        .anyMatch(l -> l.startsWith("nft table"));

    controller = startController(topology, port);
    await("the daemon resyncs with the returned controller", Duration.ofSeconds(10),
        () -> daemon.staleness().compareTo(Duration.ofSeconds(2)) < 0
            && daemon.state().lineage().equals(controller.store().current().lineage()));
    await("the returned controller's status shows one cap enforced", Duration.ofSeconds(5), () -> controller
        .hostStatus().host("cd-h1").map(v -> v.status().restrictions().size() == 1
            && v.status().restrictions().get(0).outcome() == EnforcementOutcome.ENFORCED).orElse(false));
    assertThat(daemon.policies().desired().byApp()).as("desired restrictions after the resync").hasSize(1);
    assertThat(daemon.enforcement().flatMap(EnforcementBridge::latest).orElseThrow().outcomes())
        .as("adapter outcomes after the resync").singleElement()
        .satisfies(o -> assertThat(o.outcome()).isEqualTo(RestrictionOutcome.APPLIED));

    Iperf.Run run = Iperf.finish(bulk);
    double whileGone = run.wireBps(goneAt + 0.5, backAt);
    System.out.printf("e2e controller outage: bulk %.1f Mbit/s on the wire while the controller was gone (cap %.0f),"
        + " daemon staleness then %d ms (%d ms before); controller.close() took %.0f ms%n", whileGone / 1e6,
        CAP_BPS / 1e6, staleWhileGone.toMillis(), staleBefore.toMillis(), (goneAt - closing) * 1000);
    assertThat(whileGone / CAP_BPS).as("bulk delivered / cap while the controller is gone").isBetween(0.8, 1.1);
    assertThat(staleBefore).as("staleness with a controller sending heartbeats").isLessThan(Duration.ofSeconds(2));
    assertThat(staleWhileGone.toMillis() / 1000.0).as("staleness while the controller is gone")
        .isGreaterThan(backAt - goneAt).isLessThan(backAt - closing + 1.0);

    write(topology, "100M");
    await("the cap released after the resync", Duration.ofSeconds(8),
        () -> outcome().equals(Optional.of(RestrictionOutcome.REVERTED)));
    daemon.close();
    daemon = null;
    assertThat(lab.adapterLeftovers()).as("adapter objects left in the kernel").isEmpty();
  }

  private Controller startController(Path topology, int port) throws Exception {
    return Controller.start(new ControllerConfig(new HostPort("127.0.0.1", port), Optional.empty(),
        new TopologySource.FromFile(topology, Duration.ofMillis(100)), 64, 64, Duration.ofMillis(500),
        OptionalLong.empty(), Duration.ZERO, Duration.ZERO, Optional.empty(), StatusOptions.inMemory()),
        Clock.systemUTC());
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
        admin-listen: off
        reconnect: {initial: 100ms, max: 500ms}
        flows:
          interval: 500ms
          windows: [2s, 10s]
          capture: false
          netns: %s
          apps:
            - {name: backup, exe: /usr/bin/iperf3, cmdline: "-p %d", class: bulk}
        """.formatted(lab.hostNsFile(), BULK_PORT);
    return Daemon.builder(DaemonConfigReader.parse("daemon.yaml", yaml)
            .withControllers(List.of(new HostPort("127.0.0.1", controller.port()))).withStateDir(stateDir))
        .clock(Clock.systemUTC()).enforcementAdapter(new LinuxProvider().create(lab.enforcement())).start();
  }

  private Optional<RestrictionOutcome> outcome() {
    return daemon.enforcement().flatMap(EnforcementBridge::latest).flatMap(r -> r.of("backup", ActionKind.LIMIT_UP))
        .map(o -> o.outcome());
  }

  private static void write(Path file, String wanLoad) throws Exception {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, """
        routers:
          - {name: branch, router-id: 10.255.7.1}
          - {name: hub, router-id: 10.255.7.2}
        links:
          - {name: wan, a: branch, b: hub, cost: 10}
        annotations:
          - {link: wan, capacity: 1G, load: %s}
        """.formatted(wanLoad));
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
