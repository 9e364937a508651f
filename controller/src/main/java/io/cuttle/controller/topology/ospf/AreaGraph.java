package io.cuttle.controller.topology.ospf;

import io.cuttle.controller.topology.TopologySpec;
import java.util.List;

/**
 * The graph built from one database: the spec, and what was left out of it and why (e.g. a
 * summary with a stub-router metric, a link only one end announces yet).
 */
public record AreaGraph(TopologySpec spec, List<String> notes) {
  public AreaGraph {
    notes = List.copyOf(notes);
  }
}
