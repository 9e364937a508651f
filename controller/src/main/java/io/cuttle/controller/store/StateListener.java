package io.cuttle.controller.store;

import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.model.NetworkState;
import java.util.List;

/**
 * Told about every commit of the {@link TopologyStore}, in order, while the store's lock is held:
 * implementations must be quick and must not call back into the store's commit methods.
 */
public interface StateListener {
  /** {@code deltas} moved the state to {@code state}; never empty. */
  void committed(NetworkState state, List<Delta> deltas);
}
