package io.cuttle.netstate.path;

/**
 * Where a path starts or ends: a stub prefix (by id) or a transit network (by node id).
 * Hosts live in one or the other.
 */
public record Endpoint(Kind kind, int id) {
  public enum Kind {
    STUB_PREFIX,
    TRANSIT_NETWORK
  }

  public static Endpoint stub(int prefixId) {
    return new Endpoint(Kind.STUB_PREFIX, prefixId);
  }

  public static Endpoint network(int nodeId) {
    return new Endpoint(Kind.TRANSIT_NETWORK, nodeId);
  }
}
