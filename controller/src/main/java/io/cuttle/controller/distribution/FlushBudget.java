package io.cuttle.controller.distribution;

import java.util.function.LongSupplier;

/**
 * How many topology changes may skip the linger window and go out at once: a token bucket of
 * {@code burst} tokens, one token back per {@code refillNanos}. A failure reaches the controller as
 * a short burst of commits (one per router that noticed it), so the first few changes after a quiet
 * spell are sent immediately; under sustained churn the bucket stays empty and changes wait for the
 * flush tick as before, so lingering still coalesces them. Thread-safe.
 */
final class FlushBudget {
  private final int burst;
  private final long refillNanos;
  private final LongSupplier nanoTime;
  private double tokens;
  private long lastNanos;

  FlushBudget(int burst, long refillNanos, LongSupplier nanoTime) {
    if (burst < 0) {
      throw new IllegalArgumentException("burst must not be negative, got " + burst);
    }
    if (refillNanos <= 0) {
      throw new IllegalArgumentException("refill period must be positive, got " + refillNanos + " ns");
    }
    this.burst = burst;
    this.refillNanos = refillNanos;
    this.nanoTime = nanoTime;
    this.tokens = burst;
    this.lastNanos = nanoTime.getAsLong();
  }

  /** Takes a token if one is left; true means "send now". */
  synchronized boolean tryTake() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(burst, tokens + (double) (now - lastNanos) / refillNanos);
    lastNanos = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
