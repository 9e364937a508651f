package io.cuttle.daemon.state;

import io.cuttle.netstate.model.NetworkState;

/** Hears every change of the state a {@link StateKeeper} holds. */
@FunctionalInterface
public interface StateListener {
  /**
   * Called after each change with the new state, on the thread that applied it; must not block
   * for long. An exception is logged and does not stop other listeners.
   */
  void stateChanged(NetworkState state);

  /**
   * Like {@link #stateChanged}, for a state that arrived whole in a snapshot (its version may have
   * been committed long before); by default the same as {@link #stateChanged}.
   */
  default void snapshotApplied(NetworkState state) {
    stateChanged(state);
  }
}
