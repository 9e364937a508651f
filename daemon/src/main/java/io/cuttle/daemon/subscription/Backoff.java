package io.cuttle.daemon.subscription;

import io.cuttle.daemon.config.ReconnectPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Jittered exponential backoff. The n-th consecutive delay (n from 0) has the base
 * {@code min(max, initial * multiplier^n)} and is drawn uniformly from
 * {@code [base * (1 - jitter), base * (1 + jitter)]}. {@link #reset()} after a success starts
 * over at {@code initial}. The random source is injected so tests are repeatable.
 */
public final class Backoff {
  private final ReconnectPolicy policy;
  private final RandomGenerator random;
  private int failures; // guarded by this

  public Backoff(ReconnectPolicy policy, RandomGenerator random) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The delay before the next attempt; counts one more consecutive failure. */
  public synchronized Duration nextDelay() {
    double base = baseNanos(failures);
    if (failures < Integer.MAX_VALUE) {
      failures++;
    }
    double spread = policy.jitter() * (2 * random.nextDouble() - 1);
    return Duration.ofNanos(Math.round(base * (1 + spread)));
  }

  /** The un-jittered delay after {@code failures} consecutive failures. */
  public Duration baseDelay(int failures) {
    return Duration.ofNanos(Math.round(baseNanos(failures)));
  }

  private double baseNanos(int n) {
    double grown = policy.initial().toNanos() * Math.pow(policy.multiplier(), n);
    return Math.min(grown, (double) policy.max().toNanos());
  }

  /** Starts over at the initial delay (after a stream delivered data). */
  public synchronized void reset() {
    failures = 0;
  }

  /** Consecutive failures since the last reset. */
  public synchronized int failures() {
    return failures;
  }
}
