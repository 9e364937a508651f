package io.cuttle.controller.annotation;

import java.util.OptionalLong;

/**
 * When a new measurement of a link is worth sending: a value that appears or disappears always
 * is; otherwise the change must exceed both {@code relative} times the larger of the two values
 * and {@code floorBps}. {@code (0, 0)} sends every change.
 *
 * @param relative fraction like 0.01 for 1%; 0..1
 * @param floorBps absolute change in bit/s below which nothing is sent; at least 0
 */
public record ChangeThreshold(double relative, long floorBps) {
  public static final ChangeThreshold DEFAULT = new ChangeThreshold(0.01, 10_000);
  public static final ChangeThreshold EVERY_CHANGE = new ChangeThreshold(0, 0);

  public ChangeThreshold {
    if (!(relative >= 0 && relative <= 1)) {
      throw new IllegalArgumentException("relative threshold must be 0..1, got " + relative);
    }
    if (floorBps < 0) {
      throw new IllegalArgumentException("threshold floor must not be negative, got " + floorBps);
    }
  }

  /** Whether going from {@code before} to {@code after} is a change worth sending. */
  public boolean significant(OptionalLong before, OptionalLong after) {
    if (before.isPresent() != after.isPresent()) {
      return true;
    }
    if (before.isEmpty()) {
      return false;
    }
    long b = before.getAsLong();
    long a = after.getAsLong();
    double change = Math.abs((double) a - b);
    return change > 0 && change > floorBps && change > relative * Math.max(Math.abs(a), Math.abs(b));
  }

  /** Whether any of a link's measured values changed significantly. */
  public boolean significant(MeasuredLink before, MeasuredLink after) {
    return significant(before.abBps(), after.abBps()) || significant(before.baBps(), after.baBps())
        || significant(before.capacityBps(), after.capacityBps());
  }
}
