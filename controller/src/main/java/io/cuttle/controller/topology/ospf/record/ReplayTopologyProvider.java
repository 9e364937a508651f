package io.cuttle.controller.topology.ospf.record;

import io.cuttle.controller.topology.TopologyProvider;
import io.cuttle.controller.topology.TopologyProviderListener;
import io.cuttle.controller.topology.ospf.LsdbFollower;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Plays recorded LSA events back through the same database and graph code as the live provider.
 * Events keep their recorded spacing divided by {@code speed} (1 = real time, 10 = ten times
 * faster); {@link #AS_FAST_AS_POSSIBLE} plays them all at once. As live, a spec is delivered only
 * once a recorded synchronisation completed, then one per real change.
 */
public final class ReplayTopologyProvider implements TopologyProvider {
  public static final double AS_FAST_AS_POSSIBLE = Double.POSITIVE_INFINITY;

  private final String name;
  private final List<LsaEvent> events;
  private final double speed;
  private final ScheduledExecutorService scheduler;

  // guarded by this
  private LsdbFollower follower;
  private boolean synced;
  private int next;
  private boolean closed;
  private ScheduledFuture<?> task;
  private Runnable onFinished = () -> {};

  /** @param speed positive; {@link #AS_FAST_AS_POSSIBLE} for no delays */
  public ReplayTopologyProvider(String name, List<LsaEvent> events, double speed, ScheduledExecutorService scheduler) {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("replay speed must be positive, got " + speed);
    }
    this.name = "replay:" + Objects.requireNonNull(name, "name");
    this.events = List.copyOf(events);
    this.speed = speed;
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  @Override
  public String name() {
    return name;
  }

  /** Runs {@code r} on the scheduler after the last event was played. */
  public synchronized ReplayTopologyProvider onFinished(Runnable r) {
    this.onFinished = Objects.requireNonNull(r);
    return this;
  }

  @Override
  public synchronized void start(TopologyProviderListener listener) {
    if (follower != null || closed) {
      throw new IllegalStateException(name + " was already " + (closed ? "closed" : "started"));
    }
    follower = new LsdbFollower(name, listener);
    scheduleNext();
  }

  private void scheduleNext() {
    if (closed) {
      return;
    }
    if (next >= events.size()) {
      scheduler.execute(onFinished);
      return;
    }
    long delayNanos = 0;
    if (next > 0 && !Double.isInfinite(speed)) {
      delayNanos = (long) ((events.get(next).nanos() - events.get(next - 1).nanos()) / speed);
    }
    task = scheduler.schedule(this::playDue, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
  }

  private synchronized void playDue() {
    if (closed) {
      return;
    }
    // Play this event and every following one recorded at the same instant (one read's batch).
    long at = events.get(next).nanos();
    while (next < events.size() && events.get(next).nanos() == at) {
      play(events.get(next++));
    }
    if (synced) {
      follower.publish(false);
    }
    scheduleNext();
  }

  private void play(LsaEvent e) {
    switch (e.kind()) {
      case RESET -> {
        follower.reset();
        synced = false;
      }
      case SYNCED -> {
        synced = true;
        follower.publish(true);
      }
      case UPDATE, DELETE -> follower.apply(e.kind() == LsaEvent.Kind.DELETE, e.area(), e.lsa());
    }
  }

  /** Events played so far. */
  public synchronized int played() {
    return next;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (task != null) {
      task.cancel(false);
    }
  }
}
