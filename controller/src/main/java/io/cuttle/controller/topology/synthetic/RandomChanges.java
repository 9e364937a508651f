package io.cuttle.controller.topology.synthetic;

import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.PrefixSpec;
import io.cuttle.controller.topology.TopologySpec.SiteSpec;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.Prefix;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Produces a random but valid next version of a spec: a link cost change, a link going down or
 * up, new loads on a link, a stub prefix appearing or disappearing, or a site gaining or losing a
 * prefix. Used to drive bursts of changes in tests and benchmarks.
 */
public final class RandomChanges {
  private final RandomGenerator random;

  public RandomChanges(RandomGenerator random) {
    this.random = random;
  }

  public TopologySpec next(TopologySpec spec) {
    int pick = random.nextInt(100);
    if (pick < 35) {
      return withLink(spec, l -> {
        int c = 1 + random.nextInt(1000);
        return new LinkSpec(l.name(), l.a(), l.b(), c, random.nextBoolean() ? c : 1 + random.nextInt(1000), l.state(), l.area());
      });
    }
    if (pick < 60) {
      return withLink(spec, l -> new LinkSpec(l.name(), l.a(), l.b(), l.costAb(), l.costBa(),
          l.state() == LinkState.UP ? LinkState.DOWN : LinkState.UP, l.area()));
    }
    if (pick < 85) {
      LinkSpec l = spec.links().get(random.nextInt(spec.links().size()));
      Map<String, LinkAnnotation> ann = new LinkedHashMap<>(spec.annotations());
      LinkAnnotation a = ann.getOrDefault(l.name(), LinkAnnotation.EMPTY);
      ann.put(l.name(), new LinkAnnotation(a.capacityBps(), OptionalLong.of(random.nextLong(1L << 32)),
          OptionalLong.of(random.nextLong(1L << 32)), a.costMicros(), a.labels(), a.counters(), a.measuredAt()));
      return new TopologySpec(spec.routers(), spec.networks(), spec.links(), spec.prefixes(), spec.sites(), ann);
    }
    if (pick < 95) {
      List<PrefixSpec> ps = new ArrayList<>(spec.prefixes());
      if (!ps.isEmpty() && random.nextBoolean()) {
        ps.remove(random.nextInt(ps.size()));
      } else {
        String router = spec.routers().get(random.nextInt(spec.routers().size())).name();
        Prefix p = Prefix.of(new byte[] {(byte) 172, 16, (byte) random.nextInt(256), 0}, 24);
        PrefixSpec add = new PrefixSpec(p, router, random.nextInt(10), "0.0.0.0");
        if (ps.stream().noneMatch(x -> x.prefix().equals(p) && x.router().equals(router))) {
          ps.add(add);
        }
      }
      return new TopologySpec(spec.routers(), spec.networks(), spec.links(), ps, spec.sites(), spec.annotations());
    }
    if (spec.sites().isEmpty()) {
      return spec;
    }
    List<SiteSpec> sites = new ArrayList<>(spec.sites());
    int i = random.nextInt(sites.size());
    SiteSpec s = sites.get(i);
    Set<Prefix> prefixes = new HashSet<>(s.prefixes());
    Prefix extra = Prefix.of(new byte[] {(byte) 192, (byte) 168, (byte) random.nextInt(256), 0}, 24);
    if (!prefixes.remove(extra)) {
      prefixes.add(extra);
    }
    sites.set(i, new SiteSpec(s.name(), prefixes, s.uplinks()));
    return new TopologySpec(spec.routers(), spec.networks(), spec.links(), spec.prefixes(), sites, spec.annotations());
  }

  private TopologySpec withLink(TopologySpec spec, java.util.function.UnaryOperator<LinkSpec> change) {
    List<LinkSpec> ls = new ArrayList<>(spec.links());
    int i = random.nextInt(ls.size());
    ls.set(i, change.apply(ls.get(i)));
    return new TopologySpec(spec.routers(), spec.networks(), ls, spec.prefixes(), spec.sites(), spec.annotations());
  }
}
