package io.cuttle.controller.topology;

import io.cuttle.common.config.Diagnostic;
import java.util.List;

/** Receives what a {@link TopologyProvider} learns. */
public interface TopologyProviderListener {
  /** A complete, validated description of the network. */
  void specChanged(TopologySpec spec);

  /**
   * A complete, validated description of the network that differs from the previous one only as
   * {@code change} says (relative to {@code change.base()}, the spec delivered before). Listeners
   * that cannot use the change treat {@code spec} like any other.
   */
  default void specUpdated(TopologySpec spec, SpecChange change) {
    specChanged(spec);
  }

  /**
   * The provider's input was invalid and is ignored; the previous spec stays in force.
   *
   * @param source what was read, e.g. a file path
   */
  void specRejected(String source, List<Diagnostic> problems);
}
