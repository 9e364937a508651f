package io.cuttle.daemon.state;

import io.cuttle.daemon.state.StateUpdate.DeltasApplied;
import io.cuttle.daemon.state.StateUpdate.HeartbeatReceived;
import io.cuttle.daemon.state.StateUpdate.Rejected;
import io.cuttle.daemon.state.StateUpdate.SnapshotApplied;
import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.StateConflictException;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.wire.WireCodec;
import io.cuttle.netstate.wire.WireFormatException;
import io.cuttle.wire.v1.DeltaBatch;
import io.cuttle.wire.v1.StateMessage;
import io.cuttle.wire.v1.WatchRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the daemon's current {@link NetworkState} and moves it forward with the messages of a
 * controller's Watch stream.
 *
 * <p>A snapshot replaces the state; a delta batch is applied in order, all or nothing. A batch
 * that does not fit (a version gap, a {@link StateConflictException}), deltas before any snapshot,
 * or a message that cannot be decoded leaves the state unchanged and returns
 * {@link Rejected}: the caller discards the stream, and the next {@link #watchRequest} presents
 * nothing so that the controller sends a full snapshot. Readers get immutable snapshots from
 * {@link #current()} at any time; listeners hear each change after it is visible there.
 *
 * <p>{@link #accept} is meant to be fed by one stream at a time; calls are serialised.
 */
public final class StateKeeper {
  private static final Logger log = LoggerFactory.getLogger(StateKeeper.class);

  private final AtomicReference<NetworkState> current;
  private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean snapshotNeeded;

  /** Starts from {@code initial} (for example the state read from disk). */
  public StateKeeper(NetworkState initial) {
    this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
  }

  /** Starts holding nothing (version 0 of no lineage). */
  public static StateKeeper empty() {
    return new StateKeeper(NetworkState.empty(Lineage.NONE));
  }

  /** The state held now: an immutable snapshot. */
  public NetworkState current() {
    return current.get();
  }

  /** True if the keeper holds a state of some lineage (received or read from disk). */
  public boolean holdsState() {
    return current.get().lineage().id() != Lineage.NONE.id();
  }

  /** True after a rejected message, until the next snapshot arrives. */
  public boolean snapshotNeeded() {
    return snapshotNeeded;
  }

  public void addListener(StateListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(StateListener listener) {
    listeners.remove(listener);
  }

  /**
   * The request for the next Watch: it presents the lineage and version held, so the controller
   * can send only the deltas after it, unless the keeper holds nothing or needs a snapshot.
   */
  public WatchRequest watchRequest(String hostId) {
    WatchRequest.Builder b = WatchRequest.newBuilder().setHostId(hostId);
    NetworkState s = current.get();
    if (holdsState() && !snapshotNeeded) {
      b.setLineage(WireCodec.lineage(s.lineage())).setVersion(s.version());
    }
    return b.build();
  }

  /** Applies one stream message; see the class comment for what is rejected. */
  public synchronized StateUpdate accept(StateMessage message) {
    StateUpdate update = switch (message.getKindCase()) {
      case SNAPSHOT -> snapshot(message.getSnapshot());
      case DELTAS -> deltas(message.getDeltas());
      case HEARTBEAT -> new HeartbeatReceived(message.getHeartbeat().getVersion());
      case KIND_NOT_SET -> new Rejected(
          "message has no snapshot, deltas or heartbeat (sent by a newer controller?)");
    };
    switch (update) {
      case Rejected r -> snapshotNeeded = true;
      case SnapshotApplied s -> publish(s.state(), true);
      case DeltasApplied d -> {
        if (!d.deltas().isEmpty()) {
          publish(d.state(), false);
        }
      }
      case HeartbeatReceived h -> {
        // Liveness only; the state is unchanged.
      }
    }
    return update;
  }

  private StateUpdate snapshot(io.cuttle.wire.v1.Snapshot wire) {
    try {
      NetworkState next = WireCodec.state(wire);
      NetworkState prev = current.get();
      if (next.lineage().equals(prev.lineage()) && next.version() < prev.version()) {
        log.warn("snapshot moves lineage {} back from version {} to {}", next.lineage(), prev.version(),
            next.version());
      }
      snapshotNeeded = false;
      return new SnapshotApplied(next);
    } catch (WireFormatException e) {
      return new Rejected("undecodable snapshot of version " + wire.getVersion() + ": " + e.getMessage());
    }
  }

  private StateUpdate deltas(DeltaBatch batch) {
    NetworkState state = current.get();
    if (snapshotNeeded || !holdsState()) {
      return new Rejected("got " + batch.getDeltaCount() + " delta(s) but holds no state to apply them to;"
          + " expected a snapshot first");
    }
    List<Delta> applied = new ArrayList<>(batch.getDeltaCount());
    for (io.cuttle.wire.v1.Delta wire : batch.getDeltaList()) {
      try {
        Delta d = WireCodec.delta(state.lineage(), wire);
        state = state.apply(d);
        applied.add(d);
      } catch (WireFormatException e) {
        return new Rejected("undecodable delta: " + e.getMessage());
      } catch (StateConflictException e) {
        return new Rejected("delta does not fit version " + state.version() + ": " + e.getMessage());
      }
    }
    return new DeltasApplied(state, applied);
  }

  private void publish(NetworkState next, boolean snapshot) {
    current.set(next);
    for (StateListener l : listeners) {
      try {
        if (snapshot) {
          l.snapshotApplied(next);
        } else {
          l.stateChanged(next);
        }
      } catch (RuntimeException e) {
        log.warn("state listener {} failed on version {}", l, next.version(), e);
      }
    }
  }
}
