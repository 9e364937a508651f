package io.cuttle.host.model;

import java.time.Instant;
import java.util.Objects;

/** One flow (5-tuple) with its owner, its counters since first seen, and when it was first and last seen. */
public record FlowRecord(FlowKey key, Attribution owner, Traffic traffic, Instant firstSeen, Instant lastSeen) {
  public FlowRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    if (lastSeen.isBefore(firstSeen)) {
      throw new IllegalArgumentException("flow " + key + ": lastSeen " + lastSeen + " is before firstSeen " + firstSeen);
    }
  }
}
