package io.cuttle.controller.topology.synthetic;

import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.PrefixSpec;
import io.cuttle.controller.topology.TopologySpec.RouterSpec;
import io.cuttle.controller.topology.TopologySpec.SiteSpec;
import io.cuttle.controller.topology.TopologySpec.UplinkSpec;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.Prefix;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Generates a connected synthetic network of a given size, deterministically from a random
 * generator: a ring of routers plus random chords, one /24 stub prefix per router, sites of ten
 * routers each with the ring links leaving them as uplinks, and capacity/load annotations on
 * every link. For tests, demos and benchmarks at sizes no lab can build.
 */
public final class SyntheticTopology {
  private SyntheticTopology() {}

  /**
   * @param routers at least 3
   * @param links   at least {@code routers} (the ring); at most routers*(routers-1)/2
   */
  public static TopologySpec generate(int routers, int links, RandomGenerator random) {
    if (routers < 3 || links < routers || (long) links > (long) routers * (routers - 1) / 2) {
      throw new IllegalArgumentException("expected 3 <= routers and routers <= links <= routers*(routers-1)/2, got "
          + routers + " routers and " + links + " links");
    }
    List<RouterSpec> rs = new ArrayList<>();
    List<PrefixSpec> ps = new ArrayList<>();
    for (int i = 0; i < routers; i++) {
      rs.add(new RouterSpec(name(i), 0x0aff0000 + i + 1, Set.of("0.0.0.0")));
      ps.add(new PrefixSpec(prefix(i), name(i), 1, "0.0.0.0"));
    }
    List<LinkSpec> ls = new ArrayList<>();
    Set<Long> pairs = new HashSet<>();
    for (int i = 0; i < routers; i++) {
      addLink(ls, pairs, i, (i + 1) % routers, random);
    }
    while (ls.size() < links) {
      int a = random.nextInt(routers);
      int b = random.nextInt(routers);
      if (a != b) {
        addLink(ls, pairs, a, b, random);
      }
    }
    Map<String, LinkAnnotation> ann = new LinkedHashMap<>();
    for (LinkSpec l : ls) {
      long cap = 1_000_000_000L;
      ann.put(l.name(), new LinkAnnotation(OptionalLong.of(cap), OptionalLong.of(random.nextLong(cap)),
          OptionalLong.of(random.nextLong(cap)), OptionalLong.empty(), Set.of(), Map.of(), Optional.empty()));
    }
    List<SiteSpec> sites = new ArrayList<>();
    for (int first = 0; first + 10 <= routers; first += 10) {
      Set<Prefix> prefixes = new HashSet<>();
      for (int i = first; i < first + 10; i++) {
        prefixes.add(prefix(i));
      }
      int last = first + 9;
      List<UplinkSpec> up = List.of(new UplinkSpec(linkName(last, (last + 1) % routers), name(last)));
      sites.add(new SiteSpec("site-" + first / 10, prefixes, up));
    }
    return new TopologySpec(rs, List.of(), ls, ps, sites, ann);
  }

  private static void addLink(List<LinkSpec> ls, Set<Long> pairs, int a, int b, RandomGenerator random) {
    int lo = Math.min(a, b);
    int hi = Math.max(a, b);
    if (pairs.add(((long) lo << 32) | hi)) {
      int cost = 1 + random.nextInt(100);
      ls.add(new LinkSpec(linkName(a, b), name(a), name(b), cost, cost, LinkState.UP, "0.0.0.0"));
    }
  }

  public static String name(int i) {
    return "r" + i;
  }

  public static String linkName(int a, int b) {
    return "r" + a + "-r" + b;
  }

  public static Prefix prefix(int i) {
    return Prefix.of(new byte[] {10, (byte) (i >> 8), (byte) i, 0}, 24);
  }
}
