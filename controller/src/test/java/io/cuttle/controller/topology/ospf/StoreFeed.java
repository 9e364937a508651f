package io.cuttle.controller.topology.ospf;

import io.cuttle.common.config.Diagnostic;
import io.cuttle.controller.store.CommitResult;
import io.cuttle.controller.store.TopologyStore;
import io.cuttle.controller.topology.SpecChange;
import io.cuttle.controller.topology.TopologyProviderListener;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.model.Lineage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A provider listener that commits every spec into a store and keeps everything it saw; link-cost
 * changes are committed as such when the store is at their base (as the controller does).
 */
public final class StoreFeed implements TopologyProviderListener {
  public final TopologyStore store = new TopologyStore(new Lineage(7, Instant.EPOCH), Clock.systemUTC(), 100_000);
  public final List<TopologySpec> specs = new CopyOnWriteArrayList<>();
  public final List<String> rejections = new CopyOnWriteArrayList<>();
  public final List<Delta> deltas = new CopyOnWriteArrayList<>();
  public final List<String> storeRejections = new CopyOnWriteArrayList<>();
  public final List<SpecChange> updates = new CopyOnWriteArrayList<>();
  private volatile TopologySpec applied;

  public StoreFeed() {
    store.addListener((state, ds) -> deltas.addAll(ds));
  }

  @Override
  public void specChanged(TopologySpec spec) {
    specs.add(spec);
    CommitResult r = store.apply(spec);
    applied = r instanceof CommitResult.Committed ? spec : null;
    if (r instanceof CommitResult.Rejected x) {
      storeRejections.addAll(x.problems());
    }
  }

  @Override
  public void specUpdated(TopologySpec spec, SpecChange change) {
    if (change.base() != applied) {
      specChanged(spec);
      return;
    }
    specs.add(spec);
    updates.add(change);
    CommitResult r = store.applyChange(change);
    applied = r instanceof CommitResult.Committed ? spec : null;
    if (r instanceof CommitResult.Rejected x) {
      storeRejections.addAll(x.problems());
    }
  }

  @Override
  public void specRejected(String source, List<Diagnostic> problems) {
    problems.forEach(p -> rejections.add(p.toString()));
  }

  public TopologySpec last() {
    return specs.isEmpty() ? null : specs.get(specs.size() - 1);
  }

  /** Deltas committed after the first {@code from}. */
  public List<Delta> deltasSince(int from) {
    return List.copyOf(deltas.subList(from, deltas.size()));
  }
}
