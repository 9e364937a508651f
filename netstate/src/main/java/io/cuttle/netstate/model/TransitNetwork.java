package io.cuttle.netstate.model;

import java.util.Objects;

/** A broadcast network with several routers on it (an OSPF network LSA's pseudo-node). */
public record TransitNetwork(int id, String name, Prefix prefix, String area) implements Node {
  public TransitNetwork {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(area, "area");
  }
}
