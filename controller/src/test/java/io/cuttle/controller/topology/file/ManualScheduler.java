package io.cuttle.controller.topology.file;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A ScheduledExecutorService driven by the test: nothing runs until {@link #advance}, which moves a
 * fake clock and runs every task that falls due, in time order, on the calling thread.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private final List<Task> tasks = new ArrayList<>();
  private long nowNanos;
  private boolean shutdown;

  /** Moves the clock forward by {@code d}, running what falls due. */
  void advance(Duration d) {
    long until = nowNanos + d.toNanos();
    while (true) {
      Task next = tasks.stream().filter(t -> !t.isDone() && t.dueNanos <= until)
          .min(Comparator.comparingLong(t -> t.dueNanos)).orElse(null);
      if (next == null) {
        break;
      }
      nowNanos = next.dueNanos;
      next.runOnce();
    }
    nowNanos = until;
  }

  /** Tasks scheduled and not cancelled or finished. */
  List<Task> pending() {
    return tasks.stream().filter(t -> !t.cancelled && !t.done).toList();
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(command, unit.toNanos(delay), 0);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return add(command, unit.toNanos(initialDelay), unit.toNanos(delay));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    return add(command, unit.toNanos(initialDelay), unit.toNanos(period));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("not needed by these tests");
  }

  @Override
  public void execute(Runnable command) {
    add(command, 0, 0);
  }

  private Task add(Runnable command, long delayNanos, long periodNanos) {
    if (shutdown) {
      throw new IllegalStateException("shut down");
    }
    Task t = new Task(command, nowNanos + delayNanos, periodNanos);
    tasks.add(t);
    return t;
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> out = pending().stream().map(t -> t.command).toList();
    tasks.clear();
    return out;
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return shutdown;
  }

  /** One scheduled task; periodic if {@code periodNanos > 0}. A task that throws is not rerun. */
  final class Task implements ScheduledFuture<Void> {
    final Runnable command;
    final long periodNanos;
    long dueNanos;
    boolean cancelled;
    boolean done;

    Task(Runnable command, long dueNanos, long periodNanos) {
      this.command = command;
      this.dueNanos = dueNanos;
      this.periodNanos = periodNanos;
    }

    private void runOnce() {
      try {
        command.run();
      } catch (RuntimeException e) {
        done = true; // as in ScheduledThreadPoolExecutor: an exception ends a periodic task
        throw e;
      }
      if (periodNanos > 0) {
        dueNanos = nowNanos + periodNanos;
      } else {
        done = true;
      }
    }

    Duration period() {
      return Duration.ofNanos(periodNanos);
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - nowNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean was = !cancelled && !done;
      cancelled = true;
      return was;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return cancelled || done;
    }

    @Override
    public Void get() {
      return null;
    }

    @Override
    public Void get(long timeout, TimeUnit unit) {
      return null;
    }
  }
}
