package io.cuttle.controller.topology.ospf.record;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing the live provider saw, in order.
 *
 * @param at    wall-clock time of the event (from the provider's injected clock)
 * @param nanos monotonic time of the event, for spacing a replay
 * @param area  the area the LSA was flooded in (0 for AS-external); 0 for RESET and SYNCED
 * @param lsa   the whole LSA for UPDATE and DELETE, empty otherwise
 */
public record LsaEvent(Instant at, long nanos, Kind kind, int area, byte[] lsa) {
  public enum Kind {
    /** A new session starts: everything known before is forgotten. */
    RESET,
    /** The database is complete (initial synchronisation done). */
    SYNCED,
    UPDATE,
    DELETE
  }

  public LsaEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    lsa = lsa.clone();
  }

  @Override
  public byte[] lsa() {
    return lsa.clone();
  }
}
