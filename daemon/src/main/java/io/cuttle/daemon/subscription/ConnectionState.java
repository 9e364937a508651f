package io.cuttle.daemon.subscription;

/** Where the state subscription stands; {@link ConnectionStatus} adds the address and the error. */
public enum ConnectionState {
  /** Not started yet. */
  IDLE,
  /** A Watch was sent; nothing has arrived on it yet. */
  CONNECTING,
  /** The current stream has delivered data that fit. */
  STREAMING,
  /** A message did not fit the state held; waiting to resubscribe asking for a snapshot. */
  RESYNCING,
  /** The stream failed or ended; waiting before trying the next controller. */
  BACKING_OFF,
  /** The subscription was closed. */
  CLOSED
}
