package io.cuttle.netstate.path;

import java.util.List;

/** One shortest path: the links it crosses in order, and its total OSPF cost. */
public record Path(List<Hop> hops, long cost) {
  public Path {
    hops = List.copyOf(hops);
  }

  public boolean crosses(int linkId) {
    return hops.stream().anyMatch(h -> h.link() == linkId);
  }
}
