package io.cuttle.daemon.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the daemon retries a failed or ended state subscription: the delay starts at
 * {@code initial}, is multiplied by {@code multiplier} after each consecutive failure up to
 * {@code max}, and is spread by ±{@code jitter} (a fraction) so hosts do not retry in lockstep.
 */
public record ReconnectPolicy(Duration initial, Duration max, double multiplier, double jitter) {
  public static final ReconnectPolicy DEFAULT =
      new ReconnectPolicy(Duration.ofMillis(200), Duration.ofSeconds(30), 2.0, 0.2);

  public ReconnectPolicy {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial delay must be positive, got " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max delay " + max + " must not be below initial delay " + initial);
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("multiplier must be >= 1.0, got " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be 0.0..1.0, got " + jitter);
    }
  }
}
