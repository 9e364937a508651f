package io.cuttle.netstate.model;

/** A vertex of the area graph: a router or a transit network (OSPF pseudo-node). */
public sealed interface Node permits Router, TransitNetwork {
  /** Controller-assigned id, unique among all entities of a lineage. */
  int id();

  /** Human-readable name, unique among nodes. */
  String name();
}
