package io.cuttle.controller.topology.ospf;

import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.PrefixSpec;
import io.cuttle.controller.topology.ospf.lsa.Ipv4;
import io.cuttle.controller.topology.ospf.lsa.Lsa.RouterLink;
import io.cuttle.controller.topology.ospf.lsa.Lsa.RouterLsa;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises the most common real change, a router-LSA that changes only the metrics of its links
 * (an interface cost: the point-to-point link and its subnet's stub move together), and computes
 * what it changes without rebuilding the whole graph. When the router's neighbours, networks,
 * interface addresses, stub networks and stub-router status are as before, only the costs of links
 * with the router as an end and of the router's own stub prefixes can change. Every LSA such a link
 * is built from is the router's own, a neighbour's router-LSA or the network-LSA of one of its
 * transit networks; a stub prefix's intra-area entry is chosen among the router's own router-LSAs
 * and always wins over summaries and externals. {@link AreaGraphBuilder} over those LSAs alone gives
 * these links and prefixes exactly as over the whole database. Anything else is structural and left
 * to a full rebuild.
 */
final class LocalLinkUpdate {
  /** Why a change needs the whole graph rebuilt. */
  enum Structural {
    NOT_A_REPLACED_ROUTER_LSA,
    LINKS_ADDED_REMOVED_OR_RENUMBERED,
    STUB_ROUTER_STATUS_CHANGED
  }

  /** The outcome: the links with the router as an end, rebuilt, or why that is not enough. */
  sealed interface Result {
    /**
     * The links that end at {@code router} (by name) and the router's own stub prefixes as the
     * whole graph would now hold them.
     */
    record Links(String router, List<LinkSpec> links, List<PrefixSpec> prefixes) implements Result {}

    record Rebuild(Structural why) implements Result {}
  }

  private LocalLinkUpdate() {}

  static Result of(LinkStateDatabase db, LinkStateDatabase.Applied applied) {
    if (applied.outcome() != LinkStateDatabase.Outcome.REPLACED
        || !(applied.previous().map(LsdbEntry::lsa).orElse(null) instanceof RouterLsa before)
        || !(applied.installed().map(LsdbEntry::lsa).orElse(null) instanceof RouterLsa after)) {
      return new Result.Rebuild(Structural.NOT_A_REPLACED_ROUTER_LSA);
    }
    Optional<Structural> why = compare(before, after);
    if (why.isPresent()) {
      return new Result.Rebuild(why.get());
    }
    int rid = after.header().advertisingRouter();
    Set<Integer> neighbours = new LinkedHashSet<>();
    Set<Integer> networks = new LinkedHashSet<>();
    for (RouterLink l : after.links()) {
      switch (l.kind()) {
        case POINT_TO_POINT, VIRTUAL -> {
          if (l.id() != rid) {
            neighbours.add(l.id());
          }
        }
        case TRANSIT -> networks.add(l.id());
        case STUB -> { }
      }
    }
    List<LsdbEntry> around = new ArrayList<>(db.routerLsas(rid));
    neighbours.forEach(n -> around.addAll(db.routerLsas(n)));
    networks.forEach(n -> around.addAll(db.networkLsas(n)));
    String name = Ipv4.text(rid);
    TopologySpec local = AreaGraphBuilder.build(around).spec();
    List<LinkSpec> links = local.links().stream().filter(l -> l.a().equals(name) || l.b().equals(name)).toList();
    List<PrefixSpec> prefixes = local.prefixes().stream().filter(p -> p.router().equals(name)).toList();
    return new Result.Links(name, links, prefixes);
  }

  /** Empty if the two copies differ in nothing but the metrics of links to routers and networks. */
  private static Optional<Structural> compare(RouterLsa before, RouterLsa after) {
    if (before.links().size() != after.links().size()) {
      return Optional.of(Structural.LINKS_ADDED_REMOVED_OR_RENUMBERED);
    }
    for (int i = 0; i < before.links().size(); i++) {
      RouterLink x = before.links().get(i);
      RouterLink y = after.links().get(i);
      if (x.kind() != y.kind() || x.id() != y.id() || x.data() != y.data()) {
        return Optional.of(Structural.LINKS_ADDED_REMOVED_OR_RENUMBERED);
      }
    }
    if (AreaGraphBuilder.isStubRouter(before) != AreaGraphBuilder.isStubRouter(after)) {
      return Optional.of(Structural.STUB_ROUTER_STATUS_CHANGED);
    }
    return Optional.empty();
  }
}
