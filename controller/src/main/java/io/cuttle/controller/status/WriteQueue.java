package io.cuttle.controller.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the PostgreSQL writer still has to write, coalesced per host: the host's latest status
 * (a newer one replaces an older one) and its history changes since the last write. Bounded by
 * the number of hosts waiting. Offers never block and share no lock across hosts (reports of
 * different hosts arrive on different gRPC threads); only the single writer takes. A taken
 * entry still counts in {@link #size()} until the writer reports it {@link #done} or puts it back,
 * so a size of 0 means everything offered is written.
 */
final class WriteQueue {
  private final int capacity;
  private final int changesPerHost;
  private final ConcurrentHashMap<String, Pending> byHost = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();
  private final Semaphore wakeUp = new Semaphore(0);

  /** One host's pending write. */
  record Pending(String hostId, Optional<HostStatus> status, List<StatusChange> changes) {
    Pending {
      changes = List.copyOf(changes);
    }
  }

  /** Whether an offer was taken. */
  enum Offer { QUEUED, COALESCED, DROPPED_QUEUE_FULL }

  WriteQueue(int capacity, int changesPerHost) {
    this.capacity = capacity;
    this.changesPerHost = changesPerHost;
  }

  /** Adds a host's new status (if any) and changes, merging them into what is already waiting. */
  Offer offer(String hostId, Optional<HostStatus> status, List<StatusChange> changes) {
    Offer[] result = new Offer[1];
    Pending fresh = new Pending(hostId, status, changes);
    byHost.compute(hostId, (id, old) -> {
      if (old != null) {
        result[0] = Offer.COALESCED;
        return merge(old, fresh);
      }
      if (size.get() >= capacity) {
        result[0] = Offer.DROPPED_QUEUE_FULL;
        return null;
      }
      size.incrementAndGet();
      result[0] = Offer.QUEUED;
      return trim(fresh);
    });
    if (result[0] == Offer.QUEUED && wakeUp.availablePermits() == 0) {
      wakeUp.release();
    }
    return result[0];
  }

  /** Waits up to {@code timeout} for something to write, then takes everything waiting (single consumer). */
  List<Pending> take(long timeout, TimeUnit unit) throws InterruptedException {
    if (byHost.isEmpty()) {
      wakeUp.tryAcquire(timeout, unit);
    }
    wakeUp.drainPermits();
    List<Pending> out = new ArrayList<>(size.get());
    for (String host : byHost.keySet()) {
      Pending p = byHost.remove(host);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  /** The writer is done with {@code n} taken entries (written, or refused and dropped). */
  void done(int n) {
    size.addAndGet(-n);
  }

  /** Returns taken entries that failed; anything newer that arrived meanwhile stays newer. */
  void putBack(List<Pending> failed) {
    for (Pending p : failed) {
      byHost.compute(p.hostId(), (id, newer) -> {
        if (newer == null) {
          return p;
        }
        size.decrementAndGet(); // two counted entries become one
        return merge(p, newer);
      });
    }
    if (!failed.isEmpty() && wakeUp.availablePermits() == 0) {
      wakeUp.release();
    }
  }

  /** Hosts whose update is waiting or being written. */
  int size() {
    return size.get();
  }

  private Pending merge(Pending older, Pending newer) {
    List<StatusChange> changes = new ArrayList<>(older.changes());
    changes.addAll(newer.changes());
    return trim(new Pending(newer.hostId(), newer.status().or(older::status), changes));
  }

  private Pending trim(Pending p) {
    List<StatusChange> c = p.changes();
    return c.size() <= changesPerHost ? p
        : new Pending(p.hostId(), p.status(), c.subList(c.size() - changesPerHost, c.size()));
  }
}
