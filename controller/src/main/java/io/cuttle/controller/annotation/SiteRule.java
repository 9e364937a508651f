package io.cuttle.controller.annotation;

import io.cuttle.netstate.model.Prefix;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A site the operator declares: its prefixes and its uplinks, each uplink a link selector and the
 * end of the link inside the site (a router name or router id).
 */
public record SiteRule(String where, String name, Set<Prefix> prefixes, List<Uplink> uplinks) {
  public SiteRule {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(name, "name");
    prefixes = Collections.unmodifiableSet(new TreeSet<>(prefixes));
    uplinks = List.copyOf(uplinks);
  }

  /** One uplink: the link (must resolve to exactly one) and the router at its inside end. */
  public record Uplink(String where, LinkSelector selector, String inside) {
    public Uplink {
      Objects.requireNonNull(where, "where");
      Objects.requireNonNull(selector, "selector");
      Objects.requireNonNull(inside, "inside");
    }
  }
}
