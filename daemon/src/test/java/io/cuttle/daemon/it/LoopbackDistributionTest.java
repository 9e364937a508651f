package io.cuttle.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.common.config.HostPort;
import io.cuttle.controller.Controller;
import io.cuttle.controller.ControllerConfig;
import io.cuttle.controller.ControllerConfig.TopologySource;
import io.cuttle.controller.store.CommitResult;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.synthetic.RandomChanges;
import io.cuttle.controller.topology.synthetic.SyntheticTopology;
import io.cuttle.daemon.Daemon;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.netstate.model.NetworkState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real controllers and real daemons over loopback TCP (Netty): many subscribers, a restart in
 * the middle of a stream, and failover between two controllers.
 */
class LoopbackDistributionTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  private final List<AutoCloseable> running = new ArrayList<>();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

  @AfterEach
  void stop() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
    scheduler.shutdownNow();
  }

  private Controller controller(int subscriberBuffer) throws Exception {
    ControllerConfig c = new ControllerConfig(new HostPort("127.0.0.1", 0), Optional.empty(),
        new TopologySource.Example(), 2048, subscriberBuffer, Duration.ofMillis(500), OptionalLong.empty(), Duration.ZERO);
    Controller controller = Controller.start(c, Clock.systemUTC());
    running.add(controller);
    await("example topology served", () -> controller.store().current().version() > 0);
    return controller;
  }

  private Daemon daemon(String host, List<Controller> controllers) throws Exception {
    DaemonConfig c = DaemonConfig.defaults().withHostId(host).withStateDir(dir.resolve(host))
        .withControllers(controllers.stream().map(x -> new HostPort("127.0.0.1", x.port())).toList())
        .withAdminListen(Optional.empty())
        .withPersistInterval(Duration.ofMillis(50));
    Daemon d = Daemon.builder(c).scheduler(scheduler).start();
    running.add(d);
    return d;
  }

  private static double counter(Daemon d, String name) {
    var c = d.meterRegistry().find(name).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void twoHundredDaemonsEndIdenticalAfterABurstOfAThousandRandomChanges() throws Exception {
    Controller controller = controller(4096);
    TopologySpec spec = SyntheticTopology.generate(40, 70, new Random(11));
    assertThat(controller.store().apply(spec)).isInstanceOf(CommitResult.Committed.class);
    List<Daemon> daemons = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      daemons.add(daemon("host-" + i, List.of(controller)));
    }
    await("200 subscribers", () -> controller.distribution().subscriberCount() == 200);

    RandomChanges changes = new RandomChanges(new Random(12));
    int committed = 0;
    while (committed < 1000) {
      spec = changes.next(spec);
      CommitResult r = controller.store().apply(spec);
      committed += ((CommitResult.Committed) r).deltas().size();
    }
    NetworkState last = controller.store().current();
    await("every daemon at version " + last.version(),
        () -> daemons.stream().allMatch(d -> d.state().version() == last.version()));
    for (Daemon d : daemons) {
      assertThat(d.state()).as(d.config().hostId()).isEqualTo(last);
    }
  }

  @Test
  void aDaemonRestartedMidStreamResumesWithDeltasNotASnapshot() throws Exception {
    Controller controller = controller(4096);
    TopologySpec spec = SyntheticTopology.generate(20, 30, new Random(21));
    controller.store().apply(spec);
    Daemon first = daemon("restarter", List.of(controller));
    RandomChanges changes = new RandomChanges(new Random(22));
    for (int i = 0; i < 50; i++) {
      spec = changes.next(spec);
      controller.store().apply(spec);
    }
    long before = controller.store().current().version();
    await("first run caught up", () -> first.state().version() == before);
    first.close();
    running.remove(first);

    for (int i = 0; i < 50; i++) { // the network moves on while the daemon is down
      spec = changes.next(spec);
      controller.store().apply(spec);
    }
    Daemon second = daemon("restarter", List.of(controller));
    assertThat(second.state().version()).as("state loaded from disk").isEqualTo(before);
    // Keep changing while it reconnects: it must resume mid-stream.
    for (int i = 0; i < 20; i++) {
      spec = changes.next(spec);
      controller.store().apply(spec);
    }
    NetworkState last = controller.store().current();
    await("second run caught up", () -> second.state().version() == last.version());
    assertThat(second.state()).isEqualTo(last);
    assertThat(counter(second, "cuttle.daemon.snapshots.received")).isZero();
    assertThat(counter(second, "cuttle.daemon.deltas.applied")).isEqualTo(last.version() - before);
  }

  @Test
  void aDaemonFailsOverToTheNextControllerAndAdoptsItsLineage() throws Exception {
    Controller a = controller(4096);
    Controller b = controller(4096);
    assertThat(a.store().lineage()).isNotEqualTo(b.store().lineage());
    // Both must have committed everything their providers delivered (annotations are paced), so
    // that the versions compared below are final.
    await("controllers settled", () -> a.settled() && b.settled());
    Daemon d = daemon("failover", List.of(a, b));
    await("synced with a", () -> d.state().lineage().equals(a.store().lineage())
        && d.state().version() == a.store().current().version());

    a.close();
    running.remove(a);
    NetworkState fromB = b.store().current();
    await("synced with b", () -> d.state().lineage().equals(fromB.lineage()) && d.state().version() == fromB.version());
    assertThat(d.state()).isEqualTo(fromB);
    assertThat(d.controller().port()).isEqualTo(b.port());
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for: " + what);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

}
