package io.cuttle.netstate.model;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.Collections;

/**
 * A router, identified by its OSPF router id (a 32-bit number shown as a dotted quad).
 *
 * @param areas the OSPF areas it has interfaces in (an ABR has several)
 */
public record Router(int id, String name, int routerId, Set<String> areas) implements Node {
  public Router {
    Objects.requireNonNull(name, "name");
    areas = Collections.unmodifiableSet(new TreeSet<>(areas));
  }

  /** Dotted-quad form of the router id. */
  public String routerIdText() {
    return ((routerId >>> 24) & 0xff) + "." + ((routerId >>> 16) & 0xff) + "."
        + ((routerId >>> 8) & 0xff) + "." + (routerId & 0xff);
  }

  /** Parses a dotted-quad router id. */
  public static int parseRouterId(String text) {
    byte[] b = Prefix.parseAddress(text).getAddress();
    if (b.length != 4) {
      throw new IllegalArgumentException("expected a router id a.b.c.d, got '" + text + "'");
    }
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }
}
