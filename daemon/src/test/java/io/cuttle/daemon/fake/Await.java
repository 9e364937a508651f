package io.cuttle.daemon.fake;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** Bounded waits on queues that test collaborators fill. */
public final class Await {
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private Await() {}

  /** The next element, or a failure naming {@code what} after {@link #TIMEOUT}. */
  public static <T> T next(BlockingQueue<T> queue, String what) {
    try {
      T t = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (t == null) {
        fail("no " + what + " within " + TIMEOUT);
      }
      return t;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + what, e);
    }
  }

  /** The first element that matches, skipping others, or a failure after {@link #TIMEOUT}. */
  public static <T> T first(BlockingQueue<T> queue, String what, Predicate<? super T> matching) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        T t = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
        if (t == null) {
          fail("no " + what + " within " + TIMEOUT);
        }
        if (matching.test(t)) {
          return t;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + what, e);
    }
  }

  /** Polls {@code condition} every few milliseconds until it holds, or fails after {@link #TIMEOUT}. */
  public static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not " + what + " within " + TIMEOUT);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }
}
