package io.cuttle.policy.scenario;

import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Prefix;
import io.cuttle.netstate.model.Router;
import io.cuttle.netstate.model.Site;
import io.cuttle.netstate.model.StubPrefix;
import io.cuttle.netstate.model.Uplink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Builds network states by name (routers, links, prefixes, sites, per-link state and
 * annotations) for scenarios, tests and benchmarks. Mutable; {@link #build} makes an immutable
 * version each time, so a scenario can change a link and build the next version.
 */
public final class TopologyBuilder {
  private static final Lineage LINEAGE = new Lineage(0x5ce7a210L, Instant.EPOCH);

  private int nextId = 1;
  private final Map<String, Router> routers = new LinkedHashMap<>();
  private final Map<String, Link> links = new LinkedHashMap<>();
  private final Map<String, StubPrefix> prefixes = new LinkedHashMap<>();
  private final Map<String, SiteSpec> sites = new LinkedHashMap<>();
  private final Map<String, LinkAnnotation> annotations = new HashMap<>();

  /** A site's uplink by name, with the router at its inside end. */
  public record UplinkSpec(String link, String inside) {}

  private record SiteSpec(List<Prefix> prefixes, List<UplinkSpec> uplinks) {}

  public TopologyBuilder router(String name) {
    if (!routers.containsKey(name)) {
      int id = nextId++;
      routers.put(name, new Router(id, name, id, Set.of("0.0.0.0")));
    }
    return this;
  }

  public boolean hasRouter(String name) {
    return routers.containsKey(name);
  }

  public boolean hasLink(String name) {
    return links.containsKey(name);
  }

  public TopologyBuilder link(String name, String a, String b, int cost) {
    router(a).router(b);
    if (links.containsKey(name)) {
      throw new IllegalArgumentException("link '" + name + "' is defined twice");
    }
    links.put(name, new Link(nextId++, name, routers.get(a).id(), routers.get(b).id(), cost, cost, LinkState.UP,
        "0.0.0.0"));
    return this;
  }

  public TopologyBuilder prefix(String prefix, String router) {
    router(router);
    Prefix p = Prefix.parse(prefix);
    prefixes.put(prefix, new StubPrefix(nextId++, p, routers.get(router).id(), 1, "0.0.0.0"));
    return this;
  }

  /** A site: its prefixes and its uplinks as {link, inside router} pairs. */
  public TopologyBuilder site(String name, List<String> sitePrefixes, List<UplinkSpec> uplinks) {
    sites.put(name, new SiteSpec(sitePrefixes.stream().map(Prefix::parse).toList(), List.copyOf(uplinks)));
    return this;
  }

  public List<UplinkSpec> uplinks(String site) {
    SiteSpec s = sites.get(site);
    return s == null ? List.of() : s.uplinks();
  }

  public boolean hasSite(String name) {
    return sites.containsKey(name);
  }

  public TopologyBuilder linkState(String name, boolean up) {
    Link l = require(name);
    links.put(name, l.withState(up ? LinkState.UP : LinkState.DOWN));
    return this;
  }

  public LinkAnnotation annotation(String link) {
    require(link);
    return annotations.getOrDefault(link, LinkAnnotation.EMPTY);
  }

  public TopologyBuilder annotate(String link, LinkAnnotation a) {
    require(link);
    annotations.put(link, a);
    return this;
  }

  /** Sets load leaving {@code fromRouter} over {@code link} (bit/s). */
  public TopologyBuilder loadFrom(String link, String fromRouter, long bps) {
    Link l = require(link);
    LinkAnnotation a = annotation(link);
    boolean ab = routers.get(fromRouter).id() == l.a();
    annotations.put(link, new LinkAnnotation(a.capacityBps(), ab ? OptionalLong.of(bps) : a.loadAbBps(),
        ab ? a.loadBaBps() : OptionalLong.of(bps), a.costMicros(), a.labels(), a.counters(), a.measuredAt()));
    return this;
  }

  /** Sets a site's upstream and/or downstream load, split evenly over its uplinks. */
  public TopologyBuilder siteLoad(String site, OptionalLong upstream, OptionalLong downstream) {
    SiteSpec s = sites.get(site);
    if (s == null) {
      throw new IllegalArgumentException("expected a known site, got '" + site + "'");
    }
    int n = Math.max(1, s.uplinks().size());
    for (UplinkSpec u : s.uplinks()) {
      Link l = require(u.link());
      int inside = routers.get(u.inside()).id();
      String outside = routers.values().stream().filter(r -> r.id() == l.otherEnd(inside)).findFirst()
          .orElseThrow().name();
      upstream.ifPresent(v -> loadFrom(u.link(), u.inside(), v / n));
      downstream.ifPresent(v -> loadFrom(u.link(), outside, v / n));
    }
    return this;
  }

  private Link require(String name) {
    Link l = links.get(name);
    if (l == null) {
      throw new IllegalArgumentException("expected a known link, got '" + name + "'");
    }
    return l;
  }

  /** An immutable state of the current definition. */
  public NetworkState build(long version, Instant at) {
    List<Site> siteList = new ArrayList<>();
    sites.forEach((name, s) -> siteList.add(new Site(name, Set.copyOf(s.prefixes()), s.uplinks().stream()
        .map(u -> new Uplink(require(u.link()).id(), routers.get(u.inside()).id())).toList())));
    Map<Integer, LinkAnnotation> ann = new HashMap<>();
    annotations.forEach((name, a) -> {
      if (!a.isEmpty()) {
        ann.put(links.get(name).id(), a);
      }
    });
    return NetworkState.of(LINEAGE, version, at, routers.values(), links.values(), prefixes.values(), siteList, ann);
  }
}
