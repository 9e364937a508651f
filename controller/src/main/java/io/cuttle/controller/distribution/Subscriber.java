package io.cuttle.controller.distribution;

import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.Executor;

/**
 * One daemon's Watch stream: a cursor into the shared {@link DeltaLog}, drained by at most one
 * task at a time, honouring gRPC flow control. A subscriber that falls further behind than the
 * log holds is sent a snapshot of the then-current state instead, so it never holds back anyone
 * else and costs nothing while it is stalled.
 */
final class Subscriber {
  /** Messages written per drain task before yielding the thread to other subscribers. */
  private static final int MESSAGES_PER_TURN = 8;

  private final String hostId;
  private final ServerCallStreamObserver<byte[]> out;
  private final StateDistributionService service;
  private final DeltaLog log;
  private final Executor executor;
  private final int maxBatch;

  private boolean needsSnapshot;
  private boolean heartbeatDue;
  private boolean drainScheduled;
  private boolean closed;
  private boolean holdsSnapshotPermit;
  /** The stream is to be completed once no send is in progress (the controller is stopping). */
  private boolean finishPending;
  /** Deltas up to this version may be sent; in lingering mode only a flush tick raises it. */
  private long releasedVersion;
  private long lastSentVersion;
  private long lastSentNanos;

  Subscriber(String hostId, ServerCallStreamObserver<byte[]> out, StateDistributionService service,
      DeltaLog log, Executor executor, int maxBatch, long nowNanos) {
    this.hostId = hostId;
    this.out = out;
    this.service = service;
    this.log = log;
    this.executor = executor;
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

  /** Lets deltas up to {@code version} go out (each commit, or each flush tick when lingering). */
  void release(long version) {
    synchronized (this) {
      if (closed || version <= releasedVersion) {
        return;
      }
      releasedVersion = version;
      if (version <= lastSentVersion || (needsSnapshot && !holdsSnapshotPermit)) {
        return; // a snapshot already covered it, or the snapshot gate wakes this one in turn
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
          drainScheduled = false; // the onReady handler or the next release reschedules
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
      return snapshotMessage();
    }
    if (lastSentVersion < releasedVersion) {
      DeltaLog.Read read = log.read(lastSentVersion, releasedVersion, maxBatch);
      if (read instanceof DeltaLog.Behind) {
        service.metrics().lagSnapshot();
        needsSnapshot = true;
        return snapshotMessage();
      }
      if (read instanceof DeltaLog.Batch b) {
        return deltas(b.lastVersion(), b.bytes(), b.firstCommittedAtMs());
      }
    }
    if (heartbeatDue) {
      heartbeatDue = false;
      return new Outgoing(Kind.HEARTBEAT, service.heartbeat(), -1);
    }
    return null;
  }

  private Outgoing deltas(long lastVersion, byte[] bytes, long firstCommittedAtMs) {
    heartbeatDue = false;
    lastSentVersion = lastVersion;
    return new Outgoing(Kind.DELTAS, bytes, firstCommittedAtMs);
  }

  private Outgoing snapshotMessage() {
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
    return new Outgoing(Kind.SNAPSHOT, snap.bytes(), -1);
  }
}
