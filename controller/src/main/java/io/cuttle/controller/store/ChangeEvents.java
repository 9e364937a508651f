package io.cuttle.controller.store;

import io.cuttle.controller.topology.SpecChange;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.NetworkSpec;
import io.cuttle.controller.topology.TopologySpec.PrefixSpec;
import io.cuttle.controller.topology.TopologySpec.RouterSpec;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Node;
import io.cuttle.netstate.model.Router;
import io.cuttle.netstate.model.StubPrefix;
import io.cuttle.netstate.model.TransitNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The events of a {@link SpecChange} against the current state, found by name through a {@link
 * NameIndex} (no description of the whole network is compared), in an order every intermediate
 * version is valid in: prefix removals, link removals, node removals, nodes added or redescribed,
 * links added, link costs, prefixes added. A prefix whose cost changes is removed and added again
 * (what a whole-spec diff does too). Whatever does not fit the state (an unknown name, a link's
 * ends, a state or area that differs for a cost change, a cost out of range) is a problem; the
 * store then commits nothing.
 */
final class ChangeEvents {
  private final NetworkState state;
  private final NameIndex names;
  private final IntSupplier ids;
  private final List<String> problems = new ArrayList<>();
  private final List<TopologyEvent> removals = new ArrayList<>();
  private final List<TopologyEvent> additions = new ArrayList<>();
  private final List<TopologyEvent> costs = new ArrayList<>();
  private final List<StubPrefix> prefixesToAdd = new ArrayList<>();
  /** Ids of the nodes this change adds or redescribes, by name. */
  private final Map<String, Integer> upserted = new HashMap<>();

  private ChangeEvents(NetworkState state, NameIndex names, IntSupplier ids) {
    this.state = state;
    this.names = names;
    this.ids = ids;
  }

  /** The events, or the problems (then no id was drawn from {@code ids} that matters). */
  static Result of(NetworkState state, NameIndex names, IntSupplier ids, SpecChange.Structure structure,
      List<LinkSpec> linkCosts, List<PrefixSpec> prefixCosts) {
    ChangeEvents c = new ChangeEvents(state, names, ids);
    c.run(structure, linkCosts, prefixCosts);
    if (!c.problems.isEmpty()) {
      return new Result(List.of(), c.problems);
    }
    List<TopologyEvent> all = new ArrayList<>(c.removals);
    all.addAll(c.additions);
    all.addAll(c.costs);
    c.prefixesToAdd.forEach(p -> all.add(new TopologyEvent.PrefixAdded(p)));
    return new Result(all, List.of());
  }

  /** Events in commit order, or the problems that prevent the change. */
  record Result(List<TopologyEvent> events, List<String> problems) {}

  private void run(SpecChange.Structure s, List<LinkSpec> linkCosts, List<PrefixSpec> prefixCosts) {
    for (PrefixSpec p : s.prefixesRemoved()) {
      StubPrefix old = names.prefix(state, key(p));
      if (old == null) {
        problems.add("prefix " + key(p) + ": expected a prefix of version " + state.version() + ", got none");
      } else {
        removals.add(new TopologyEvent.PrefixRemoved(old.id()));
      }
    }
    prefixCosts.forEach(this::prefixCost);
    for (String name : s.linksRemoved()) {
      Link l = names.link(state, name);
      if (l == null) {
        problems.add("link '" + name + "': expected a link of version " + state.version() + ", got none");
      } else {
        removals.add(new TopologyEvent.LinkRemoved(l.id()));
      }
    }
    List<String> nodesRemoved = new ArrayList<>(s.routersRemoved());
    nodesRemoved.addAll(s.networksRemoved());
    for (String name : nodesRemoved) {
      Node n = names.node(state, name);
      if (n == null) {
        problems.add("node '" + name + "': expected a node of version " + state.version() + ", got none");
      } else {
        removals.add(new TopologyEvent.NodeRemoved(n.id()));
      }
    }
    s.routersUpserted().forEach(this::router);
    s.networksUpserted().forEach(this::network);
    s.linksAdded().forEach(this::linkAdded);
    for (LinkSpec l : linkCosts) {
      linkCost(l);
    }
    for (PrefixSpec p : s.prefixesAdded()) {
      Integer router = nodeId(p.router(), "prefix " + key(p) + " router");
      if (router != null && checkCost("prefix " + key(p), p.cost())) {
        prefixesToAdd.add(new StubPrefix(ids.getAsInt(), p.prefix(), router, p.cost(), p.area()));
      }
    }
  }

  private static String key(PrefixSpec p) {
    return p.prefix() + "@" + p.router();
  }

  private void prefixCost(PrefixSpec p) {
    StubPrefix old = names.prefix(state, key(p));
    if (old == null || !old.area().equals(p.area()) || outOfRange(p.cost())) {
      problems.add("prefix " + key(p) + ": expected a prefix of version " + state.version() + " in area "
          + p.area() + " and a cost 0.." + Link.MAX_COST + ", got " + (old == null ? "none" : "area " + old.area())
          + " and cost " + p.cost());
    } else if (old.cost() != p.cost()) {
      removals.add(new TopologyEvent.PrefixRemoved(old.id()));
      prefixesToAdd.add(new StubPrefix(ids.getAsInt(), old.prefix(), old.router(), p.cost(), old.area()));
    }
  }

  private void router(RouterSpec r) {
    Node old = names.node(state, r.name());
    int id = old == null ? ids.getAsInt() : old.id();
    additions.add(new TopologyEvent.RouterAdded(new Router(id, r.name(), r.routerId(), r.areas())));
    upserted.put(r.name(), id);
  }

  private void network(NetworkSpec n) {
    Node old = names.node(state, n.name());
    int id = old == null ? ids.getAsInt() : old.id();
    additions.add(new TopologyEvent.NetworkAdded(new TransitNetwork(id, n.name(), n.prefix(), n.area())));
    upserted.put(n.name(), id);
  }

  private Integer nodeId(String name, String what) {
    Integer id = upserted.get(name);
    if (id == null) {
      Node n = names.node(state, name);
      id = n == null ? null : n.id();
    }
    if (id == null) {
      problems.add(what + ": expected a node of version " + state.version() + " or of the change, got '" + name
          + "'");
    }
    return id;
  }

  private void linkAdded(LinkSpec s) {
    Integer a = nodeId(s.a(), "link '" + s.name() + "' end a");
    Integer b = nodeId(s.b(), "link '" + s.name() + "' end b");
    if (a != null && b != null && checkCost("link '" + s.name() + "'", s.costAb())
        && checkCost("link '" + s.name() + "'", s.costBa())) {
      additions.add(new TopologyEvent.LinkAdded(new Link(ids.getAsInt(), s.name(), a, b, s.costAb(), s.costBa(),
          s.state(), s.area())));
    }
  }

  private void linkCost(LinkSpec s) {
    Link l = names.link(state, s.name());
    if (l == null) {
      problems.add("link '" + s.name() + "': expected a link of version " + state.version() + ", got none");
      return;
    }
    String a = state.nodes().get(l.a()).name();
    String b = state.nodes().get(l.b()).name();
    boolean flipped = !a.equals(s.a());
    if (!(a.equals(s.a()) && b.equals(s.b())) && !(a.equals(s.b()) && b.equals(s.a()))) {
      problems.add("link '" + s.name() + "': expected ends '" + a + "' and '" + b + "', got '" + s.a() + "' and '"
          + s.b() + "'");
    } else if (l.state() != s.state() || !l.area().equals(s.area())) {
      problems.add("link '" + s.name() + "': expected state " + l.state() + " in area " + l.area() + ", got "
          + s.state() + " in area " + s.area());
    } else if (checkCost("link '" + s.name() + "'", s.costAb()) && checkCost("link '" + s.name() + "'", s.costBa())) {
      int ab = flipped ? s.costBa() : s.costAb();
      int ba = flipped ? s.costAb() : s.costBa();
      if (ab != l.costAb() || ba != l.costBa()) {
        costs.add(new TopologyEvent.LinkCostChanged(l.id(), ab, ba));
      }
    }
  }

  private boolean checkCost(String what, int cost) {
    if (outOfRange(cost)) {
      problems.add(what + " cost: expected 0.." + Link.MAX_COST + ", got " + cost);
      return false;
    }
    return true;
  }

  private static boolean outOfRange(int cost) {
    return cost < 0 || cost > Link.MAX_COST;
  }
}
