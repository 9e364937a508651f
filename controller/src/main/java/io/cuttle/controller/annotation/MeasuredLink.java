package io.cuttle.controller.annotation;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the counters say about one link.
 *
 * @param abBps       load from end a to end b
 * @param baBps       load from end b to end a
 * @param capacityBps the smaller speed of the link's measured interfaces
 * @param at          when the newest sample behind these values was taken
 */
public record MeasuredLink(OptionalLong abBps, OptionalLong baBps, OptionalLong capacityBps, Instant at) {
  public MeasuredLink {
    Objects.requireNonNull(abBps, "abBps");
    Objects.requireNonNull(baBps, "baBps");
    Objects.requireNonNull(capacityBps, "capacityBps");
    Objects.requireNonNull(at, "at");
  }

  public boolean isEmpty() {
    return abBps.isEmpty() && baBps.isEmpty() && capacityBps.isEmpty();
  }
}
