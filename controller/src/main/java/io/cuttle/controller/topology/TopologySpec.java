package io.cuttle.controller.topology;

import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.Prefix;
import java.net.InetAddress;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A complete description of the network as a provider sees it, by name: what the topology
 * store turns into versioned events by comparing it with the current state. Immutable.
 */
public record TopologySpec(
    List<RouterSpec> routers,
    List<NetworkSpec> networks,
    List<LinkSpec> links,
    List<PrefixSpec> prefixes,
    List<SiteSpec> sites,
    Map<String, LinkAnnotation> annotations,
    Map<InetAddress, InterfaceSpec> interfaces) {

  public static final TopologySpec EMPTY = new TopologySpec(List.of(), List.of(), List.of(), List.of(),
      List.of(), Map.of());

  /** A description that names no interface addresses (e.g. a hand-written file). */
  public TopologySpec(List<RouterSpec> routers, List<NetworkSpec> networks, List<LinkSpec> links,
      List<PrefixSpec> prefixes, List<SiteSpec> sites, Map<String, LinkAnnotation> annotations) {
    this(routers, networks, links, prefixes, sites, annotations, Map.of());
  }

  /**
   * A router interface address and what it belongs to: the link it sits on and the router that
   * owns it. Providers that learn addresses (OSPF) fill these in so that measurements taken per
   * interface (SNMP counters) can be mapped onto links. Not distributed to daemons.
   */
  public record InterfaceSpec(String link, String router) {
    public InterfaceSpec {
      Objects.requireNonNull(link, "link");
      Objects.requireNonNull(router, "router");
    }
  }

  /** The same description with {@code annotations} in place of the current ones. */
  public TopologySpec withAnnotations(Map<String, LinkAnnotation> replacement) {
    return new TopologySpec(routers, networks, links, prefixes, sites, replacement, interfaces);
  }

  /** The same description with {@code replacement} links. */
  public TopologySpec withLinks(List<LinkSpec> replacement) {
    return new TopologySpec(routers, networks, replacement, prefixes, sites, annotations, interfaces);
  }

  /** The same description with {@code replacement} prefixes. */
  public TopologySpec withPrefixes(List<PrefixSpec> replacement) {
    return new TopologySpec(routers, networks, links, replacement, sites, annotations, interfaces);
  }

  /** The same description with {@code replacement} sites. */
  public TopologySpec withSites(List<SiteSpec> replacement) {
    return new TopologySpec(routers, networks, links, prefixes, replacement, annotations, interfaces);
  }

  /**
   * Lists and maps are copied unless they are immutable already (a persistent collection, as an
   * incremental provider hands out, is taken as it is: a change to one part costs no copy).
   */
  public TopologySpec {
    routers = frozen(routers);
    networks = frozen(networks);
    links = frozen(links);
    prefixes = frozen(prefixes);
    sites = List.copyOf(sites);
    annotations = Frozen.of(annotations);
    interfaces = Frozen.of(interfaces);
  }

  private static <T> List<T> frozen(List<T> list) {
    if (list instanceof org.pcollections.PVector<T> p) {
      return p;
    }
    return List.copyOf(list);
  }

  /**
   * An unmodifiable copy in the caller's order that is not copied again when it is passed to
   * another spec (a spec derived with {@link #withLinks} shares its other maps).
   */
  private static final class Frozen<K, V> extends AbstractMap<K, V> {
    private final Map<K, V> map;

    private Frozen(Map<K, V> source) {
      this.map = source instanceof org.pcollections.PMap<K, V> p ? p
          : Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    /** {@code source} itself if it is frozen, else frozen; a persistent map is wrapped, not copied. */
    static <K, V> Map<K, V> of(Map<K, V> source) {
      return source instanceof Frozen<K, V> f ? f : new Frozen<>(source);
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
      return map.entrySet();
    }

    @Override
    public V get(Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }
  }

  /** A router with its OSPF router id and areas. */
  public record RouterSpec(String name, int routerId, Set<String> areas) {
    public RouterSpec {
      Objects.requireNonNull(name);
      areas = Collections.unmodifiableSet(new TreeSet<>(areas));
    }
  }

  /** A transit (broadcast) network. */
  public record NetworkSpec(String name, Prefix prefix, String area) {}

  /** A link between two nodes named {@code a} and {@code b}, with a cost per direction. */
  public record LinkSpec(String name, String a, String b, int costAb, int costBa, LinkState state, String area) {}

  /** A stub prefix announced by {@code router}. Identity: (prefix, router). */
  public record PrefixSpec(Prefix prefix, String router, int cost, String area) {}

  /** An uplink of a site: link name and the name of its end inside the site. */
  public record UplinkSpec(String link, String insideNode) {}

  public record SiteSpec(String name, Set<Prefix> prefixes, List<UplinkSpec> uplinks) {
    public SiteSpec {
      prefixes = Collections.unmodifiableSet(new TreeSet<>(prefixes));
      uplinks = List.copyOf(uplinks);
    }
  }

  /**
   * Semantic problems (empty if none): duplicate names, references to unknown nodes or links,
   * costs out of range, uplinks whose inside node is not an end of the link. Providers that read
   * files report these with line numbers themselves; this check guards every other source.
   */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    Map<String, String> nodeKinds = new HashMap<>();
    Set<Integer> routerIds = new HashSet<>();
    for (RouterSpec r : routers) {
      if (nodeKinds.put(r.name(), "router") != null) {
        out.add("duplicate node name '" + r.name() + "'");
      }
      if (!routerIds.add(r.routerId())) {
        out.add("router '" + r.name() + "': duplicate router id " + new io.cuttle.netstate.model.Router(
            0, r.name(), r.routerId(), Set.of()).routerIdText());
      }
      if (r.areas().isEmpty()) {
        out.add("router '" + r.name() + "': expected at least one area, got none");
      }
    }
    for (NetworkSpec n : networks) {
      if (nodeKinds.put(n.name(), "network") != null) {
        out.add("duplicate node name '" + n.name() + "'");
      }
    }
    Map<String, LinkSpec> linksByName = new HashMap<>();
    for (LinkSpec l : links) {
      if (linksByName.put(l.name(), l) != null) {
        out.add("duplicate link name '" + l.name() + "'");
      }
      for (String end : List.of(l.a(), l.b())) {
        if (!nodeKinds.containsKey(end)) {
          out.add("link '" + l.name() + "': unknown node '" + end + "'");
        }
      }
      if (l.a().equals(l.b())) {
        out.add("link '" + l.name() + "': joins '" + l.a() + "' to itself");
      }
      if ("network".equals(nodeKinds.get(l.a())) && "network".equals(nodeKinds.get(l.b()))) {
        out.add("link '" + l.name() + "': joins two transit networks; expected at least one router end");
      }
      checkCost(out, "link '" + l.name() + "' cost a->b", l.costAb());
      checkCost(out, "link '" + l.name() + "' cost b->a", l.costBa());
    }
    Set<String> prefixKeys = new HashSet<>();
    for (PrefixSpec p : prefixes) {
      if (!"router".equals(nodeKinds.get(p.router()))) {
        out.add("prefix " + p.prefix() + ": unknown router '" + p.router() + "'");
      }
      if (!prefixKeys.add(p.prefix() + "@" + p.router())) {
        out.add("prefix " + p.prefix() + " is announced twice by '" + p.router() + "'");
      }
      checkCost(out, "prefix " + p.prefix() + " cost", p.cost());
    }
    Set<String> siteNames = new HashSet<>();
    for (SiteSpec s : sites) {
      if (!siteNames.add(s.name())) {
        out.add("duplicate site '" + s.name() + "'");
      }
      for (UplinkSpec u : s.uplinks()) {
        LinkSpec l = linksByName.get(u.link());
        if (l == null) {
          out.add("site '" + s.name() + "': uplink refers to unknown link '" + u.link() + "'");
        } else if (!u.insideNode().equals(l.a()) && !u.insideNode().equals(l.b())) {
          out.add("site '" + s.name() + "': uplink '" + u.link() + "' inside end '" + u.insideNode()
              + "' is not an end of the link; expected '" + l.a() + "' or '" + l.b() + "'");
        }
      }
    }
    for (String link : annotations.keySet()) {
      if (!linksByName.containsKey(link)) {
        out.add("annotation for unknown link '" + link + "'");
      }
    }
    interfaces.forEach((address, i) -> {
      LinkSpec l = linksByName.get(i.link());
      if (l == null) {
        out.add("interface " + address.getHostAddress() + ": unknown link '" + i.link() + "'");
      } else if (!i.router().equals(l.a()) && !i.router().equals(l.b())) {
        out.add("interface " + address.getHostAddress() + ": router '" + i.router() + "' is not an end of link '"
            + l.name() + "'; expected '" + l.a() + "' or '" + l.b() + "'");
      }
    });
    return out;
  }

  private static void checkCost(List<String> out, String what, int cost) {
    if (cost < 0 || cost > Link.MAX_COST) {
      out.add(what + ": expected 0.." + Link.MAX_COST + ", got " + cost);
    }
  }
}
