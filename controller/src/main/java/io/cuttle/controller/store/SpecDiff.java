package io.cuttle.controller.store;

import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.NetworkSpec;
import io.cuttle.controller.topology.TopologySpec.PrefixSpec;
import io.cuttle.controller.topology.TopologySpec.RouterSpec;
import io.cuttle.controller.topology.TopologySpec.SiteSpec;
import io.cuttle.controller.topology.TopologySpec.UplinkSpec;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.AnnotationPatch;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Node;
import io.cuttle.netstate.model.Router;
import io.cuttle.netstate.model.Site;
import io.cuttle.netstate.model.StubPrefix;
import io.cuttle.netstate.model.TransitNetwork;
import io.cuttle.netstate.model.Uplink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Computes the events that turn a state into the one a {@link TopologySpec} describes, in an
 * order every intermediate version is valid in: removals that references depend on first
 * (sites, prefixes, links, nodes), then nodes, links, prefixes, sites and one annotation round.
 * A site that the spec keeps is never removed on the way: if it loses an uplink, it is first
 * changed to the uplinks that survive, so every intermediate version still holds it.
 * Entities keep their ids while their identity (name and ends) is unchanged.
 */
final class SpecDiff {
  private final NetworkState from;
  private final TopologySpec to;
  private final IntSupplier ids;
  private final Instant now;
  private final AnnotationHandling annotations;
  private final List<TopologyEvent> events = new ArrayList<>();
  private final Map<String, Integer> nodeIds = new HashMap<>();
  private final Map<String, Integer> linkIds = new HashMap<>();

  private SpecDiff(NetworkState from, TopologySpec to, IntSupplier ids, Instant now, AnnotationHandling annotations) {
    this.from = from;
    this.to = to;
    this.ids = ids;
    this.now = now;
    this.annotations = annotations;
  }

  /** The events, in commit order; {@code ids} allocates ids for new entities. */
  static List<TopologyEvent> between(NetworkState from, TopologySpec to, IntSupplier ids, Instant now,
      AnnotationHandling annotations) {
    SpecDiff d = new SpecDiff(from, to, ids, now, annotations);
    d.run();
    return d.events;
  }

  private void run() {
    Map<String, RouterSpec> routers = index(to.routers(), RouterSpec::name);
    Map<String, NetworkSpec> networks = index(to.networks(), NetworkSpec::name);
    Map<String, LinkSpec> links = index(to.links(), LinkSpec::name);

    // Which existing links survive with the same identity (same name, same ends).
    Set<Integer> survivingLinks = new HashSet<>();
    for (Link l : from.links().values()) {
      LinkSpec s = links.get(l.name());
      if (s != null && sameEnds(l, s) && l.area().equals(s.area())) {
        survivingLinks.add(l.id());
      }
    }
    Set<Integer> survivingNodes = new HashSet<>();
    for (Node n : from.nodes().values()) {
      boolean kept = switch (n) {
        case Router r -> routers.containsKey(r.name());
        case TransitNetwork t -> networks.containsKey(t.name());
      };
      if (kept) {
        survivingNodes.add(n.id());
      }
    }

    for (Link l : from.links().values()) {
      if (!survivingNodes.contains(l.a()) || !survivingNodes.contains(l.b())) {
        survivingLinks.remove(l.id());
      }
    }

    // 1. Removals, dependents first. A site that stays but loses an uplink is changed, never removed
    // and added again, so that no intermediate version lacks it.
    Map<String, SiteSpec> sites = index(to.sites(), SiteSpec::name);
    Map<String, Site> interimSites = new HashMap<>();
    for (Site s : from.sites().values()) {
      if (!sites.containsKey(s.name())) {
        events.add(new TopologyEvent.SiteRemoved(s.name()));
      } else if (s.uplinks().stream().anyMatch(u -> !survivingLinks.contains(u.link()))) {
        Site interim = new Site(s.name(), s.prefixes(),
            s.uplinks().stream().filter(u -> survivingLinks.contains(u.link())).toList());
        events.add(new TopologyEvent.SiteChanged(interim));
        interimSites.put(s.name(), interim);
      }
    }
    Map<String, StubPrefix> keptPrefixes = new HashMap<>();
    Set<String> wantedPrefixes = new HashSet<>();
    Map<String, PrefixSpec> wantedByKey = new HashMap<>();
    to.prefixes().forEach(p -> {
      wantedPrefixes.add(prefixKey(p));
      wantedByKey.putIfAbsent(prefixKey(p), p); // the first match, as a scan would find it
    });
    for (StubPrefix p : from.prefixes().values()) {
      String router = from.node(p.router()).map(Node::name).orElse("?");
      PrefixSpec match = wantedByKey.get(p.prefix() + "@" + router);
      boolean same = match != null && survivingNodes.contains(p.router()) && match.cost() == p.cost()
          && match.area().equals(p.area());
      if (same) {
        keptPrefixes.put(prefixKey(match), p);
      } else {
        events.add(new TopologyEvent.PrefixRemoved(p.id()));
      }
    }
    for (Link l : from.links().values()) {
      if (!survivingLinks.contains(l.id())) {
        events.add(new TopologyEvent.LinkRemoved(l.id()));
      }
    }
    for (Node n : from.nodes().values()) {
      if (!survivingNodes.contains(n.id())) {
        events.add(new TopologyEvent.NodeRemoved(n.id()));
      } else {
        nodeIds.put(n.name(), n.id());
      }
    }

    // 2. Nodes: new ones get ids; changed ones are upserted under their id.
    for (RouterSpec r : to.routers()) {
      Integer id = nodeIds.get(r.name());
      Router want = new Router(id == null ? ids.getAsInt() : id, r.name(), r.routerId(), r.areas());
      if (id == null || !from.nodes().get(id).equals(want)) {
        events.add(new TopologyEvent.RouterAdded(want));
      }
      nodeIds.put(r.name(), want.id());
    }
    for (NetworkSpec n : to.networks()) {
      Integer id = nodeIds.get(n.name());
      TransitNetwork want = new TransitNetwork(id == null ? ids.getAsInt() : id, n.name(), n.prefix(), n.area());
      if (id == null || !from.nodes().get(id).equals(want)) {
        events.add(new TopologyEvent.NetworkAdded(want));
      }
      nodeIds.put(n.name(), want.id());
    }

    // 3. Links: new ones added; surviving ones get cost and state events.
    for (LinkSpec s : to.links()) {
      Link existing = from.linkNamed(s.name()).filter(l -> survivingLinks.contains(l.id())).orElse(null);
      int a = nodeIds.get(s.a());
      int b = nodeIds.get(s.b());
      if (existing == null) {
        Link l = new Link(ids.getAsInt(), s.name(), a, b, s.costAb(), s.costBa(), s.state(), s.area());
        events.add(new TopologyEvent.LinkAdded(l));
        linkIds.put(s.name(), l.id());
        continue;
      }
      linkIds.put(s.name(), existing.id());
      boolean flipped = existing.a() != a;
      int costAb = flipped ? s.costBa() : s.costAb();
      int costBa = flipped ? s.costAb() : s.costBa();
      if (existing.costAb() != costAb || existing.costBa() != costBa) {
        events.add(new TopologyEvent.LinkCostChanged(existing.id(), costAb, costBa));
      }
      if (existing.state() != s.state()) {
        events.add(new TopologyEvent.LinkStateChanged(existing.id(), s.state()));
      }
    }

    // 4. Prefixes.
    for (PrefixSpec p : to.prefixes()) {
      if (!keptPrefixes.containsKey(prefixKey(p))) {
        events.add(new TopologyEvent.PrefixAdded(
            new StubPrefix(ids.getAsInt(), p.prefix(), nodeIds.get(p.router()), p.cost(), p.area())));
      }
    }

    // 5. Sites.
    for (SiteSpec s : to.sites()) {
      List<Uplink> uplinks = new ArrayList<>();
      for (UplinkSpec u : s.uplinks()) {
        uplinks.add(new Uplink(linkIds.get(u.link()), nodeIds.get(u.insideNode())));
      }
      Site want = new Site(s.name(), s.prefixes(), uplinks);
      Site have = interimSites.getOrDefault(s.name(), from.sites().get(s.name()));
      if (!want.equals(have)) {
        events.add(new TopologyEvent.SiteChanged(want));
      }
    }

    // 6. One annotation round with what changed.
    if (annotations == AnnotationHandling.LEFT_OUT) {
      return;
    }
    List<AnnotationPatch> patches = new ArrayList<>();
    for (LinkSpec s : to.links()) {
      int id = linkIds.get(s.name());
      Link existing = from.links().get(id);
      LinkAnnotation before = existing == null ? LinkAnnotation.EMPTY : from.annotation(id);
      LinkAnnotation after = AnnotationTargets.oriented(to.annotations().getOrDefault(s.name(), LinkAnnotation.EMPTY),
          existing != null && existing.a() != nodeIds.get(s.a()));
      AnnotationTargets.patch(id, before, after, now).ifPresent(patches::add);
    }
    if (!patches.isEmpty()) {
      events.add(new TopologyEvent.AnnotationsUpdated(now, patches));
    }
  }

  private boolean sameEnds(Link l, LinkSpec s) {
    String a = from.node(l.a()).map(Node::name).orElse("");
    String b = from.node(l.b()).map(Node::name).orElse("");
    return (a.equals(s.a()) && b.equals(s.b())) || (a.equals(s.b()) && b.equals(s.a()));
  }

  private static String prefixKey(PrefixSpec p) {
    return p.prefix() + "@" + p.router();
  }

  private static <T> Map<String, T> index(List<T> items, java.util.function.Function<T, String> key) {
    Map<String, T> m = new HashMap<>();
    items.forEach(i -> m.put(key.apply(i), i));
    return m;
  }
}
