package io.cuttle.controller.topology;

import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import java.util.List;
import java.util.Objects;

/**
 * How a spec differs from the one its provider delivered before ({@code base}), when that is no
 * more than link costs: {@code links} are the new descriptions of the links whose costs changed,
 * with the same names, ends, areas and states as in {@code base}. Lets the store commit a change
 * without comparing whole descriptions of the network.
 */
public record SpecChange(TopologySpec base, List<LinkSpec> links) {
  public SpecChange {
    Objects.requireNonNull(base, "base");
    links = List.copyOf(links);
  }
}
