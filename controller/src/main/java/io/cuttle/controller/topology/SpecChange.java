package io.cuttle.controller.topology;

import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.PrefixSpec;
import java.util.List;
import java.util.Objects;

/**
 * How a spec differs from the one its provider delivered before ({@code base}), when that is no
 * more than costs: {@code links} are the new descriptions of the links whose costs changed (same
 * names, ends, areas and states as in {@code base}), {@code prefixes} those of the prefixes whose
 * costs changed (same prefix, router and area). Lets the store commit a change without comparing
 * whole descriptions of the network.
 */
public record SpecChange(TopologySpec base, List<LinkSpec> links, List<PrefixSpec> prefixes) {
  public SpecChange {
    Objects.requireNonNull(base, "base");
    links = List.copyOf(links);
    prefixes = List.copyOf(prefixes);
  }

  /** A change of link costs only. */
  public SpecChange(TopologySpec base, List<LinkSpec> links) {
    this(base, links, List.of());
  }
}
