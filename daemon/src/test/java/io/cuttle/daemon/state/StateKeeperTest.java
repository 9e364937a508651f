package io.cuttle.daemon.state;

import static io.cuttle.daemon.fake.TestStates.BACKBONE;
import static io.cuttle.daemon.fake.TestStates.LINEAGE;
import static io.cuttle.daemon.fake.TestStates.backboneDown;
import static io.cuttle.daemon.fake.TestStates.costUp;
import static io.cuttle.daemon.fake.TestStates.deltas;
import static io.cuttle.daemon.fake.TestStates.heartbeat;
import static io.cuttle.daemon.fake.TestStates.loads;
import static io.cuttle.daemon.fake.TestStates.office;
import static io.cuttle.daemon.fake.TestStates.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.daemon.fake.TestStates;
import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.wire.WireCodec;
import io.cuttle.wire.v1.StateMessage;
import io.cuttle.wire.v1.WatchRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateKeeperTest {
  private final List<NetworkState> heard = new ArrayList<>();

  private StateKeeper keeper(NetworkState initial) {
    StateKeeper k = new StateKeeper(initial);
    k.addListener(heard::add);
    return k;
  }

  @Test
  void emptyKeeperAsksForASnapshot() {
    StateKeeper k = StateKeeper.empty();

    WatchRequest r = k.watchRequest("web-1");

    assertThat(r.getHostId()).isEqualTo("web-1");
    assertThat(r.hasLineage()).isFalse();
    assertThat(r.getVersion()).isZero();
    assertThat(k.holdsState()).isFalse();
  }

  @Test
  void snapshotThenDeltasAreAppliedInOrderAndHeard() {
    StateKeeper k = keeper(NetworkState.empty(io.cuttle.netstate.model.Lineage.NONE));

    StateUpdate s = k.accept(snapshot(office()));
    StateUpdate d = k.accept(deltas(costUp(), backboneDown()));

    assertThat(s).isEqualTo(new StateUpdate.SnapshotApplied(office()));
    assertThat(d).isInstanceOfSatisfying(StateUpdate.DeltasApplied.class,
        x -> assertThat(x.deltas()).containsExactly(costUp(), backboneDown()));
    NetworkState now = k.current();
    assertThat(now.version()).isEqualTo(7);
    assertThat(now.links().get(BACKBONE).costAb()).isEqualTo(50);
    assertThat(now.links().get(BACKBONE).state()).isEqualTo(LinkState.DOWN);
    assertThat(heard).extracting(NetworkState::version).containsExactly(5L, 7L);
    assertThat(k.watchRequest("h").getLineage()).isEqualTo(WireCodec.lineage(LINEAGE));
    assertThat(k.watchRequest("h").getVersion()).isEqualTo(7);
  }

  @Test
  void heldStateIsPresentedForResumption() {
    StateKeeper k = keeper(office());

    WatchRequest r = k.watchRequest("h");

    assertThat(r.getLineage().getId()).isEqualTo(LINEAGE.id());
    assertThat(r.getLineage().getEpochMs()).isEqualTo(LINEAGE.epoch().toEpochMilli());
    assertThat(r.getVersion()).isEqualTo(5);
  }

  @Test
  void versionGapIsRejectedLeavesStateAndAsksForSnapshot() {
    StateKeeper k = keeper(office());

    StateUpdate u = k.accept(deltas(backboneDown()));

    assertThat(u).isInstanceOfSatisfying(StateUpdate.Rejected.class,
        r -> assertThat(r.reason()).contains("version 7 does not follow version 5"));
    assertThat(u.accepted()).isFalse();
    assertThat(k.current()).isEqualTo(office());
    assertThat(k.snapshotNeeded()).isTrue();
    assertThat(k.watchRequest("h").hasLineage()).isFalse();
    assertThat(heard).isEmpty();
  }

  @Test
  void batchIsAllOrNothing() {
    StateKeeper k = keeper(office());
    Delta conflicting = new Delta(7, LINEAGE.epoch().plusSeconds(7),
        new TopologyEvent.LinkStateChanged(999, LinkState.DOWN));

    StateUpdate u = k.accept(deltas(costUp(), conflicting));

    assertThat(u).isInstanceOfSatisfying(StateUpdate.Rejected.class,
        r -> assertThat(r.reason()).contains("does not fit version 6").contains("no link with id 999"));
    assertThat(k.current().version()).isEqualTo(5);
    assertThat(heard).isEmpty();
  }

  @Test
  void deltasBeforeAnySnapshotAreRejected() {
    StateKeeper k = StateKeeper.empty();

    StateUpdate u = k.accept(deltas(costUp()));

    assertThat(u).isInstanceOfSatisfying(StateUpdate.Rejected.class,
        r -> assertThat(r.reason()).contains("expected a snapshot first"));
  }

  @Test
  void afterARejectionDeltasWaitForTheSnapshot() {
    StateKeeper k = keeper(office());
    k.accept(deltas(backboneDown()));

    assertThat(k.accept(deltas(costUp()))).isInstanceOf(StateUpdate.Rejected.class);

    assertThat(k.accept(snapshot(office()))).isInstanceOf(StateUpdate.SnapshotApplied.class);
    assertThat(k.snapshotNeeded()).isFalse();
    assertThat(k.accept(deltas(costUp()))).isInstanceOf(StateUpdate.DeltasApplied.class);
    assertThat(k.current().version()).isEqualTo(6);
  }

  @Test
  void undecodableSnapshotAndEmptyMessageAreRejected() {
    StateKeeper k = keeper(office());
    var broken = WireCodec.snapshot(office()).toBuilder()
        .setLinks(0, WireCodec.snapshot(office()).getLinks(0).toBuilder().setA(77)).build();

    StateUpdate bad = k.accept(StateMessage.newBuilder().setSnapshot(broken).build());
    StateUpdate none = k.accept(StateMessage.getDefaultInstance());

    assertThat(bad).isInstanceOfSatisfying(StateUpdate.Rejected.class,
        r -> assertThat(r.reason()).startsWith("undecodable snapshot of version 5").contains("unknown node 77"));
    assertThat(none).isInstanceOfSatisfying(StateUpdate.Rejected.class,
        r -> assertThat(r.reason()).contains("no snapshot, deltas or heartbeat"));
    assertThat(k.current()).isEqualTo(office());
  }

  @Test
  void undecodableDeltaIsRejected() {
    StateKeeper k = keeper(office());
    var delta = WireCodec.delta(LINEAGE, costUp()).toBuilder().clearEvent().build();

    StateUpdate u = k.accept(StateMessage.newBuilder()
        .setDeltas(io.cuttle.wire.v1.DeltaBatch.newBuilder().addDelta(delta)).build());

    assertThat(u).isInstanceOfSatisfying(StateUpdate.Rejected.class,
        r -> assertThat(r.reason()).startsWith("undecodable delta").contains("event has no kind"));
  }

  @Test
  void heartbeatChangesNothing() {
    StateKeeper k = keeper(office());

    assertThat(k.accept(heartbeat(9))).isEqualTo(new StateUpdate.HeartbeatReceived(9));
    assertThat(k.current()).isEqualTo(office());
    assertThat(heard).isEmpty();
  }

  @Test
  void failingListenerDoesNotStopOthersOrTheUpdate() {
    StateKeeper k = new StateKeeper(office());
    k.addListener(s -> {
      throw new IllegalStateException("listener bug");
    });
    k.addListener(heard::add);

    k.accept(deltas(costUp(), backboneDown(), loads()));

    assertThat(k.current().version()).isEqualTo(8);
    assertThat(heard).extracting(NetworkState::version).containsExactly(8L);
    assertThat(k.current().paths().siteLoad("hq")).hasValueSatisfying(
        l -> assertThat(l.upstreamBps()).isEqualTo(300_000_000L));
    assertThat(TestStates.office().version()).isEqualTo(5);
  }
}
