package io.cuttle.netstate.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One history of state versions. Versions of different lineages never compare: a controller
 * that restarts without its history starts a new lineage.
 *
 * @param epoch the instant relative times on the wire count from (millisecond precision)
 */
public record Lineage(long id, Instant epoch) {
  public static final Lineage NONE = new Lineage(0, Instant.EPOCH);

  public Lineage {
    Objects.requireNonNull(epoch, "epoch");
  }

  @Override
  public String toString() {
    return Long.toHexString(id) + "@" + epoch;
  }
}
