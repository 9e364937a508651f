package io.cuttle.controller.distribution;

import io.cuttle.wire.v1.HostReport;
import io.cuttle.wire.v1.Reaction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The distribution's meters: what was sent, to how many, how late; host reports received and the
 * reactions they carry ({@code cuttle_controller_host_reaction_latency_seconds}, a histogram).
 */
final class DistributionMetrics {
  private final Clock clock;
  private final Map<Subscriber.Kind, Counter> bytes = new EnumMap<>(Subscriber.Kind.class);
  private final Map<Subscriber.Kind, Counter> messages = new EnumMap<>(Subscriber.Kind.class);
  private final Counter lagSnapshots;
  private final Counter reports;
  private final Counter urgentFlushes;
  private final Timer sendLag;
  private final Timer reactionFromCommit;
  private final Timer reactionFromReceipt;

  DistributionMetrics(MeterRegistry registry, Clock clock) {
    this.clock = clock;
    for (Subscriber.Kind k : Subscriber.Kind.values()) {
      String kind = k.name().toLowerCase(java.util.Locale.ROOT);
      bytes.put(k, Counter.builder("cuttle.controller.sent.bytes").tag("kind", kind)
          .description("Bytes of StateMessages written to Watch streams (before gRPC/HTTP2 framing)")
          .baseUnit("bytes").register(registry));
      messages.put(k, Counter.builder("cuttle.controller.sent.messages").tag("kind", kind)
          .description("StateMessages written to Watch streams").register(registry));
    }
    lagSnapshots = Counter.builder("cuttle.controller.lag.snapshots")
        .description("Subscribers that fell too far behind and were sent a snapshot instead of their backlog")
        .register(registry);
    urgentFlushes = Counter.builder("cuttle.controller.urgent.flushes")
        .description("Topology commits sent before the linger window ended (the first few after a quiet spell)")
        .register(registry);
    reports = Counter.builder("cuttle.controller.reports").description("Host reports received").register(registry);
    sendLag = Timer.builder("cuttle.controller.update.lag")
        .description("Time from a delta's commit to its write to a subscriber's stream")
        .publishPercentiles(0.5, 0.99).register(registry);
    reactionFromCommit = reactionLatency(registry, "commit");
    reactionFromReceipt = reactionLatency(registry, "receipt");
  }

  private static Timer reactionLatency(MeterRegistry registry, String from) {
    return Timer.builder("cuttle.controller.host.reaction.latency").tag("from", from)
        .description("Reactions the hosts reported: from a state change (its commit here, or its arrival at the"
            + " host) to the host's adapter having applied the handlers' new desired state")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
  }

  void sent(Subscriber.Kind kind, int size, long oldestCommitMs) {
    bytes.get(kind).increment(size);
    messages.get(kind).increment();
    if (oldestCommitMs >= 0) {
      sendLag.record(Duration.ofMillis(Math.max(0, clock.millis() - oldestCommitMs)));
    }
  }

  void lagSnapshot() {
    lagSnapshots.increment();
  }

  void urgentFlush() {
    urgentFlushes.increment();
  }

  double urgentFlushes() {
    return urgentFlushes.count();
  }

  void report(HostReport report) {
    reports.increment();
    for (Reaction r : report.getReactionsList()) {
      if (r.hasFromCommitUs()) {
        reactionFromCommit.record(Duration.ofNanos(r.getFromCommitUs() * 1000));
      }
      reactionFromReceipt.record(Duration.ofNanos(r.getFromReceiptUs() * 1000));
    }
  }

  double lagSnapshots() {
    return lagSnapshots.count();
  }
}
