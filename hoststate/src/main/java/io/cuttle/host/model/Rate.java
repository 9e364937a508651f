package io.cuttle.host.model;

/** Average rates in bit/s over a window, each direction; up is from this host. */
public record Rate(double upBps, double downBps) {
  public static final Rate ZERO = new Rate(0, 0);

  public Rate {
    if (!(upBps >= 0) || !(downBps >= 0)) {
      throw new IllegalArgumentException("rates must be finite and not negative, got up " + upBps + ", down " + downBps);
    }
  }
}
