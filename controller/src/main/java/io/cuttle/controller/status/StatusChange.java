package io.cuttle.controller.status;

import java.time.Instant;
import java.util.Objects;

/**
 * One change in a host's status, for its history.
 *
 * @param at     when the controller saw it (controller clock)
 * @param kind   what changed
 * @param detail which handler/restriction and from what to what, in words
 */
public record StatusChange(Instant at, Kind kind, String detail) {
  public StatusChange {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  /** What changed. */
  public enum Kind {
    /** The controller heard from this host for the first time. */
    FIRST_REPORT,
    HANDLER_ADDED,
    HANDLER_CHANGED,
    HANDLER_REMOVED,
    RESTRICTION_ADDED,
    /** Same handler, app and action; another outcome or detail. */
    RESTRICTION_CHANGED,
    RESTRICTION_REMOVED,
    ERRORS_CHANGED,
    /** The host has not reported for longer than the stale-after limit. */
    WENT_STALE,
    /** A stale host reported again. */
    RESUMED
  }
}
