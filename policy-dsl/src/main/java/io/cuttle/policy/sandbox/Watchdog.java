package io.cuttle.policy.sandbox;

import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.graalvm.polyglot.Context;

/**
 * Cancels handler calls that overrun their time or allocation budget. One thread polls the
 * calls in progress every {@code pollNanos} while there are any, and sleeps otherwise; a call
 * that overruns has its context closed with cancellation, which makes the call fail at once.
 * Time comes from an injected nanosecond ticker; allocation from the JVM's per-thread counter.
 */
public final class Watchdog implements AutoCloseable {
  private final LongSupplier nanos;
  private final long pollNanos;
  private final com.sun.management.ThreadMXBean threads;
  private final Set<Watch> active = ConcurrentHashMap.newKeySet();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Thread thread;
  private volatile boolean closed;

  public Watchdog(LongSupplier nanos, long pollNanos) {
    this.nanos = Objects.requireNonNull(nanos, "nanos");
    if (pollNanos < 100_000) {
      throw new IllegalArgumentException("pollNanos: expected >= 100000 (0.1 ms), got " + pollNanos);
    }
    this.pollNanos = pollNanos;
    this.threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    if (threads.isThreadAllocatedMemorySupported() && !threads.isThreadAllocatedMemoryEnabled()) {
      threads.setThreadAllocatedMemoryEnabled(true);
    }
    this.thread = new Thread(this::loop, "cuttle-handler-watchdog");
    thread.setDaemon(true);
    thread.start();
  }

  /** A watchdog on the system's monotonic clock, polling every 2 ms. */
  public static Watchdog system() {
    return new Watchdog(System::nanoTime, TimeUnit.MILLISECONDS.toNanos(2));
  }

  /** Starts watching a call made by the current thread into {@code context}; close the watch when it returns. */
  public Watch watch(Context context, SandboxLimits limits) {
    long tid = Thread.currentThread().threadId();
    Watch w = new Watch(context, tid, nanos.getAsLong() + limits.timeBudget().toNanos(),
        allocated(tid) + limits.memoryBudgetBytes());
    active.add(w);
    if (active.size() == 1) {
      lock.lock();
      try {
        work.signal();
      } finally {
        lock.unlock();
      }
    }
    return w;
  }

  /** True if per-thread allocation can be measured here (the memory budget is enforced). */
  public boolean measuresAllocation() {
    return threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled();
  }

  private long allocated(long tid) {
    return measuresAllocation() ? threads.getThreadAllocatedBytes(tid) : 0;
  }

  private void loop() {
    while (!closed) {
      lock.lock();
      try {
        while (active.isEmpty() && !closed) {
          work.await();
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      check();
      java.util.concurrent.locks.LockSupport.parkNanos(pollNanos);
    }
  }

  private void check() {
    long now = nanos.getAsLong();
    for (Watch w : active) {
      if (now - w.deadline > 0) {
        w.trip(FailureKind.TIME_BUDGET);
      } else if (measuresAllocation() && allocated(w.threadId) > w.allocationLimit) {
        w.trip(FailureKind.MEMORY_BUDGET);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    lock.lock();
    try {
      work.signal();
    } finally {
      lock.unlock();
    }
  }

  /** One watched call. */
  public final class Watch implements AutoCloseable {
    private final Context context;
    private final long threadId;
    private final long deadline;
    private final long allocationLimit;
    private final AtomicReference<FailureKind> tripped = new AtomicReference<>();

    private Watch(Context context, long threadId, long deadline, long allocationLimit) {
      this.context = context;
      this.threadId = threadId;
      this.deadline = deadline;
      this.allocationLimit = allocationLimit;
    }

    private void trip(FailureKind why) {
      if (tripped.compareAndSet(null, why)) {
        active.remove(this);
        try {
          context.close(true);
        } catch (RuntimeException e) {
          // Already closed or closing: the call fails either way.
        }
      }
    }

    /** Why the watchdog cancelled the call; empty if it did not. */
    public java.util.Optional<FailureKind> tripped() {
      return java.util.Optional.ofNullable(tripped.get());
    }

    @Override
    public void close() {
      active.remove(this);
    }
  }
}
