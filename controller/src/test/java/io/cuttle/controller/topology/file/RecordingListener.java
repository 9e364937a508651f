package io.cuttle.controller.topology.file;

import io.cuttle.common.config.Diagnostic;
import io.cuttle.controller.topology.TopologyProviderListener;
import io.cuttle.controller.topology.TopologySpec;
import java.util.ArrayList;
import java.util.List;

/** Records what a provider reports, in order. */
final class RecordingListener implements TopologyProviderListener {
  record Rejection(String source, List<Diagnostic> problems) {}

  private final List<Object> events = new ArrayList<>();

  @Override
  public synchronized void specChanged(TopologySpec spec) {
    events.add(spec);
  }

  @Override
  public synchronized void specRejected(String source, List<Diagnostic> problems) {
    events.add(new Rejection(source, problems));
  }

  /** Everything reported since the last call, then forgets it. */
  synchronized List<Object> drain() {
    List<Object> out = List.copyOf(events);
    events.clear();
    return out;
  }

  synchronized List<TopologySpec> specs() {
    return events.stream().filter(TopologySpec.class::isInstance).map(TopologySpec.class::cast).toList();
  }

  synchronized List<Rejection> rejections() {
    return events.stream().filter(Rejection.class::isInstance).map(Rejection.class::cast).toList();
  }
}
