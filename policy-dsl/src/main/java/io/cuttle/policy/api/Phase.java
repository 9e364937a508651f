package io.cuttle.policy.api;

/** Which part of a handler is running; actions are only allowed in {@link #FIRE} and {@link #HANDLER}. */
public enum Phase {
  /** The script's top level while it loads. */
  LOAD,
  /** {@code exception(net)}: a predicate without side effects. */
  PREDICATE,
  /** {@code fire(net, host)}. */
  FIRE,
  /** A registered handler function. */
  HANDLER
}
