package io.cuttle.controller.topology.ospf;

import io.cuttle.controller.topology.TopologySpec.InterfaceSpec;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Node;
import io.cuttle.netstate.model.Prefix;
import io.cuttle.netstate.model.Router;
import io.cuttle.netstate.model.StubPrefix;
import io.cuttle.netstate.model.TransitNetwork;
import io.cuttle.netstate.path.Endpoint;
import io.cuttle.netstate.path.Hop;
import io.cuttle.netstate.path.NetworkPaths;
import io.cuttle.netstate.path.Path;
import io.cuttle.netstate.path.PathSet;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A router's routing table as the controller computes it from a state version, in the terms a
 * router prints it ({@code show ip ospf route}): per destination prefix the cost and the next-hop
 * addresses (the neighbour's interface address on the first link), or "directly attached".
 * Computed with {@link NetworkPaths}; next-hop addresses come from the interface addresses the
 * OSPF provider learnt from router-LSA link data.
 */
public final class OspfRoutes {
  /**
   * One route.
   *
   * @param nextHops         neighbour interface addresses (text), sorted; empty when directly attached
   * @param directlyAttached true when some equal-cost path leaves through no router
   * @param area             area of the destination ({@link AreaGraphBuilder#EXTERNAL_AREA} for externals)
   */
  public record Route(Prefix prefix, long cost, Set<String> nextHops, boolean directlyAttached, String area) {
    public Route {
      nextHops = Collections.unmodifiableSet(new TreeSet<>(nextHops));
    }
  }

  private final NetworkState state;
  private final NetworkPaths paths;
  private final Map<String, InetAddress> addressByLinkAndRouter = new HashMap<>();

  public OspfRoutes(NetworkState state, Map<InetAddress, InterfaceSpec> interfaces) {
    this.state = state;
    this.paths = new NetworkPaths(state);
    interfaces.forEach((addr, i) -> addressByLinkAndRouter.put(i.link() + "|" + i.router(), addr));
  }

  /** The routes of router {@code routerName} to every reachable prefix (stub, summary, external, transit). */
  public Map<Prefix, Route> routesOf(String routerName) {
    Optional<Router> r = router(routerName);
    if (r.isEmpty()) {
      return Map.of();
    }
    Map<Prefix, List<Endpoint>> endpoints = new TreeMap<>();
    for (StubPrefix p : state.prefixes().values()) {
      endpoints.computeIfAbsent(p.prefix(), k -> new ArrayList<>()).add(Endpoint.stub(p.id()));
    }
    for (Node n : state.nodes().values()) {
      if (n instanceof TransitNetwork t) {
        endpoints.computeIfAbsent(t.prefix(), k -> new ArrayList<>()).add(Endpoint.network(t.id()));
      }
    }
    Map<Prefix, Route> out = new TreeMap<>();
    endpoints.forEach((prefix, eps) -> route(r.get().id(), prefix, eps).ifPresent(rt -> out.put(prefix, rt)));
    return out;
  }

  /** The route from one router to another router (its cost and next hops), if reachable. */
  public Optional<Route> routeToRouter(String from, String to) {
    Optional<Router> a = router(from);
    Optional<Router> b = router(to);
    if (a.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    // A router's node id is a valid path destination: the endpoint kind only selects the vertex.
    return route(a.get().id(), Prefix.parse(b.get().routerIdText() + "/32"), List.of(Endpoint.network(b.get().id())));
  }

  private Optional<Router> router(String name) {
    return state.nodes().values().stream().filter(n -> n instanceof Router && n.name().equals(name))
        .map(Router.class::cast).findFirst();
  }

  private Optional<Route> route(int from, Prefix prefix, List<Endpoint> endpoints) {
    long best = Long.MAX_VALUE;
    String area = "";
    List<Path> bestPaths = new ArrayList<>();
    for (Endpoint e : endpoints) {
      PathSet ps = paths.fromNode(from, e);
      if (!ps.reachable() || ps.cost() > best) {
        continue;
      }
      if (ps.cost() < best) {
        best = ps.cost();
        bestPaths.clear();
        area = areaOf(e);
      }
      bestPaths.addAll(ps.paths());
    }
    if (bestPaths.isEmpty()) {
      return Optional.empty();
    }
    Set<String> nextHops = new TreeSet<>();
    boolean direct = false;
    for (Path p : bestPaths) {
      Optional<InetAddress> nh = nextHop(p.hops());
      if (nh.isPresent()) {
        nextHops.add(nh.get().getHostAddress());
      } else {
        direct = true;
      }
    }
    return Optional.of(new Route(prefix, best, nextHops, direct, area));
  }

  private String areaOf(Endpoint e) {
    if (e.kind() == Endpoint.Kind.STUB_PREFIX) {
      return state.prefixes().get(e.id()).area();
    }
    return state.nodes().get(e.id()) instanceof TransitNetwork t ? t.area() : "";
  }

  /** The first router after the source: its interface address on the link that reaches it. */
  private Optional<InetAddress> nextHop(List<Hop> hops) {
    if (hops.isEmpty()) {
      return Optional.empty();
    }
    Hop first = hops.get(0);
    Node to = state.nodes().get(first.to());
    if (to instanceof TransitNetwork) {
      if (hops.size() == 1) {
        return Optional.empty();
      }
      first = hops.get(1);
      to = state.nodes().get(first.to());
    }
    Link link = state.links().get(first.link());
    return Optional.ofNullable(addressByLinkAndRouter.get(link.name() + "|" + to.name()));
  }
}
