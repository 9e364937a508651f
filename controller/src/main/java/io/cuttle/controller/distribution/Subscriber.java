package io.cuttle.controller.distribution;

import io.cuttle.controller.distribution.Frames.EncodedDelta;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One daemon's Watch stream: a bounded queue of encoded deltas drained by at most one task at a
 * time, honouring gRPC flow control. A subscriber whose queue overflows drops its backlog and is
 * sent a snapshot of the then-current state instead, so it never holds back anyone else.
 */
final class Subscriber {
  /** Messages written per drain task before yielding the thread to other subscribers. */
  private static final int MESSAGES_PER_TURN = 8;

  private final String hostId;
  private final ServerCallStreamObserver<byte[]> out;
  private final StateDistributionService service;
  private final Executor executor;
  private final int buffer;
  private final int maxBatch;

  private final ArrayDeque<EncodedDelta> queue = new ArrayDeque<>();
  private boolean needsSnapshot;
  private boolean heartbeatDue;
  private boolean drainScheduled;
  private boolean closed;
  private boolean holdsSnapshotPermit;
  private boolean flushPending;
  /** The stream is to be completed once no send is in progress (the controller is stopping). */
  private boolean finishPending;
  /** Deltas up to this version may be sent; in lingering mode only a flush tick raises it. */
  private long releasedVersion;
  private long lastSentVersion;
  private long lastSentNanos;

  private final boolean lingers;

  Subscriber(String hostId, ServerCallStreamObserver<byte[]> out, StateDistributionService service,
      Executor executor, int buffer, int maxBatch, boolean lingers, long nowNanos) {
    this.lingers = lingers;
    this.hostId = hostId;
    this.out = out;
    this.service = service;
    this.executor = executor;
    this.buffer = buffer;
    this.maxBatch = maxBatch;
    this.lastSentNanos = nowNanos;
  }

  String hostId() {
    return hostId;
  }

  /** Starts from a snapshot (the daemon holds nothing usable). */
  synchronized void startWithSnapshot() {
    needsSnapshot = true;
  }

  /** Starts after {@code version}, which the daemon already holds; a heartbeat confirms it. */
  synchronized void startAfter(long version) {
    lastSentVersion = version;
    heartbeatDue = true;
  }

  /** Queues a committed delta; called in commit order. */
  void offer(EncodedDelta d) {
    synchronized (this) {
      if (closed || needsSnapshot || d.version() <= lastSentVersion) {
        return;
      }
      if (queue.size() >= buffer) {
        queue.clear();
        needsSnapshot = true;
        service.metrics().lagSnapshot();
      } else {
        queue.addLast(d);
      }
      if (lingers) {
        flushPending = true; // sent at the next flush tick, with whatever else arrives meanwhile
        return;
      }
      releasedVersion = d.version();
    }
    scheduleDrain();
  }

  /** Flush tick (lingering mode): sends what was queued since the last tick. */
  void flushIfPending() {
    synchronized (this) {
      if (!flushPending) {
        return;
      }
      flushPending = false;
      if (!queue.isEmpty()) {
        releasedVersion = queue.peekLast().version();
      }
    }
    scheduleDrain();
  }

  /** Asks for a heartbeat if nothing was sent since {@code quietSinceNanos}. */
  void heartbeatIfQuiet(long quietSinceNanos) {
    synchronized (this) {
      if (closed || lastSentNanos - quietSinceNanos > 0) {
        return;
      }
      heartbeatDue = true;
    }
    scheduleDrain();
  }

  void scheduleDrain() {
    synchronized (this) {
      if (drainScheduled || closed) {
        return;
      }
      drainScheduled = true;
    }
    executor.execute(this::drain);
  }

  void close() {
    close(false);
  }

  /**
   * Closes and completes the stream (the controller is stopping), at once or, if a send is in
   * progress, as soon as it returns, so the call ends without waiting for the server's grace period.
   */
  void finish() {
    close(true);
  }

  private void close(boolean complete) {
    boolean release;
    boolean completeNow = false;
    synchronized (this) {
      closed = true;
      queue.clear();
      release = holdsSnapshotPermit;
      holdsSnapshotPermit = false;
      if (complete) {
        finishPending = true;
        completeNow = takeFinish();
      }
    }
    if (release) {
      service.snapshotGate().release();
    }
    service.snapshotGate().forget(this);
    if (completeNow) {
      completeQuietly();
    }
  }

  /** Called with the lock held: true (once) when the stream is to be completed now. */
  private boolean takeFinish() {
    if (!finishPending || drainScheduled) {
      return false;
    }
    finishPending = false;
    drainScheduled = true; // no drain starts after the stream is completed
    return true;
  }

  private void completeQuietly() {
    try {
      out.onCompleted();
    } catch (RuntimeException e) {
      // Already cancelled by the client: nothing to complete.
    }
  }

  /** Once the stream is writable again, the snapshot it was sent has drained: return the permit. */
  private void releaseSnapshotPermitIfDrained() {
    boolean release;
    synchronized (this) {
      release = holdsSnapshotPermit && out.isReady();
      if (release) {
        holdsSnapshotPermit = false;
      }
    }
    if (release) {
      service.snapshotGate().release();
    }
  }

  private void drain() {
    releaseSnapshotPermitIfDrained();
    boolean finish = false;
    for (int sent = 0; sent < MESSAGES_PER_TURN; sent++) {
      Outgoing next;
      synchronized (this) {
        next = closed || !out.isReady() ? null : nextMessage();
        if (next == null) {
          drainScheduled = false; // the onReady handler or the next offer reschedules
          finish = takeFinish();
        } else {
          lastSentNanos = service.nanoTime();
        }
      }
      if (next == null) {
        if (finish) {
          completeQuietly();
        }
        return;
      }
      try {
        out.onNext(next.bytes());
        service.metrics().sent(next.kind(), next.bytes().length, next.oldestCommitMs());
        if (next.kind() == Kind.SNAPSHOT) {
          releaseSnapshotPermitIfDrained(); // a small snapshot may already be out
        }
      } catch (RuntimeException e) {
        // The call was cancelled or failed under us: this subscriber is gone.
        service.detach(this, e);
        synchronized (this) {
          drainScheduled = false;
        }
        return;
      }
    }
    synchronized (this) {
      drainScheduled = false;
      finish = takeFinish();
    }
    if (finish) {
      completeQuietly();
      return;
    }
    scheduleDrain(); // yield, then continue
  }

  private record Outgoing(Kind kind, byte[] bytes, long oldestCommitMs) {}

  enum Kind {
    SNAPSHOT,
    DELTAS,
    HEARTBEAT
  }

  /** Called with the lock held. */
  private Outgoing nextMessage() {
    if (needsSnapshot) {
      if (!holdsSnapshotPermit) {
        if (!service.snapshotGate().tryAcquire(this)) {
          return null; // woken by the gate when a permit is free
        }
        holdsSnapshotPermit = true;
      }
      StateDistributionService.EncodedSnapshot snap = service.snapshot();
      needsSnapshot = false;
      heartbeatDue = false;
      lastSentVersion = snap.version();
      queue.removeIf(d -> d.version() <= snap.version());
      return new Outgoing(Kind.SNAPSHOT, snap.bytes(), -1);
    }
    if (!queue.isEmpty() && queue.peekFirst().version() <= releasedVersion) {
      List<EncodedDelta> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
      while (!queue.isEmpty() && batch.size() < maxBatch && queue.peekFirst().version() <= releasedVersion) {
        batch.add(queue.pollFirst());
      }
      heartbeatDue = false;
      lastSentVersion = batch.get(batch.size() - 1).version();
      return new Outgoing(Kind.DELTAS, Frames.batch(batch), batch.get(0).committedAtMs());
    }
    if (heartbeatDue) {
      heartbeatDue = false;
      return new Outgoing(Kind.HEARTBEAT, service.heartbeat(), -1);
    }
    return null;
  }
}
