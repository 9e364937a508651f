package io.cuttle.controller.distribution;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * Bounds how many snapshots are in flight at once. A snapshot is large (the whole state) and is
 * buffered by the transport until the subscriber reads it; thousands of daemons (re)connecting
 * together would otherwise queue thousands of copies. A subscriber that cannot get a permit
 * waits its turn (it queues no deltas meanwhile: the snapshot will cover them) and is woken when
 * a permit is returned, which happens once a snapshot has drained from its stream.
 */
final class SnapshotGate {
  private final int permits;
  private int inFlight;
  private final LinkedHashSet<Subscriber> waiting = new LinkedHashSet<>(); // FIFO, O(1) membership

  SnapshotGate(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException("snapshot permits must be at least 1, got " + permits);
    }
    this.permits = permits;
  }

  /** Takes a permit, or enqueues {@code s} to be woken (once) when one is free. */
  synchronized boolean tryAcquire(Subscriber s) {
    if (inFlight < permits) {
      inFlight++;
      return true;
    }
    waiting.add(s);
    return false;
  }

  /** Returns a permit and wakes the next waiting subscriber, if any. */
  void release() {
    Subscriber next;
    synchronized (this) {
      inFlight--;
      Iterator<Subscriber> it = waiting.iterator();
      next = it.hasNext() ? it.next() : null;
      if (next != null) {
        it.remove();
      }
    }
    if (next != null) {
      next.scheduleDrain();
    }
  }

  /** Forgets a subscriber that went away while waiting. */
  synchronized void forget(Subscriber s) {
    waiting.remove(s);
  }

  synchronized int waiting() {
    return waiting.size();
  }
}
