package io.cuttle.controller.topology;

/**
 * A source of topology facts (a YAML file, live OSPF, a recorded replay...). It pushes complete
 * {@link TopologySpec}s to a {@link TopologyProviderListener}; the topology store turns them into
 * versioned events. A provider never throws from its callbacks and never delivers a spec that
 * failed validation: it reports the rejection instead, and the last good state stays in service.
 */
public interface TopologyProvider extends AutoCloseable {
  /** Short name for logs and metrics, e.g. {@code file:/etc/cuttle/topology.yaml}. */
  String name();

  /**
   * Starts delivering. The listener first receives the current spec (or a rejection), then one
   * call per change. Calls come from one thread at a time.
   */
  void start(TopologyProviderListener listener);

  /**
   * The provider's own state for operators (e.g. a live source's connection), shown in the
   * controller's {@code /status}; empty if it has none to tell.
   */
  default java.util.Optional<String> statusDetail() {
    return java.util.Optional.empty();
  }

  /** Stops delivering and releases resources; idempotent. */
  @Override
  void close();
}
