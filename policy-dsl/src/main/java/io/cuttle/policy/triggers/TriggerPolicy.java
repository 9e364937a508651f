package io.cuttle.policy.triggers;

import java.time.Duration;
import java.util.Objects;

/**
 * How a handler is triggered.
 *
 * @param tick     run at least this often even without a state change (the host state changes); zero: never
 * @param splay    delay each reaction to a state change by a random time in [0, splay), and offset the
 *                 first tick the same way, so hosts do not react in lockstep
 * @param debounce how many consecutive evaluations {@code exception(net)} must be true before {@code fire}
 * @param holdDown after the handler deregisters, how long before it may fire again
 */
public record TriggerPolicy(Duration tick, Duration splay, int debounce, Duration holdDown) {
  /** Tick every 10 s, no splay, fire on the first true evaluation, no hold-down. */
  public static final TriggerPolicy DEFAULT = new TriggerPolicy(Duration.ofSeconds(10), Duration.ZERO, 1, Duration.ZERO);

  public TriggerPolicy {
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(splay, "splay");
    Objects.requireNonNull(holdDown, "holdDown");
    if (tick.isNegative() || splay.isNegative() || holdDown.isNegative()) {
      throw new IllegalArgumentException("tick, splay, holdDown: expected >= 0, got " + tick + ", " + splay + ", "
          + holdDown);
    }
    if (debounce < 1) {
      throw new IllegalArgumentException("debounce: expected >= 1, got " + debounce);
    }
  }
}
