package io.cuttle.controller.topology.ospf;

import com.fasterxml.jackson.databind.JsonNode;
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
 * ASBRs) on cost, with the router's next hops among the controller's. In the other direction every prefix the controller reaches must be
 * in the router's table. Routes costing {@link Link#MAX_COST} or more only exist through the
 * max-metric listener (never used for transit) and are left out on both sides.
 */
public final class RouteTableComparison {
  private RouteTableComparison() {}

  /** Every disagreement, described; empty when the tables agree. */
  public static List<String> compare(String router, JsonNode frr, OspfRoutes mine) {
    List<String> out = new ArrayList<>();
    Map<Prefix, Route> computed = mine.routesOf(router);
    Set<Prefix> seen = new TreeSet<>();
    Iterator<Map.Entry<String, JsonNode>> it = frr.fields();
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
        // FRR prints one route per router although an ABR has one per shared area: the cost is the
        // best over all, the next hops those of the printed area (a subset of the controller's).
        Optional<Route> m = mine.routeToRouter(router, e.getKey());
        if (m.isEmpty() || m.get().cost() != cost || !m.get().nextHops().containsAll(hops)) {
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
