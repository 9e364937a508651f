package io.cuttle.controller.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the PostgreSQL writer still has to write, coalesced per host: the host's latest status
 * (a newer one replaces an older one) and its history changes since the last write. Bounded by
 * the number of hosts waiting; offers never block.
 */
final class WriteQueue {
  private final int capacity;
  private final int changesPerHost;
  private final Map<String, Pending> byHost = new LinkedHashMap<>(); // guarded by this

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
  synchronized Offer offer(String hostId, Optional<HostStatus> status, List<StatusChange> changes) {
    Pending old = byHost.get(hostId);
    if (old == null && byHost.size() >= capacity) {
      return Offer.DROPPED_QUEUE_FULL;
    }
    byHost.put(hostId, merge(old, new Pending(hostId, status, changes)));
    notifyAll();
    return old == null ? Offer.QUEUED : Offer.COALESCED;
  }

  /** Waits up to {@code timeout} for something to write, then takes everything waiting. */
  synchronized List<Pending> take(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (byHost.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return List.of();
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    List<Pending> out = new ArrayList<>(byHost.values());
    byHost.clear();
    return out;
  }

  /** Returns writes that failed; anything newer that arrived meanwhile stays newer. */
  synchronized void putBack(List<Pending> failed) {
    for (Pending p : failed) {
      Pending newer = byHost.remove(p.hostId());
      byHost.put(p.hostId(), newer == null ? p : merge(p, newer));
    }
  }

  synchronized int size() {
    return byHost.size();
  }

  private Pending merge(Pending older, Pending newer) {
    if (older == null) {
      return trim(newer);
    }
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
