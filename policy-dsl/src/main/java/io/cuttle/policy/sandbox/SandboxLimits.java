package io.cuttle.policy.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one handler call: statements executed, wall-clock time, bytes allocated by the
 * calling thread. A call that overruns any of them fails and its context is discarded.
 */
public record SandboxLimits(long statementLimit, Duration timeBudget, long memoryBudgetBytes) {
  /**
   * 1M statements, 2 s, 64 MiB per call: far above what a handler needs (a Fig. 8 run is about a
   * hundred statements and a few KiB), so only runaway handlers are stopped, even on a loaded host.
   */
  public static final SandboxLimits DEFAULT = new SandboxLimits(1_000_000, Duration.ofSeconds(2), 64L << 20);

  public SandboxLimits {
    Objects.requireNonNull(timeBudget, "timeBudget");
    if (statementLimit < 1) {
      throw new IllegalArgumentException("statementLimit: expected >= 1, got " + statementLimit);
    }
    if (timeBudget.isNegative() || timeBudget.isZero()) {
      throw new IllegalArgumentException("timeBudget: expected > 0, got " + timeBudget);
    }
    if (memoryBudgetBytes < 1 << 20) {
      throw new IllegalArgumentException("memoryBudgetBytes: expected >= 1 MiB, got " + memoryBudgetBytes);
    }
  }
}
