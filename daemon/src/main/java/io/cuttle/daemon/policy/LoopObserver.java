package io.cuttle.daemon.policy;

import io.cuttle.host.enforce.DesiredState;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.policy.engine.PollResult;
import io.cuttle.policy.sandbox.HandlerFailure;

/** Hears what the handler loop does, for metrics. Default methods do nothing; none may block. */
public interface LoopObserver {
  LoopObserver NONE = new LoopObserver() {};

  /**
   * A new network state reached the handlers (called on the thread that applied it); {@code snapshot}
   * when it arrived whole in a snapshot rather than as deltas.
   */
  default void stateApplied(NetworkState state, boolean snapshot) {}

  /** The handlers' desired state changed; called before it is handed to enforcement. */
  default void desiredChanged(DesiredState desired) {}

  /** One poll of the engine ran: its handler runs and whether the desired state changed. */
  default void polled(PollResult result) {}

  /** A handler failed (while loading or running). */
  default void failed(HandlerFailure failure) {}
}
