package io.cuttle.policy.triggers;

/** Why a handler runs. */
public enum Trigger {
  /** The network state changed (after the splay delay, if any). */
  STATE_CHANGE,
  /** The handler's tick came round. */
  TICK
}
