package io.cuttle.daemon.subscription;

import static io.cuttle.daemon.fake.TestStates.LINEAGE;
import static io.cuttle.daemon.fake.TestStates.backboneDown;
import static io.cuttle.daemon.fake.TestStates.costUp;
import static io.cuttle.daemon.fake.TestStates.deltas;
import static io.cuttle.daemon.fake.TestStates.heartbeat;
import static io.cuttle.daemon.fake.TestStates.loads;
import static io.cuttle.daemon.fake.TestStates.office;
import static io.cuttle.daemon.fake.TestStates.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.common.config.HostPort;
import io.cuttle.daemon.config.ReconnectPolicy;
import io.cuttle.daemon.fake.Await;
import io.cuttle.daemon.fake.FakeStateDistribution;
import io.cuttle.daemon.fake.FakeStateDistribution.Watch;
import io.cuttle.daemon.fake.InProcessControllers;
import io.cuttle.daemon.fake.RecordingListener;
import io.cuttle.daemon.fake.RecordingListener.Resubscribe;
import io.cuttle.daemon.fake.TestClock;
import io.cuttle.daemon.state.StateKeeper;
import io.cuttle.daemon.state.StateUpdate;
import io.cuttle.daemon.subscription.SubscriptionListener.ResubscribeReason;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.wire.WireCodec;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StateSubscriptionTest {
  private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(5), Duration.ofMillis(50), 2.0, 0.2);

  private final InProcessControllers controllers = new InProcessControllers();
  private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
  private final RecordingListener heard = new RecordingListener();
  private final BlockingQueue<NetworkState> states = new LinkedBlockingQueue<>();
  private ControllerClient client;
  private Backoff backoff;
  private StateSubscription subscription;

  @AfterEach
  void stop() {
    if (subscription != null) {
      subscription.close();
    }
    if (client != null) {
      client.close();
    }
    scheduler.shutdownNow();
    controllers.close();
  }

  private StateKeeper start(NetworkState initial, List<HostPort> addresses) {
    return start(initial, addresses, FAST);
  }

  private StateKeeper start(NetworkState initial, List<HostPort> addresses, ReconnectPolicy policy) {
    StateKeeper keeper = new StateKeeper(initial);
    keeper.addListener(states::add);
    client = new ControllerClient(addresses, controllers.channels());
    backoff = new Backoff(policy, new SplittableRandom(1));
    subscription = new StateSubscription("web-1", keeper, client, backoff, clock, scheduler);
    subscription.addListener(heard);
    subscription.start();
    return keeper;
  }

  private static NetworkState nothing() {
    return NetworkState.empty(io.cuttle.netstate.model.Lineage.NONE);
  }

  private ConnectionStatus awaitStatus(ConnectionState state) {
    return Await.first(heard.statuses, "status " + state, s -> s.state() == state);
  }

  @Test
  void snapshotThenDeltasAreAppliedInOrder() {
    FakeStateDistribution ctl = new FakeStateDistribution();
    HostPort address = controllers.start(ctl);
    StateKeeper keeper = start(nothing(), List.of(address));

    Watch w = ctl.awaitWatch();
    assertThat(w.request.getHostId()).isEqualTo("web-1");
    assertThat(w.request.hasLineage()).as("holds nothing, so asks for a snapshot").isFalse();
    w.send(snapshot(office()), deltas(costUp()), deltas(backboneDown(), loads()));

    assertThat(Await.next(states, "state").version()).isEqualTo(5);
    assertThat(Await.next(states, "state").version()).isEqualTo(6);
    NetworkState last = Await.next(states, "state");
    assertThat(last.version()).isEqualTo(8);
    assertThat(last.link(io.cuttle.daemon.fake.TestStates.BACKBONE).orElseThrow().state()).isEqualTo(LinkState.DOWN);
    assertThat(keeper.current()).isSameAs(last);
    assertThat(subscription.status().state()).isEqualTo(ConnectionState.STREAMING);
    assertThat(subscription.status().controller()).isEqualTo(address);
    assertThat(subscription.status().error()).isEmpty();
  }

  @Test
  void resumePresentsTheLineageAndVersionHeld() {
    FakeStateDistribution ctl = new FakeStateDistribution();
    StateKeeper keeper = start(office(), List.of(controllers.start(ctl)));

    Watch w = ctl.awaitWatch();

    assertThat(WireCodec.lineage(w.request.getLineage())).isEqualTo(LINEAGE);
    assertThat(w.request.getVersion()).isEqualTo(5);
    w.send(deltas(costUp()));
    assertThat(Await.next(states, "state").version()).isEqualTo(6);
    assertThat(keeper.current().version()).isEqualTo(6);
  }

  @Test
  void gapDiscardsTheStreamAndResubscribesAskingForASnapshot() throws InterruptedException {
    FakeStateDistribution ctl = new FakeStateDistribution();
    StateKeeper keeper = start(office(), List.of(controllers.start(ctl)));
    Watch first = ctl.awaitWatch();

    first.send(deltas(backboneDown())); // version 7 after 5: 6 is missing

    assertThat(first.awaitCancelled()).as("the stream with the gap is cancelled").isTrue();
    Watch second = ctl.awaitWatch();
    assertThat(second.request.hasLineage()).isFalse();
    assertThat(second.request.getVersion()).isZero();
    assertThat(keeper.current()).as("the state held is kept meanwhile").isEqualTo(office());
    assertThat(heard.awaitUpdate(StateUpdate.Rejected.class).reason()).contains("does not follow version 5");
    Resubscribe r = Await.next(heard.resubscribes, "resubscribe");
    assertThat(r.reason()).isEqualTo(ResubscribeReason.RESYNC);
    assertThat(awaitStatus(ConnectionState.RESYNCING).error()).hasValueSatisfying(
        e -> assertThat(e).contains("does not follow"));

    NetworkState fresh = office().apply(costUp()).apply(backboneDown());
    second.send(snapshot(fresh));
    assertThat(Await.first(states, "snapshot", s -> s.version() == 7)).isEqualTo(fresh);
    awaitStatus(ConnectionState.STREAMING);
  }

  @Test
  void undecodableMessageAlsoResyncsFromTheSameController() throws InterruptedException {
    FakeStateDistribution ctl = new FakeStateDistribution();
    HostPort only = controllers.start(ctl);
    start(office(), List.of(only));
    Watch first = ctl.awaitWatch();

    first.send(io.cuttle.wire.v1.StateMessage.getDefaultInstance());

    assertThat(first.awaitCancelled()).isTrue();
    assertThat(ctl.awaitWatch().request.hasLineage()).isFalse();
    assertThat(Await.next(heard.resubscribes, "resubscribe").reason()).isEqualTo(ResubscribeReason.RESYNC);
  }

  @Test
  void streamErrorFailsOverToTheNextControllerRoundRobin() {
    FakeStateDistribution a = new FakeStateDistribution();
    FakeStateDistribution b = new FakeStateDistribution();
    HostPort addressA = controllers.start(a);
    HostPort addressB = controllers.start(b);
    start(nothing(), List.of(addressA, addressB));

    a.awaitWatch().fail(Status.UNAVAILABLE.withDescription("controller restarting"));

    Watch onB = b.awaitWatch();
    ConnectionStatus backingOff = awaitStatus(ConnectionState.BACKING_OFF);
    assertThat(backingOff.controller()).isEqualTo(addressA);
    assertThat(backingOff.error()).hasValue("failed: UNAVAILABLE: controller restarting");
    assertThat(Await.next(heard.resubscribes, "resubscribe").reason()).isEqualTo(ResubscribeReason.STREAM_FAILED);
    assertThat(subscription.controller()).isEqualTo(addressB);

    onB.complete();

    assertThat(a.awaitWatch()).as("after the last address comes the first again").isNotNull();
    assertThat(Await.next(heard.resubscribes, "resubscribe").reason()).isEqualTo(ResubscribeReason.STREAM_ENDED);
  }

  @Test
  void firstControllerDownSecondServes() {
    FakeStateDistribution b = new FakeStateDistribution();
    HostPort down = controllers.unused();
    HostPort up = controllers.start(b);
    StateKeeper keeper = start(nothing(), List.of(down, up));

    Watch w = b.awaitWatch();
    w.send(snapshot(office()));

    assertThat(Await.next(states, "state")).isEqualTo(office());
    ConnectionStatus failed = awaitStatus(ConnectionState.BACKING_OFF);
    assertThat(failed.controller()).isEqualTo(down);
    assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e).startsWith("failed: UNAVAILABLE"));
    ConnectionStatus streaming = awaitStatus(ConnectionState.STREAMING);
    assertThat(streaming.controller()).isEqualTo(up);
    assertThat(keeper.current().version()).isEqualTo(5);
  }

  @Test
  void backoffGrowsWhileControllersStayDownAndResetsAfterData() {
    FakeStateDistribution ctl = new FakeStateDistribution();
    HostPort address = controllers.start(ctl);
    ReconnectPolicy policy = new ReconnectPolicy(Duration.ofMillis(1), Duration.ofMillis(20), 2.0, 0.0);
    start(office(), List.of(address), policy);

    for (int i = 0; i < 3; i++) {
      ctl.awaitWatch().fail(Status.UNAVAILABLE);
      Await.next(heard.resubscribes, "resubscribe");
    }
    Watch w = ctl.awaitWatch();
    assertThat(backoff.failures()).isEqualTo(3);

    w.send(heartbeat(5));
    heard.awaitUpdate(StateUpdate.HeartbeatReceived.class);

    assertThat(backoff.failures()).isZero();
  }

  @Test
  void stalenessCountsFromTheLastMessageOfAnyKind() {
    FakeStateDistribution ctl = new FakeStateDistribution();
    start(nothing(), List.of(controllers.start(ctl)));
    Watch w = ctl.awaitWatch();

    clock.advance(Duration.ofSeconds(3));
    assertThat(subscription.staleness()).as("never heard: since start").isEqualTo(Duration.ofSeconds(3));
    assertThat(subscription.lastHeard()).isEmpty();

    w.send(snapshot(office()));
    heard.awaitUpdate(StateUpdate.SnapshotApplied.class);
    Instant snapshotAt = clock.instant();
    clock.advance(Duration.ofSeconds(30));
    assertThat(subscription.staleness()).isEqualTo(Duration.ofSeconds(30));

    w.send(heartbeat(5));
    heard.awaitUpdate(StateUpdate.HeartbeatReceived.class);
    assertThat(subscription.staleness()).isZero();
    assertThat(subscription.lastHeard()).hasValue(snapshotAt.plusSeconds(30));

    clock.advance(Duration.ofMillis(1500));
    SubscriptionStatus s = subscription.subscriptionStatus();
    assertThat(s.staleness()).isEqualTo(Duration.ofMillis(1500));
    assertThat(s.connection().state()).isEqualTo(ConnectionState.STREAMING);
  }

  @Test
  void rejectedMessageDoesNotCountAsHeard() throws InterruptedException {
    FakeStateDistribution ctl = new FakeStateDistribution();
    start(office(), List.of(controllers.start(ctl)));
    Watch w = ctl.awaitWatch();
    w.send(heartbeat(5));
    heard.awaitUpdate(StateUpdate.HeartbeatReceived.class);
    clock.advance(Duration.ofSeconds(10));

    w.send(deltas(backboneDown()));
    heard.awaitUpdate(StateUpdate.Rejected.class);

    assertThat(subscription.staleness()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void closeCancelsTheStreamAndStopsRetrying() throws InterruptedException {
    FakeStateDistribution ctl = new FakeStateDistribution();
    start(office(), List.of(controllers.start(ctl)));
    Watch w = ctl.awaitWatch();

    subscription.close();

    assertThat(w.awaitCancelled()).isTrue();
    assertThat(subscription.status().state()).isEqualTo(ConnectionState.CLOSED);
    // A retry already due would run on the single scheduler thread before this marker task.
    try {
      scheduler.submit(() -> null).get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError(e);
    }
    assertThat(ctl.noPendingWatch()).isTrue();
  }
}
