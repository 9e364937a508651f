package io.cuttle.netstate.path;

/** Answer to "does my path to X cross link L", saying why. */
public enum PathCrossing {
  /** Every equal-cost path crosses the link. */
  ALL,
  /** Some equal-cost paths cross it (ECMP may send a flow either way). */
  SOME,
  /** No shortest path crosses it. */
  NONE,
  /** The destination is not reachable at all. */
  UNREACHABLE
}
