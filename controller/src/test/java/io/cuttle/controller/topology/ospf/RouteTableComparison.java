package io.cuttle.controller.topology.ospf;

import com.fasterxml.jackson.databind.JsonNode;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.ospf.OspfRoutes.Route;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.Prefix;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a router's own routing table ({@code show ip ospf route json}) with the routes the
 * controller computes for it. Network routes (intra-area, inter-area) must agree on cost and
 * next hops; E2 externals on the cost to the ASBR plus the external metric; router routes (ABRs,
 * ASBRs) on cost and next hops, except to an ABR that shares several areas with the router. In the other direction every prefix the controller reaches must be
 * in the router's table. Routes costing {@link Link#MAX_COST} or more only exist through the
 * max-metric listener (never used for transit) and are left out on both sides.
 */
public final class RouteTableComparison {
  private RouteTableComparison() {}

  /** Every disagreement, described; empty when the tables agree. */
  public static List<String> compare(String router, JsonNode frr, TopologySpec spec) {
    OspfRoutes mine = Specs.routes(spec);
    List<String> out = new ArrayList<>();
    Map<Prefix, Route> computed = mine.routesOf(router);
    Set<Prefix> seen = new TreeSet<>();
    Iterator<Map.Entry<String, JsonNode>> it = frr.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode r = e.getValue();
      String type = r.path("routeType").asText().trim();
      long cost = r.path("cost").asLong();
      if (cost >= Link.MAX_COST) {
        continue;
      }
      Set<String> hops = new TreeSet<>();
      boolean direct = false;
      for (JsonNode nh : r.path("nexthops")) {
        String ip = nh.path("ip").asText().trim();
        if (ip.isEmpty()) {
          direct = true;
        } else {
          hops.add(ip);
        }
      }
      if (type.equals("R")) {
        // FRR keeps a route per area to an ABR it shares several areas with but prints only one of
        // them: then the controller's (best over all areas) may be cheaper; otherwise they agree.
        Optional<Route> m = mine.routeToRouter(router, e.getKey());
        boolean oneOfSeveral = sharedAreas(spec, router, e.getKey()) > 1;
        boolean ok = m.isPresent() && (oneOfSeveral ? m.get().cost() <= cost
            : m.get().cost() == cost && m.get().nextHops().equals(hops));
        if (!ok) {
          out.add(router + " -> router " + e.getKey() + ": expected cost " + cost + " via " + hops
              + ", controller computed " + m.map(x -> "cost " + x.cost() + " via " + x.nextHops()).orElse("nothing"));
        }
        continue;
      }
      Prefix p = Prefix.parse(e.getKey());
      seen.add(p);
      long expected = type.equals("N E2") ? cost + r.path("type2cost").asLong() : cost;
      check(out, router + " -> " + p + " (" + type + ")", expected, hops, direct, computed.get(p));
    }
    computed.forEach((p, route) -> {
      if (!seen.contains(p) && route.cost() < Link.MAX_COST && !ownExternal(route)) {
        out.add(router + " -> " + p + ": controller reaches it at cost " + route.cost() + " via " + route.nextHops()
            + ", the router has no route");
      }
    });
    return out;
  }

  private static int sharedAreas(TopologySpec spec, String a, String b) {
    Set<String> areas = new TreeSet<>();
    spec.routers().stream().filter(r -> r.name().equals(a)).forEach(r -> areas.addAll(r.areas()));
    Set<String> other = new TreeSet<>();
    spec.routers().stream().filter(r -> r.name().equals(b)).forEach(r -> other.addAll(r.areas()));
    areas.retainAll(other);
    return areas.size();
  }

  /** An external the router redistributes itself: it has no OSPF route to it. */
  private static boolean ownExternal(Route r) {
    return r.area().equals(AreaGraphBuilder.EXTERNAL_AREA) && r.directlyAttached() && r.nextHops().isEmpty();
  }

  private static void check(List<String> out, String what, long cost, Set<String> hops, boolean direct, Route m) {
    if (m == null) {
      out.add(what + ": router has cost " + cost + " via " + hops + ", controller has no route");
      return;
    }
    if (m.cost() != cost || !m.nextHops().equals(hops) || m.directlyAttached() != direct) {
      out.add(what + ": expected cost " + cost + " via " + hops + (direct ? " + directly attached" : "")
          + ", controller computed cost " + m.cost() + " via " + m.nextHops()
          + (m.directlyAttached() ? " + directly attached" : ""));
    }
  }
}
