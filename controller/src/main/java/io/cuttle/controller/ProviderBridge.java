package io.cuttle.controller;

import io.cuttle.common.config.Diagnostic;
import io.cuttle.controller.store.AnnotationHandling;
import io.cuttle.controller.store.AnnotationPacer;
import io.cuttle.controller.store.AnnotationTargets;
import io.cuttle.controller.store.CommitResult;
import io.cuttle.controller.store.TopologyStore;
import io.cuttle.controller.topology.SpecChange;
import io.cuttle.controller.topology.TopologyProviderListener;
import io.cuttle.controller.topology.TopologySpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds what a topology provider learns into the store, and remembers the last rejection so
 * operators can see why the state stopped following the source. A rejected input never
 * touches the state: the last good version stays in service.
 */
final class ProviderBridge implements TopologyProviderListener {
  private static final Logger log = LoggerFactory.getLogger(ProviderBridge.class);

  /** Why the latest input was not applied, and when. */
  record Rejection(Instant at, String source, List<String> problems) {}

  private final String providerName;
  private final TopologyStore store;
  private final Optional<AnnotationPacer> pacer;
  private final Clock clock;
  private final Counter applied;
  private final Counter rejected;
  private final AtomicReference<Rejection> lastRejection = new AtomicReference<>();
  /** The spec the state was last made equal to, for specUpdated's base check. */
  private final AtomicReference<TopologySpec> lastApplied = new AtomicReference<>();

  ProviderBridge(String providerName, TopologyStore store, Optional<AnnotationPacer> pacer, Clock clock,
      MeterRegistry registry) {
    this.providerName = providerName;
    this.store = store;
    this.pacer = pacer;
    this.clock = clock;
    this.applied = Counter.builder("cuttle.controller.provider.specs").tag("outcome", "applied")
        .description("Topology descriptions received from the provider").register(registry);
    this.rejected = Counter.builder("cuttle.controller.provider.specs").tag("outcome", "rejected")
        .description("Topology descriptions received from the provider").register(registry);
  }

  @Override
  public void specChanged(TopologySpec spec) {
    CommitResult r;
    if (pacer.isPresent()) {
      // The topology goes out at once; its annotations follow through the pacer.
      CommitResult[] result = new CommitResult[1];
      pacer.get().submitAfter(() -> {
        result[0] = store.apply(spec, AnnotationHandling.LEFT_OUT);
        return result[0] instanceof CommitResult.Committed ? AnnotationTargets.of(store.current(), spec) : Map.of();
      });
      r = result[0];
    } else {
      r = store.apply(spec, AnnotationHandling.INCLUDED);
    }
    lastApplied.set(r instanceof CommitResult.Committed ? spec : null);
    outcome(r);
  }

  /**
   * Commits only what changed ({@link TopologyStore#applyChange}) when the state still is what
   * {@code change.base()} described (the provider's previous spec, applied by this bridge) and no
   * link the change adds carries annotations; otherwise, or if the store refuses the change, applies
   * {@code spec} whole.
   */
  @Override
  public void specUpdated(TopologySpec spec, SpecChange change) {
    if (change.base() != lastApplied.get()
        || change.structure().linksAdded().stream().anyMatch(l -> spec.annotations().containsKey(l.name()))) {
      specChanged(spec);
      return;
    }
    CommitResult r = store.applyChange(change);
    if (r instanceof CommitResult.Rejected x) {
      log.warn("{}: change not applicable on its own ({}); applying the whole description", providerName,
          String.join("; ", x.problems()));
      specChanged(spec);
      return;
    }
    lastApplied.set(spec);
    outcome(r);
  }

  private void outcome(CommitResult r) {
    switch (r) {
      case CommitResult.Committed c -> {
        applied.increment();
        lastRejection.set(null);
        if (!c.deltas().isEmpty()) {
          log.info("{}: state now at version {} ({} change(s))", providerName, c.version(), c.deltas().size());
        }
      }
      case CommitResult.Rejected x -> reject(providerName, x.problems());
    }
  }

  @Override
  public void specRejected(String source, List<Diagnostic> problems) {
    reject(source, problems.stream().map(Diagnostic::toString).toList());
  }

  private void reject(String source, List<String> problems) {
    rejected.increment();
    lastRejection.set(new Rejection(clock.instant(), source, problems));
    log.error("{}: input rejected, still serving version {}:\n  {}", source, store.current().version(),
        String.join("\n  ", problems));
  }

  /** True when everything the provider delivered is committed (no annotation waits for its turn). */
  boolean settled() {
    return pacer.map(AnnotationPacer::idle).orElse(true);
  }

  String providerName() {
    return providerName;
  }

  Optional<Rejection> lastRejection() {
    return Optional.ofNullable(lastRejection.get());
  }
}
