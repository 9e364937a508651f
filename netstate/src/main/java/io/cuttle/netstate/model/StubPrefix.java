package io.cuttle.netstate.model;

import java.util.Objects;

/** A stub network announced by a router (hosts live here); never transit. */
public record StubPrefix(int id, Prefix prefix, int router, int cost, String area) {
  public StubPrefix {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(area, "area");
    if (cost < 0 || cost > Link.MAX_COST) {
      throw new IllegalArgumentException("stub cost must be 0.." + Link.MAX_COST + ", got " + cost);
    }
  }
}
