package io.cuttle.controller.annotation;

import io.cuttle.controller.topology.TopologyProvider;
import io.cuttle.controller.topology.TopologyProviderListener;
import io.cuttle.controller.topology.TopologySpec;

/**
 * A provider that delivers one spec at start and another whenever a test calls {@link #deliver}
 * (or {@link #update}).
 */
final class StaticTopologyProvider implements TopologyProvider {
  private final TopologySpec initial;
  private TopologyProviderListener listener;
  boolean closed;

  StaticTopologyProvider(TopologySpec initial) {
    this.initial = initial;
  }

  @Override
  public String name() {
    return "static";
  }

  @Override
  public void start(TopologyProviderListener listener) {
    this.listener = listener;
    listener.specChanged(initial);
  }

  void deliver(TopologySpec spec) {
    listener.specChanged(spec);
  }

  TopologySpec initial() {
    return initial;
  }

  void update(TopologySpec spec, io.cuttle.controller.topology.SpecChange change) {
    listener.specUpdated(spec, change);
  }

  @Override
  public void close() {
    closed = true;
  }
}
