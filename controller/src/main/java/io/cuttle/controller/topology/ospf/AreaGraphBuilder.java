package io.cuttle.controller.topology.ospf;

import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.InterfaceSpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.NetworkSpec;
import io.cuttle.controller.topology.TopologySpec.PrefixSpec;
import io.cuttle.controller.topology.TopologySpec.RouterSpec;
import io.cuttle.controller.topology.ospf.lsa.Ipv4;
import io.cuttle.controller.topology.ospf.lsa.Lsa;
import io.cuttle.controller.topology.ospf.lsa.Lsa.ExternalLsa;
import io.cuttle.controller.topology.ospf.lsa.Lsa.LinkKind;
import io.cuttle.controller.topology.ospf.lsa.Lsa.NetworkLsa;
import io.cuttle.controller.topology.ospf.lsa.Lsa.RouterLink;
import io.cuttle.controller.topology.ospf.lsa.Lsa.RouterLsa;
import io.cuttle.controller.topology.ospf.lsa.Lsa.SummaryLsa;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.Prefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the area graph from an LSDB (RFC 2328 section 16 semantics, all areas in one graph):
 * <ul>
 *   <li>routers, named by router id text (an ABR appears once, with all its areas);
 *   <li>transit networks from network-LSAs, named {@code net:<DR interface address>}, joined to
 *       each attached router by a link {@code <router id>~net:<DR address>} (cost router to
 *       network from the router-LSA, 0 back);
 *   <li>point-to-point (and virtual) links that both ends announce, named
 *       {@code <lower router id>~<higher router id>@<lower end's interface address>} with the cost
 *       of each direction; parallel links are paired in order of interface address;
 *   <li>stub networks, inter-area summaries (type 3, attached to the announcing ABR at the summary
 *       metric) and AS-external prefixes (attached to the ASBR, or to the ABR announcing it in a
 *       type 4 summary, area {@value #EXTERNAL_AREA}).
 * </ul>
 * A prefix announced twice by one router keeps its intra-area entry, else its lowest cost.
 * Interface addresses from router-LSA link data fill {@link TopologySpec#interfaces()}.
 *
 * <p>All areas form one graph, so a path may change areas only where OSPF's summaries would let it:
 * <ul>
 *   <li>a type 3 summary is used only for a prefix no area in the database announces itself (an
 *       area the listener does not peer in); otherwise the graph already holds the real paths, and
 *       the ABR's own summary would look to the ABR like a directly attached prefix;
 *   <li>a stub router (RFC 6987: every link towards routers and networks at cost 65535, like the
 *       max-metric listener) never carries traffic between areas: its stub prefixes get cost
 *       65535 too, and its summaries (metric 0xff0000) are left out.
 * </ul>
 * With ABRs that summarise their areas' true distances (what RFC 2328 ABRs do) this gives the
 * routers' own costs and next hops; the lab's SPF comparison checks it.
 */
public final class AreaGraphBuilder {
  /** The area label of AS-external prefixes. */
  public static final String EXTERNAL_AREA = "external";

  private final List<String> notes = new ArrayList<>();
  private final Map<Integer, TreeSet<String>> routerAreas = new TreeMap<>(Integer::compareUnsigned);
  private final Map<String, NetworkSpec> networks = new TreeMap<>();
  private final Map<String, LinkSpec> links = new TreeMap<>();
  private final Map<String, PrefixSpec> prefixes = new TreeMap<>();
  private final Map<String, Boolean> intraPrefix = new HashMap<>();
  private final Map<InetAddress, InterfaceSpec> interfaces = new LinkedHashMap<>();
  private final java.util.Set<Prefix> intraPrefixes = new java.util.HashSet<>();

  private AreaGraphBuilder() {}

  public static AreaGraph build(List<LsdbEntry> lsdb) {
    AreaGraphBuilder b = new AreaGraphBuilder();
    List<LsdbEntry> sorted = new ArrayList<>(lsdb);
    sorted.sort(Comparator.comparingInt((LsdbEntry e) -> e.lsa().header().type())
        .thenComparing(e -> e.lsa().header().linkStateId(), Integer::compareUnsigned)
        .thenComparing(e -> e.lsa().header().advertisingRouter(), Integer::compareUnsigned)
        .thenComparing(LsdbEntry::area, Integer::compareUnsigned));
    return b.run(sorted);
  }

  private AreaGraph run(List<LsdbEntry> lsdb) {
    Map<String, RouterLsa> routerLsas = new HashMap<>();
    for (LsdbEntry e : lsdb) {
      if (e.lsa() instanceof RouterLsa r) {
        int rid = r.header().advertisingRouter();
        routerAreas.computeIfAbsent(rid, k -> new TreeSet<>()).add(Ipv4.text(e.area()));
        routerLsas.put(e.area() + "/" + rid, r);
      }
    }
    for (LsdbEntry e : lsdb) {
      if (e.lsa() instanceof NetworkLsa n) {
        network(e.area(), n, routerLsas);
      }
    }
    for (LsdbEntry e : lsdb) {
      if (e.lsa() instanceof RouterLsa r) {
        routerLinks(e.area(), r, routerLsas);
      }
    }
    for (LsdbEntry e : lsdb) {
      if (e.lsa() instanceof SummaryLsa s && s.header().type() == Lsa.SUMMARY) {
        summary(e.area(), s);
      }
    }
    for (LsdbEntry e : lsdb) {
      if (e.lsa() instanceof ExternalLsa x) {
        external(x, lsdb);
      }
    }
    List<RouterSpec> routers = new ArrayList<>();
    routerAreas.forEach((rid, areas) -> routers.add(new RouterSpec(Ipv4.text(rid), rid, areas)));
    TopologySpec spec = new TopologySpec(routers, List.copyOf(networks.values()), List.copyOf(links.values()),
        List.copyOf(prefixes.values()), List.of(), Map.of(), interfaces);
    return new AreaGraph(spec, notes);
  }

  public static String networkName(int drAddress) {
    return "net:" + Ipv4.text(drAddress);
  }

  private void network(int area, NetworkLsa n, Map<String, RouterLsa> routerLsas) {
    int len = Ipv4.maskLength(n.mask());
    String name = networkName(n.header().linkStateId());
    Prefix prefix = Ipv4.prefix(n.header().linkStateId(), len);
    networks.put(name, new NetworkSpec(name, prefix, Ipv4.text(area)));
    intraPrefixes.add(prefix);
    for (int rid : new TreeSet<>(n.attachedRouters())) {
      RouterLsa r = routerLsas.get(area + "/" + rid);
      RouterLink toNet = r == null ? null : r.links().stream()
          .filter(l -> l.kind() == LinkKind.TRANSIT && l.id() == n.header().linkStateId()).findFirst().orElse(null);
      if (toNet == null) {
        notes.add(name + ": attached router " + Ipv4.text(rid) + " announces no transit link to it yet; link left out");
        continue;
      }
      String linkName = Ipv4.text(rid) + "~" + name;
      links.put(linkName, new LinkSpec(linkName, Ipv4.text(rid), name, toNet.metric(), 0, LinkState.UP,
          Ipv4.text(area)));
      addInterface(toNet.data(), linkName, Ipv4.text(rid));
    }
  }

  /** RFC 6987: a router whose every router or network link costs 0xffff is never used for transit. */
  static boolean isStubRouter(RouterLsa r) {
    List<RouterLink> transit = r.links().stream().filter(l -> l.kind() != LinkKind.STUB).toList();
    return !transit.isEmpty() && transit.stream().allMatch(l -> l.metric() == Link.MAX_COST);
  }

  private void routerLinks(int area, RouterLsa r, Map<String, RouterLsa> routerLsas) {
    int rid = r.header().advertisingRouter();
    boolean stubRouter = isStubRouter(r);
    Map<String, Boolean> paired = new HashMap<>();
    for (RouterLink l : r.links()) {
      switch (l.kind()) {
        case STUB -> {
          int len = Ipv4.maskLength(l.data());
          if (len < 0) {
            notes.add("router " + Ipv4.text(rid) + ": stub mask: expected a contiguous mask, got "
                + Ipv4.text(l.data()) + "; ignored");
          } else {
            addPrefix(Ipv4.prefix(l.id(), len), rid, stubRouter ? Link.MAX_COST : l.metric(), Ipv4.text(area), true);
          }
        }
        case POINT_TO_POINT, VIRTUAL -> {
          if (Integer.compareUnsigned(rid, l.id()) < 0 && paired.put(l.kind() + "/" + l.id(), true) == null) {
            pointToPoint(area, r, l.kind(), routerLsas.get(area + "/" + l.id()));
          }
        }
        case TRANSIT -> { } // handled with the network-LSA
      }
    }
  }

  /** Pairs the links between {@code lo} and its neighbour (higher router id) that both announce. */
  private void pointToPoint(int area, RouterLsa lo, LinkKind kind, RouterLsa hi) {
    if (hi == null) {
      return; // the neighbour's router-LSA is not (yet) in this area's database
    }
    int loId = lo.header().advertisingRouter();
    int hiId = hi.header().advertisingRouter();
    List<RouterLink> loLinks = lo.links().stream().filter(l -> l.kind() == kind && l.id() == hiId)
        .sorted(Comparator.comparing(RouterLink::data, Integer::compareUnsigned)).toList();
    List<RouterLink> hiLinks = hi.links().stream().filter(l -> l.kind() == kind && l.id() == loId)
        .sorted(Comparator.comparing(RouterLink::data, Integer::compareUnsigned)).toList();
    int pairs = Math.min(loLinks.size(), hiLinks.size());
    if (loLinks.size() != hiLinks.size()) {
      notes.add(Ipv4.text(loId) + "~" + Ipv4.text(hiId) + ": " + loLinks.size() + " vs " + hiLinks.size()
          + " links announced by the two ends; " + pairs + " used");
    }
    for (int i = 0; i < pairs; i++) {
      RouterLink a = loLinks.get(i);
      RouterLink b = hiLinks.get(i);
      String name = (kind == LinkKind.VIRTUAL ? "vl:" : "") + Ipv4.text(loId) + "~" + Ipv4.text(hiId) + "@"
          + Ipv4.text(a.data());
      links.put(name, new LinkSpec(name, Ipv4.text(loId), Ipv4.text(hiId), a.metric(), b.metric(), LinkState.UP,
          Ipv4.text(area)));
      addInterface(a.data(), name, Ipv4.text(loId));
      addInterface(b.data(), name, Ipv4.text(hiId));
    }
  }

  private void summary(int area, SummaryLsa s) {
    int abr = s.header().advertisingRouter();
    int len = Ipv4.maskLength(s.mask());
    String what = "summary " + Ipv4.text(s.header().linkStateId()) + "/" + len + " from " + Ipv4.text(abr);
    if (s.metric() >= SummaryLsa.LS_INFINITY) {
      return;
    }
    if (s.metric() > Link.MAX_COST) {
      notes.add(what + ": metric " + s.metric() + " above " + Link.MAX_COST
          + " (a stub router's summary, never preferred); left out");
      return;
    }
    if (!routerAreas.containsKey(abr)) {
      notes.add(what + ": the ABR announces no router-LSA; left out");
      return;
    }
    Prefix p = Ipv4.prefix(s.header().linkStateId(), len);
    if (intraPrefixes.contains(p)) {
      return; // an area in the database announces it: the graph holds the real paths
    }
    addPrefix(Ipv4.prefix(s.header().linkStateId(), len), abr, s.metric(), Ipv4.text(area), false);
  }

  private void external(ExternalLsa x, List<LsdbEntry> lsdb) {
    int asbr = x.header().advertisingRouter();
    Prefix prefix = Ipv4.prefix(x.header().linkStateId(), Ipv4.maskLength(x.mask()));
    if (x.metric() >= SummaryLsa.LS_INFINITY) {
      return;
    }
    int via = asbr;
    long cost = x.metric();
    if (!routerAreas.containsKey(asbr)) {
      SummaryLsa best = null;
      for (LsdbEntry e : lsdb) {
        if (e.lsa() instanceof SummaryLsa s && s.header().type() == Lsa.ASBR_SUMMARY
            && s.header().linkStateId() == asbr && routerAreas.containsKey(s.header().advertisingRouter())
            && (best == null || s.metric() < best.metric())) {
          best = s;
        }
      }
      if (best == null) {
        notes.add("external " + prefix + " from " + Ipv4.text(asbr) + ": ASBR not reachable in any known area; left out");
        return;
      }
      via = best.header().advertisingRouter();
      cost += best.metric();
    }
    if (cost > Link.MAX_COST) {
      notes.add("external " + prefix + " from " + Ipv4.text(asbr) + ": cost " + cost + " capped at " + Link.MAX_COST);
      cost = Link.MAX_COST;
    }
    addPrefix(prefix, via, (int) cost, EXTERNAL_AREA, false);
  }

  private void addPrefix(Prefix p, int rid, int cost, String area, boolean intra) {
    String key = p + "@" + Ipv4.text(rid);
    PrefixSpec old = prefixes.get(key);
    boolean oldIntra = intraPrefix.getOrDefault(key, false);
    if (intra) {
      intraPrefixes.add(p);
    }
    if (old == null || (intra && !oldIntra) || (intra == oldIntra && cost < old.cost())) {
      prefixes.put(key, new PrefixSpec(p, Ipv4.text(rid), cost, area));
      intraPrefix.put(key, intra);
    }
  }

  private void addInterface(int address, String link, String router) {
    if ((address >>> 24) == 0) {
      return; // an unnumbered interface: link data is an interface index, not an address
    }
    interfaces.put(Ipv4.address(address), new InterfaceSpec(link, router));
  }
}
