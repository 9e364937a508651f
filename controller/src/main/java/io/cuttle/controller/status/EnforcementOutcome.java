package io.cuttle.controller.status;

import io.cuttle.wire.v1.RestrictionOutcome;
import java.util.Locale;
import java.util.Optional;

/** What a host says became of one restriction; the values of {@code cuttle.v1.RestrictionOutcome}. */
public enum EnforcementOutcome {
  /** Installed in the operating system and verified. */
  ENFORCED,
  /** Installed with reduced fidelity; the detail says how. */
  PARTIAL,
  /** The host's adapter cannot express it. */
  UNSUPPORTED,
  /** The adapter tried and failed; the detail says why. */
  FAILED,
  /** Removed after its handler deregistered, was unloaded or failed. */
  REVERTED,
  /** Wanted, but the application has no running process; applied when one starts. */
  APP_NOT_RUNNING,
  /** Decided by a handler, not yet applied by the adapter. */
  PENDING,
  /** The daemon left the outcome unset. */
  UNSPECIFIED,
  /** A value this controller does not know (sent by a newer daemon). */
  UNKNOWN;

  static EnforcementOutcome fromWire(RestrictionOutcome outcome) {
    return switch (outcome) {
      case ENFORCED -> ENFORCED;
      case PARTIAL -> PARTIAL;
      case UNSUPPORTED -> UNSUPPORTED;
      case FAILED -> FAILED;
      case REVERTED -> REVERTED;
      case APP_NOT_RUNNING -> APP_NOT_RUNNING;
      case PENDING -> PENDING;
      case RESTRICTION_OUTCOME_UNSPECIFIED -> UNSPECIFIED;
      case UNRECOGNIZED -> UNKNOWN;
    };
  }

  /** The outcome named {@code text} (case-insensitive); empty when it names none. */
  public static Optional<EnforcementOutcome> parse(String text) {
    try {
      return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
