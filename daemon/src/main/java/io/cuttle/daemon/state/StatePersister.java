package io.cuttle.daemon.state;

import io.cuttle.netstate.model.NetworkState;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the latest state to a {@link StateFile} at most once per interval, and once more on
 * {@link #close()} if anything changed since the last write. Listens to a {@link StateKeeper};
 * writes run on the injected scheduler and are timed with the injected clock. A failed write is
 * logged, kept as {@link #lastError()} for reports, and retried with the next change or at close.
 */
public final class StatePersister implements StateListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatePersister.class);

  private final StateFile file;
  private final Duration interval;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;

  private final Object writeLock = new Object(); // serialises writes, so they never go backwards
  private NetworkState latest; // guarded by this
  private NetworkState written; // guarded by this
  private Instant lastWrite; // guarded by this; null = never
  private ScheduledFuture<?> pending; // guarded by this
  private boolean closed; // guarded by this
  private volatile String lastError;

  /**
   * @param written the state already on disk (so an unchanged state is not rewritten), or null
   */
  public StatePersister(StateFile file, NetworkState written, Duration interval, Clock clock,
      ScheduledExecutorService scheduler) {
    this.file = Objects.requireNonNull(file, "file");
    this.written = written;
    this.latest = written;
    this.interval = Objects.requireNonNull(interval, "interval");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  @Override
  public synchronized void stateChanged(NetworkState state) {
    latest = state;
    if (closed || pending != null) {
      return;
    }
    Duration wait = lastWrite == null ? Duration.ZERO
        : Duration.between(clock.instant(), lastWrite.plus(interval));
    long delayNanos = Math.max(0, wait.toNanos());
    pending = scheduler.schedule(this::flushScheduled, delayNanos, TimeUnit.NANOSECONDS);
  }

  /** The last write error, until a write succeeds. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** Writes the latest state now if it was not written yet, then stops; idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (pending != null) {
        pending.cancel(false);
        pending = null;
      }
    }
    flush();
  }

  private void flushScheduled() {
    synchronized (this) {
      pending = null;
      if (closed) {
        return;
      }
    }
    flush();
  }

  /** Writes outside the listener's lock, so a slow disk never stalls the stream's thread. */
  private void flush() {
    synchronized (writeLock) {
      NetworkState s;
      synchronized (this) {
        s = latest;
        if (s == null || s == written) {
          return;
        }
      }
      try {
        file.write(s);
        synchronized (this) {
          written = s;
          lastWrite = clock.instant();
        }
        lastError = null;
        log.debug("wrote state version {} of lineage {} to {}", s.version(), s.lineage(), file.path());
      } catch (IOException | RuntimeException e) {
        lastError = "cannot write state file " + file.path() + ": " + e;
        log.warn("cannot write state version {} to {}: {}", s.version(), file.path(), e.toString());
      }
    }
  }
}
