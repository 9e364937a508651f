package io.cuttle.daemon.state;

import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.model.NetworkState;
import java.util.List;
import java.util.Objects;

/** What a {@link StateKeeper} made of one message from a controller's stream. */
public sealed interface StateUpdate {

  /** The message fit: the stream is healthy. */
  default boolean accepted() {
    return !(this instanceof Rejected);
  }

  /** A full snapshot replaced the state. */
  record SnapshotApplied(NetworkState state) implements StateUpdate {
    public SnapshotApplied {
      Objects.requireNonNull(state, "state");
    }
  }

  /** A batch of deltas moved the state forward, in order. */
  record DeltasApplied(NetworkState state, List<Delta> deltas) implements StateUpdate {
    public DeltasApplied {
      Objects.requireNonNull(state, "state");
      deltas = List.copyOf(deltas);
    }
  }

  /** The controller is alive; {@code controllerVersion} is the version it holds. */
  record HeartbeatReceived(long controllerVersion) implements StateUpdate {}

  /**
   * The message did not fit (version gap, conflict, undecodable): the state was left unchanged,
   * the stream must be discarded and the next subscription asks for a snapshot.
   */
  record Rejected(String reason) implements StateUpdate {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
