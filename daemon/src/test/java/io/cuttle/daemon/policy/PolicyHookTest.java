package io.cuttle.daemon.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.daemon.fake.Await;
import io.cuttle.daemon.fake.TestClock;
import io.cuttle.daemon.fake.TestStates;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.host.model.Rate;
import io.cuttle.host.model.Traffic;
import io.cuttle.netstate.model.NetworkState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state change is judged on the host snapshot a handler's view was built for when that is at most
 * two poll intervals older than the latest (no view to build before the decision), else on the
 * latest. Handing a state over never waits for a handler run.
 */
class PolicyHookTest {
  @TempDir
  Path dir;

  private static final Duration POLL = Duration.ofSeconds(60);
  private final TestClock clock = new TestClock(TestStates.LINEAGE.epoch().plusSeconds(10));
  private final AtomicReference<HostSnapshot> host = new AtomicReference<>(withApp("old"));
  private final AtomicInteger fetches = new AtomicInteger();
  private PolicyHook hook;

  @AfterEach
  void stop() {
    if (hook != null) {
      hook.close();
    }
  }

  private HostSnapshot withApp(String app) {
    return new HostSnapshot("h", clock.instant(), Duration.ofSeconds(1), List.of(new AppUsage(app, "bulk", Set.of(),
        Set.of(7), Traffic.ZERO, Rate.ZERO, List.of())), List.of());
  }

  private void start() throws Exception {
    Files.writeString(dir.resolve("down-blocks-all.js"), """
        function exception(net) { return net.links.some(l => !l.up); }
        function fire(net, host) { register(h); }
        function h(net, host) {
          if (!exception(net)) { removeAllRestrictions(); deregister(h); return; }
          for (const app of host.apps) block(app);
        }
        """);
    hook = new PolicyHook(dir, "h", clock, POLL); // one tick at the start, the next a minute later
    hook.hostSource(() -> {
      fetches.incrementAndGet();
      return host.get();
    });
    hook.start(TestStates.office(), () -> Duration.ZERO);
    Await.until("the first tick fetched the host", () -> fetches.get() >= 1);
  }

  private static NetworkState backboneDown() {
    return TestStates.office().apply(TestStates.costUp()).apply(TestStates.backboneDown());
  }

  @Test
  void aStateChangeRunsOnTheSnapshotItsHandlerHasAViewOfWhenThatIsAtMostTwoPollIntervalsOlder() throws Exception {
    start();
    clock.advance(POLL.multipliedBy(2));
    host.set(withApp("new"));

    hook.stateChanged(backboneDown());

    Await.until("a decision", () -> !hook.desired().byApp().isEmpty());
    DesiredState decided = hook.desired();
    assertThat(decided.byApp().keySet()).containsExactly("old");
  }

  @Test
  void aStateChangeRunsOnTheLatestSnapshotWhenTheViewIsOlder() throws Exception {
    start();
    clock.advance(POLL.multipliedBy(2).plusSeconds(1));
    host.set(withApp("new"));

    hook.stateChanged(backboneDown());

    Await.until("a decision", () -> !hook.desired().byApp().isEmpty());
    assertThat(hook.desired().byApp().keySet()).containsExactly("new");
  }

  @Test
  void handingOverAStateNeverWaitsForAHandlerRunInProgress() throws Exception {
    CountDownLatch inEnforcement = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start();
    hook.enforcement(desired -> { // called inside the engine's run, which holds the engine
      inEnforcement.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    hook.stateChanged(backboneDown());
    assertThat(inEnforcement.await(30, TimeUnit.SECONDS)).as("the run for the failure reached enforcement").isTrue();

    CompletableFuture<Void> handOver = CompletableFuture.runAsync(() -> hook.stateChanged(TestStates.office()));
    handOver.get(10, TimeUnit.SECONDS); // would wait for the run above, which waits for the latch below
    release.countDown();

    Await.until("the handlers saw the links back up", () -> hook.desired().byApp().isEmpty());
  }
}
