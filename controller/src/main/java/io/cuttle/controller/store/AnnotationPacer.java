package io.cuttle.controller.store;

import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.AnnotationPatch;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.NetworkState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Spreads annotation changes over time so that a measurement round of thousands of links never
 * reaches the daemons as one burst that topology changes would queue behind (deltas are applied in
 * version order). Providers {@link #submit} target annotations; every {@link #tick} commits the
 * next chunk of them as one annotation round. The chunk is sized on each submit so that what is
 * pending drains within {@code spread}; a small round (up to {@code minChunk} links) goes out whole
 * at the next tick. A newer target for a link replaces one not yet committed.
 */
public final class AnnotationPacer {
  /** Links per tick below which a round is not split further. */
  public static final int DEFAULT_MIN_CHUNK = 64;

  private final TopologyStore store;
  private final Clock clock;
  private final int ticksPerSpread;
  private final int minChunk;
  private final LinkedHashMap<Integer, LinkAnnotation> pending = new LinkedHashMap<>();
  private int chunk;
  private boolean committing;

  /**
   * @param spread   how long a full round may take to go out
   * @param tick     the period at which {@link #tick()} is called
   * @param minChunk the fewest links committed per tick while any are pending
   */
  public AnnotationPacer(TopologyStore store, Clock clock, Duration spread, Duration tick, int minChunk) {
    if (tick.isZero() || tick.isNegative()) {
      throw new IllegalArgumentException("tick: expected a positive duration, got " + tick);
    }
    if (spread.compareTo(tick) < 0) {
      throw new IllegalArgumentException("spread: expected at least the tick (" + tick + "), got " + spread);
    }
    if (minChunk < 1) {
      throw new IllegalArgumentException("minChunk: expected >= 1, got " + minChunk);
    }
    this.store = store;
    this.clock = clock;
    this.ticksPerSpread = (int) Math.max(1, spread.toNanos() / tick.toNanos());
    this.minChunk = minChunk;
    this.chunk = minChunk;
  }

  /** Targets by link id, in the state's orientation (see {@link AnnotationTargets}). */
  public synchronized void submit(Map<Integer, LinkAnnotation> targets) {
    pending.putAll(targets);
    chunk = Math.max(minChunk, (pending.size() + ticksPerSpread - 1) / ticksPerSpread);
  }

  /**
   * Runs {@code commitTopology} (which applies a topology and returns the annotation targets that
   * go with it) and submits its targets, so that {@link #idle()} is never true in between.
   */
  public synchronized void submitAfter(Supplier<Map<Integer, LinkAnnotation>> commitTopology) {
    submit(commitTopology.get());
  }

  /** True when every submitted target has been committed. */
  public synchronized boolean idle() {
    return pending.isEmpty() && !committing;
  }

  /** Links whose target is not committed yet. */
  public synchronized int pending() {
    return pending.size();
  }

  /** Commits the next chunk as one annotation round; returns the number of links it changed. */
  public int tick() {
    Map<Integer, LinkAnnotation> batch = takeChunk();
    if (batch.isEmpty()) {
      return 0;
    }
    // The round carries the first target's measurement time; links measured at another time carry their own.
    Instant roundAt = batch.values().iterator().next().measuredAt().orElseGet(clock::instant)
        .truncatedTo(ChronoUnit.MILLIS);
    try {
      CommitResult r = store.commit(ids -> round(batch, roundAt));
      return r instanceof CommitResult.Committed c && !c.deltas().isEmpty()
          ? ((TopologyEvent.AnnotationsUpdated) c.deltas().get(0).event()).patches().size() : 0;
    } finally {
      synchronized (this) {
        committing = false;
      }
    }
  }

  /** Called under the store's lock: the round that moves the current state to the targets. */
  private List<TopologyEvent> round(Map<Integer, LinkAnnotation> batch, Instant roundAt) {
    NetworkState s = store.current();
    List<AnnotationPatch> patches = new ArrayList<>();
    batch.forEach((id, target) -> {
      if (s.links().containsKey(id)) { // a link removed since it was submitted has nothing to annotate
        AnnotationTargets.patch(id, s.annotation(id), target, roundAt).ifPresent(patches::add);
      }
    });
    return patches.isEmpty() ? List.of() : List.of(new TopologyEvent.AnnotationsUpdated(roundAt, patches));
  }

  private synchronized Map<Integer, LinkAnnotation> takeChunk() {
    Map<Integer, LinkAnnotation> batch = new LinkedHashMap<>();
    Iterator<Map.Entry<Integer, LinkAnnotation>> it = pending.entrySet().iterator();
    while (it.hasNext() && batch.size() < chunk) {
      Map.Entry<Integer, LinkAnnotation> e = it.next();
      batch.put(e.getKey(), e.getValue());
      it.remove();
    }
    committing = !batch.isEmpty();
    return batch;
  }
}
