package io.cuttle.netstate.model;

/** Operational state of a link. */
public enum LinkState {
  UP,
  DOWN
}
