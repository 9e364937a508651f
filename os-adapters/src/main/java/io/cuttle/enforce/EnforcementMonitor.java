package io.cuttle.enforce;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@link EnforcementAdapter#verify()} periodically on an injected scheduler, so rules removed
 * behind the adapter's back are re-applied; every drift found is logged and handed to a listener.
 */
public final class EnforcementMonitor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EnforcementMonitor.class);
  private final EnforcementAdapter adapter;
  private final Consumer<VerifyReport> listener;
  private ScheduledFuture<?> task;

  public EnforcementMonitor(EnforcementAdapter adapter, Consumer<VerifyReport> listener) {
    this.adapter = Objects.requireNonNull(adapter, "adapter");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Starts verifying every {@code period} on {@code scheduler}. */
  public synchronized void start(ScheduledExecutorService scheduler, Duration period) {
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period: expected > 0, got " + period);
    }
    if (task != null) {
      throw new IllegalStateException("expected a stopped monitor, got one already running");
    }
    long ms = period.toMillis();
    task = scheduler.scheduleWithFixedDelay(this::checkOnce, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** One verification; public so a caller (or test) can run it without a scheduler. */
  public VerifyReport checkOnce() {
    VerifyReport r;
    try {
      r = adapter.verify();
    } catch (RuntimeException e) {
      log.warn("enforcement verify of {} failed: {}", adapter.name(), e.toString());
      return VerifyReport.inSync();
    }
    if (!r.isInSync()) {
      log.warn("enforcement drift in {}: {}; re-applied: {}", adapter.name(), r.drift(),
          r.reapplied().map(EnforcementReport::outcomes).orElse(java.util.List.of()));
      listener.accept(r);
    }
    return r;
  }

  @Override
  public synchronized void close() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }
}
