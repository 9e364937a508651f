package io.cuttle.netstate.model;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** A named set of prefixes (an office, a campus) with the links that connect it upstream. */
public record Site(String name, Set<Prefix> prefixes, List<Uplink> uplinks) {
  public Site {
    Objects.requireNonNull(name, "name");
    prefixes = Collections.unmodifiableSet(new TreeSet<>(prefixes));
    uplinks = List.copyOf(uplinks);
  }

  public boolean contains(java.net.InetAddress address) {
    return prefixes.stream().anyMatch(p -> p.contains(address));
  }
}
