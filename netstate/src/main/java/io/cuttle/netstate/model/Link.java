package io.cuttle.netstate.model;

import java.util.Objects;

/**
 * A link between two nodes with an OSPF cost per direction. A point-to-point link joins two
 * routers; a router's attachment to a transit network is a link whose network-to-router cost is 0.
 */
public record Link(int id, String name, int a, int b, int costAb, int costBa, LinkState state, String area) {
  /** Largest OSPF interface cost. */
  public static final int MAX_COST = 65535;

  public Link {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(area, "area");
    requireCost(costAb, "costAb");
    requireCost(costBa, "costBa");
    if (a == b) {
      throw new IllegalArgumentException("link " + name + " joins node " + a + " to itself");
    }
  }

  private static void requireCost(int cost, String field) {
    if (cost < 0 || cost > MAX_COST) {
      throw new IllegalArgumentException(field + " must be 0.." + MAX_COST + ", got " + cost);
    }
  }

  public boolean isUp() {
    return state == LinkState.UP;
  }

  /** The other end of this link seen from {@code node}. */
  public int otherEnd(int node) {
    if (node == a) {
      return b;
    }
    if (node == b) {
      return a;
    }
    throw new IllegalArgumentException("node " + node + " is not an end of link " + name);
  }

  /** Cost of leaving {@code from} over this link. */
  public int costFrom(int from) {
    return from == a ? costAb : costBa;
  }

  public Link withState(LinkState s) {
    return new Link(id, name, a, b, costAb, costBa, s, area);
  }

  public Link withCosts(int ab, int ba) {
    return new Link(id, name, a, b, ab, ba, state, area);
  }
}
