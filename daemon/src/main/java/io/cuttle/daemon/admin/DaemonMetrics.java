package io.cuttle.daemon.admin;

import io.cuttle.daemon.state.StateKeeper;
import io.cuttle.daemon.state.StateUpdate;
import io.cuttle.daemon.subscription.StateSubscription;
import io.cuttle.daemon.subscription.SubscriptionListener;
import io.cuttle.netstate.event.Delta;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The daemon's meters (Prometheus names in brackets): state version
 * ({@code cuttle_daemon_state_version}), staleness ({@code cuttle_daemon_staleness_seconds}),
 * whether a stream is delivering ({@code cuttle_daemon_connected}, 0/1), deltas applied and
 * snapshots received (counters), state events received by kind
 * ({@code cuttle_daemon_state_events_total{kind="link-state-changed"}}), the update lag from a delta's commit at the controller to its
 * arrival here ({@code cuttle_daemon_update_lag_seconds}, a timer) and resubscriptions by reason.
 */
public final class DaemonMetrics implements SubscriptionListener {
  private final MeterRegistry registry;
  private final Counter deltasApplied;
  private final Counter snapshotsReceived;
  private final Counter rejected;
  private final Timer updateLag;
  private final Map<ResubscribeReason, Counter> resubscriptions = new EnumMap<>(ResubscribeReason.class);

  /** Registers the meters; add the result to the subscription as a listener. */
  public DaemonMetrics(MeterRegistry registry, StateKeeper keeper, StateSubscription subscription) {
    this.registry = registry;
    Gauge.builder("cuttle.daemon.state.version", keeper, k -> k.current().version())
        .description("version of the network state this daemon holds").strongReference(true).register(registry);
    Gauge.builder("cuttle.daemon.staleness", subscription, s -> s.staleness().toNanos() / 1e9)
        .baseUnit("seconds").description("time since a controller was last heard from")
        .strongReference(true).register(registry);
    Gauge.builder("cuttle.daemon.connected", subscription, s -> s.status().streaming() ? 1 : 0)
        .description("1 while a controller stream is delivering state, else 0")
        .strongReference(true).register(registry);
    deltasApplied = Counter.builder("cuttle.daemon.deltas.applied")
        .description("deltas applied to the state").register(registry);
    snapshotsReceived = Counter.builder("cuttle.daemon.snapshots.received")
        .description("full snapshots received and applied").register(registry);
    rejected = Counter.builder("cuttle.daemon.messages.rejected")
        .description("stream messages that did not fit the state held").register(registry);
    updateLag = Timer.builder("cuttle.daemon.update.lag")
        .description("time from a delta's commit at the controller to its arrival here").register(registry);
    for (ResubscribeReason r : ResubscribeReason.values()) {
      resubscriptions.put(r, Counter.builder("cuttle.daemon.resubscriptions")
          .description("Watch streams reopened, by reason").tag("reason", r.name().toLowerCase())
          .register(registry));
    }
  }

  @Override
  public void updateReceived(StateUpdate update, Instant receivedAt) {
    switch (update) {
      case StateUpdate.SnapshotApplied s -> snapshotsReceived.increment();
      case StateUpdate.DeltasApplied d -> {
        deltasApplied.increment(d.deltas().size());
        for (Delta delta : d.deltas()) {
          Counter.builder("cuttle.daemon.state.events").tag("kind", delta.event().kind())
              .description("state events received in deltas and applied, by kind").register(registry).increment();
          Duration lag = Duration.between(delta.at(), receivedAt);
          updateLag.record(lag.isNegative() ? Duration.ZERO : lag);
        }
      }
      case StateUpdate.Rejected r -> rejected.increment();
      case StateUpdate.HeartbeatReceived h -> {
        // Staleness is read from the subscription; nothing to count.
      }
    }
  }

  @Override
  public void resubscribing(ResubscribeReason reason, String detail) {
    resubscriptions.get(reason).increment();
  }
}
