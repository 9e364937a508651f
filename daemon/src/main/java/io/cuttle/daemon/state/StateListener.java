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
}
