package io.cuttle.policy.engine;

/** Where a loaded handler is in its lifecycle. */
public enum HandlerStatus {
  /** Loaded; its {@code exception(net)} predicate is evaluated on every trigger. */
  WATCHING,
  /** Fired and has registered handler functions that run on every trigger. */
  REGISTERED,
  /** Failed; its restrictions were reverted. It is reloaded after the engine's retry delay, if any. */
  FAILED
}
