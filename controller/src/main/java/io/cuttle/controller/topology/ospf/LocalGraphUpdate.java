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
import io.cuttle.controller.topology.ospf.lsa.Lsa.NetworkLsa;
import io.cuttle.controller.topology.ospf.lsa.Lsa.RouterLink;
import io.cuttle.controller.topology.ospf.lsa.Lsa.RouterLsa;
import io.cuttle.controller.topology.ospf.lsa.Lsa.SummaryLsa;
import io.cuttle.netstate.model.Prefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes what one LSA change does to the graph without rebuilding it: which parts of the graph
 * the change can touch (its scope), and those parts as a rebuild of the whole database would now
 * hold them. Every part of the graph is built from a few LSAs that the database finds by index:
 * <ul>
 *   <li>a router node and its areas: the router's own router-LSAs;
 *   <li>a link with a router {@code R} as an end: R's router-LSAs, those of the neighbours R names
 *       and the network-LSAs of the transit networks R names;
 *   <li>a link with a transit network {@code net:D} as an end, and the network node: the
 *       network-LSAs of D and the router-LSAs of the routers they list;
 *   <li>the entries of a prefix {@code p} (one per announcing router): the LSAs that announce p
 *       (router-LSA stubs, network-LSAs, summaries, externals), the router-LSAs of their originators
 *       (a summary or external counts only if its originator is in the graph) and, for externals,
 *       the ASBR-summaries of the ASBR and the router-LSAs of the ABRs that announce them.
 * </ul>
 * A router-LSA's scope is its router (node and links) and the prefixes its old and new copies
 * stub; one that appears or disappears also takes in the prefixes of the summaries and externals
 * its router originates (whether they count depends on the router being there). A network-LSA's
 * scope is its network and prefix; a summary's or external's its prefix; an ASBR-summary's the
 * prefixes of the ASBR's externals. {@link AreaGraphBuilder} over the LSAs of the scope alone
 * gives the scope's parts exactly as over the whole database.
 */
final class LocalGraphUpdate {
  /** What a change may touch: nodes whose links to recompute, routers, networks and prefixes. */
  record Scope(Set<String> nodes, Set<Integer> routers, Set<String> networks, Set<Prefix> prefixes) {
    boolean isEmpty() {
      return nodes.isEmpty() && routers.isEmpty() && networks.isEmpty() && prefixes.isEmpty();
    }
  }

  /**
   * The scope's parts as the whole graph now holds them: the links with an end in {@code
   * scope.nodes()}, the scope's routers and networks that exist, the entries of the scope's prefixes
   * and the interface addresses of the links.
   */
  record Parts(Scope scope, List<RouterSpec> routers, List<NetworkSpec> networks, List<LinkSpec> links,
      List<PrefixSpec> prefixes, Map<InetAddress, InterfaceSpec> interfaces) {}

  private LocalGraphUpdate() {}

  /** The scope of a change from {@code before} to {@code after} (either may be absent). */
  static Scope scope(LinkStateDatabase db, Optional<LsdbEntry> before, Optional<LsdbEntry> after) {
    Scope s = new Scope(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
    boolean appearsOrGoes = before.isPresent() != after.isPresent();
    for (Optional<LsdbEntry> e : List.of(before, after)) {
      e.ifPresent(x -> addScope(db, x.lsa(), appearsOrGoes, s));
    }
    return s;
  }

  private static void addScope(LinkStateDatabase db, Lsa lsa, boolean appearsOrGoes, Scope s) {
    int id = lsa.header().linkStateId();
    switch (lsa) {
      case RouterLsa r -> {
        int rid = r.header().advertisingRouter();
        s.nodes().add(Ipv4.text(rid));
        s.routers().add(rid);
        for (RouterLink l : r.links()) {
          if (l.kind() == Lsa.LinkKind.STUB) {
            LinkStateDatabase.prefixOf(l.id(), l.data()).ifPresent(s.prefixes()::add);
          }
        }
        if (appearsOrGoes) {
          for (LsdbEntry o : db.originatedBy(rid)) {
            originatedPrefixes(db, o.lsa(), s.prefixes());
          }
        }
      }
      case NetworkLsa n -> {
        s.nodes().add(AreaGraphBuilder.networkName(id));
        s.networks().add(AreaGraphBuilder.networkName(id));
        LinkStateDatabase.prefixOf(id, n.mask()).ifPresent(s.prefixes()::add);
      }
      case SummaryLsa x -> originatedPrefixes(db, x, s.prefixes());
      case ExternalLsa x -> originatedPrefixes(db, x, s.prefixes());
      case Lsa.Other o -> { }
    }
  }

  /** The prefixes whose entries a summary or external can change. */
  private static void originatedPrefixes(LinkStateDatabase db, Lsa lsa, Set<Prefix> out) {
    int id = lsa.header().linkStateId();
    switch (lsa) {
      case SummaryLsa x when x.header().type() == Lsa.ASBR_SUMMARY -> {
        for (LsdbEntry e : db.originatedBy(id)) {
          if (e.lsa() instanceof ExternalLsa ext) {
            LinkStateDatabase.prefixOf(ext.header().linkStateId(), ext.mask()).ifPresent(out::add);
          }
        }
      }
      case SummaryLsa x -> LinkStateDatabase.prefixOf(id, x.mask()).ifPresent(out::add);
      case ExternalLsa x -> LinkStateDatabase.prefixOf(id, x.mask()).ifPresent(out::add);
      default -> { }
    }
  }

  /**
   * The parts of {@code scope} as the database now gives them. {@code before} is the copy the
   * change replaced or removed: the neighbours and networks it named are in the scope too.
   */
  static Parts parts(LinkStateDatabase db, Scope scope, Optional<LsdbEntry> before) {
    Map<LsdbEntry, Boolean> lsas = new IdentityHashMap<>();
    List<LsdbEntry> around = new ArrayList<>();
    java.util.function.Consumer<List<LsdbEntry>> add = l -> l.forEach(e -> {
      if (lsas.put(e, Boolean.TRUE) == null) {
        around.add(e);
      }
    });
    List<Lsa> named = new ArrayList<>();
    before.ifPresent(b -> named.add(b.lsa()));
    for (int rid : scope.routers()) {
      List<LsdbEntry> own = db.routerLsas(rid);
      add.accept(own);
      own.forEach(e -> named.add(e.lsa()));
    }
    for (Lsa l : named) {
      neighbours(db, l, add);
    }
    for (String net : scope.networks()) {
      int dr = Ipv4.parse(net.substring("net:".length()));
      for (LsdbEntry n : db.networkLsas(dr)) {
        add.accept(List.of(n));
        ((NetworkLsa) n.lsa()).attachedRouters().forEach(r -> add.accept(db.routerLsas(r)));
      }
      before.filter(b -> b.lsa() instanceof NetworkLsa).ifPresent(b ->
          ((NetworkLsa) b.lsa()).attachedRouters().forEach(r -> add.accept(db.routerLsas(r))));
    }
    for (Prefix p : scope.prefixes()) {
      for (LsdbEntry e : db.announcing(p)) {
        add.accept(List.of(e));
        originators(db, e.lsa(), add);
      }
    }
    return select(AreaGraphBuilder.build(around).spec(), scope);
  }

  /** The router- and network-LSAs a router-LSA's links lead to. */
  private static void neighbours(LinkStateDatabase db, Lsa lsa, java.util.function.Consumer<List<LsdbEntry>> add) {
    if (!(lsa instanceof RouterLsa r)) {
      return;
    }
    for (RouterLink l : r.links()) {
      switch (l.kind()) {
        case POINT_TO_POINT, VIRTUAL -> add.accept(db.routerLsas(l.id()));
        case TRANSIT -> add.accept(db.networkLsas(l.id()));
        case STUB -> { }
      }
    }
  }

  /** What decides whether a summary or external counts: its originator, and the ASBR's summaries. */
  private static void originators(LinkStateDatabase db, Lsa lsa, java.util.function.Consumer<List<LsdbEntry>> add) {
    if (lsa instanceof SummaryLsa || lsa instanceof ExternalLsa) {
      add.accept(db.routerLsas(lsa.header().advertisingRouter()));
    }
    if (lsa instanceof ExternalLsa x) {
      for (LsdbEntry s : db.asbrSummaries(x.header().advertisingRouter())) {
        add.accept(List.of(s));
        add.accept(db.routerLsas(s.lsa().header().advertisingRouter()));
      }
    }
  }

  private static Parts select(TopologySpec local, Scope scope) {
    List<LinkSpec> links = local.links().stream()
        .filter(l -> scope.nodes().contains(l.a()) || scope.nodes().contains(l.b())).toList();
    Set<String> linkNames = new HashSet<>();
    links.forEach(l -> linkNames.add(l.name()));
    Map<InetAddress, InterfaceSpec> interfaces = new LinkedHashMap<>();
    local.interfaces().forEach((a, i) -> {
      if (linkNames.contains(i.link())) {
        interfaces.put(a, i);
      }
    });
    Set<String> routerNames = new HashSet<>();
    scope.routers().forEach(r -> routerNames.add(Ipv4.text(r)));
    return new Parts(scope,
        local.routers().stream().filter(r -> routerNames.contains(r.name())).toList(),
        local.networks().stream().filter(n -> scope.networks().contains(n.name())).toList(),
        links,
        local.prefixes().stream().filter(p -> scope.prefixes().contains(p.prefix())).toList(),
        Collections.unmodifiableMap(interfaces));
  }
}
