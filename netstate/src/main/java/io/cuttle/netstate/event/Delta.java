package io.cuttle.netstate.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A committed event: it moves the state to {@code version} (from {@code version - 1}).
 *
 * @param at when the controller committed it
 */
public record Delta(long version, Instant at, TopologyEvent event) {
  public Delta {
    if (version < 1) {
      throw new IllegalArgumentException("delta version must be >= 1, got " + version);
    }
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(event, "event");
  }
}
