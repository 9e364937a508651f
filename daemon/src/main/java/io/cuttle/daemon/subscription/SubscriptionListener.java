package io.cuttle.daemon.subscription;

import io.cuttle.daemon.state.StateUpdate;
import java.time.Instant;

/**
 * Hears what a {@link StateSubscription} does (for metrics and logs). Every method has a no-op
 * default; calls come from gRPC or scheduler threads and must not block.
 */
public interface SubscriptionListener {
  /** A message arrived on the current stream and the keeper made {@code update} of it. */
  default void updateReceived(StateUpdate update, Instant receivedAt) {}

  /** The stream was discarded and a new Watch will follow, for {@code reason}. */
  default void resubscribing(ResubscribeReason reason, String detail) {}

  /** The connection status changed. */
  default void statusChanged(ConnectionStatus status) {}

  /** Why a subscription opens another Watch. */
  enum ResubscribeReason {
    /** The stream failed with an error (controller down, network, deadline). */
    STREAM_FAILED,
    /** The controller ended the stream. */
    STREAM_ENDED,
    /** A message did not fit the state held; a snapshot is asked for. */
    RESYNC
  }
}
