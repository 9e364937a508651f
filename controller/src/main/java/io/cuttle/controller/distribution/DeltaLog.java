package io.cuttle.controller.distribution;

import io.cuttle.controller.distribution.Frames.EncodedDelta;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The committed deltas every subscriber reads from: each delta is encoded and stored once, and a
 * subscriber is only a cursor into this log. A commit therefore costs the same whether ten or ten
 * thousand daemons watch, and subscribers at the same position (nearly all of them, in steady
 * state) share one encoded batch instead of building a copy each.
 *
 * <p>The log keeps the last {@code capacity} versions: a subscriber whose cursor falls further
 * behind than that is told so and is sent a snapshot instead.
 */
final class DeltaLog {
  /** What a subscriber reads next. */
  sealed interface Read {}

  /** The subscriber's next version is no longer held. */
  record Behind(long after, long oldestHeld) implements Read {}

  /** One message of contiguous deltas, {@code firstVersion..lastVersion}. */
  record Batch(long firstVersion, long lastVersion, long firstCommittedAtMs, byte[] bytes) implements Read {}

  private static final int MAX_CACHED_BATCHES = 64;

  private final int capacity;
  private final EncodedDelta[] ring;
  /** Oldest and newest version held; {@code head < oldest} when empty. */
  private long oldest = 1;
  private long head;
  /** Encoded batches by first version; a batch is shared while its range is what readers ask for. */
  private final Map<Long, Batch> batches = new HashMap<>();

  DeltaLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("delta log capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.ring = new EncodedDelta[capacity];
  }

  /** Appends committed deltas, in commit order, with contiguous versions. */
  synchronized void append(List<EncodedDelta> deltas) {
    for (EncodedDelta d : deltas) {
      if (head >= oldest && d.version() != head + 1) {
        throw new IllegalArgumentException("delta log: expected version " + (head + 1) + ", got " + d.version());
      }
      if (head < oldest) {
        oldest = d.version();
      }
      head = d.version();
      ring[slot(head)] = d;
      if (head - oldest + 1 > capacity) {
        oldest = head - capacity + 1;
      }
    }
    if (!batches.isEmpty()) {
      batches.keySet().removeIf(first -> first < oldest);
    }
  }

  /** The oldest version held (one past {@link #head()} when empty). */
  synchronized long oldestHeld() {
    return head < oldest ? head + 1 : oldest;
  }

  /** The newest version held, or 0 when nothing was appended yet. */
  synchronized long head() {
    return head;
  }

  /**
   * The deltas after {@code after} up to {@code upTo} (at most {@code maxBatch} of them), or
   * {@link Behind} when the log no longer holds the first of them. Null when there is nothing
   * after {@code after} up to {@code upTo}.
   */
  synchronized Read read(long after, long upTo, int maxBatch) {
    long first = after + 1;
    long last = Math.min(Math.min(upTo, head), after + maxBatch);
    if (last < first) {
      return null;
    }
    if (first < oldest) {
      return new Behind(after, oldest);
    }
    Batch cached = batches.get(first);
    if (cached != null && cached.lastVersion() == last) {
      return cached;
    }
    EncodedDelta[] range = new EncodedDelta[(int) (last - first + 1)];
    for (long v = first; v <= last; v++) {
      range[(int) (v - first)] = ring[slot(v)];
    }
    Batch b = new Batch(first, last, range[0].committedAtMs(), Frames.batch(List.of(range)));
    if (batches.size() >= MAX_CACHED_BATCHES) {
      batches.clear(); // readers spread over many positions: a lagging crowd, not the steady state
    }
    batches.put(first, b);
    return b;
  }

  private int slot(long version) {
    return (int) Math.floorMod(version, (long) capacity);
  }
}
