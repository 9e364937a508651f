package io.cuttle.netstate.path;

import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Node;
import io.cuttle.netstate.model.Prefix;
import io.cuttle.netstate.model.Site;
import io.cuttle.netstate.model.StubPrefix;
import io.cuttle.netstate.model.TransitNetwork;
import io.cuttle.netstate.model.Uplink;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.ShortestPathAlgorithm.SingleSourcePaths;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DirectedWeightedMultigraph;

/**
 * Path queries a host answers locally from one {@link NetworkState} version: equal-cost shortest
 * paths from a prefix to a prefix or site, whether they cross a link, and a site's uplink load.
 *
 * <p>OSPF semantics: links that are down are not used; a stub prefix is reached from its router
 * at the prefix's cost and is never transit; leaving a transit network towards a router costs 0.
 * Results per source are cached for the lifetime of the state version, and a version derived
 * from an earlier one ({@link #derive}) takes over the trees the change cannot affect.
 */
public final class NetworkPaths {
  /** At most this many equal-cost paths are enumerated per query. */
  public static final int MAX_PATHS = 64;

  private final NetworkState state;
  private final Graph<Integer, Arc> graph;
  private final Map<Integer, SingleSourcePaths<Integer, Arc>> bySource = new ConcurrentHashMap<>();
  private final int reusedTrees;

  /** A directed arc; {@code link} is -1 for the arcs that attach a stub prefix to its router. */
  private record Arc(int from, int to, int cost, int link, int serial) {}

  public NetworkPaths(NetworkState state) {
    this(state, null);
  }

  /**
   * Paths over {@code state}, reusing the shortest-path trees {@code previous} has computed that
   * the changes between the two states cannot affect (a dearer or vanished arc on no shortest
   * path; a cheaper or new arc that beats no distance). Trees the changes may affect are
   * recomputed when first queried. Results are identical to {@code new NetworkPaths(state)}.
   */
  public static NetworkPaths derive(NetworkPaths previous, NetworkState state) {
    return new NetworkPaths(state, previous);
  }

  private NetworkPaths(NetworkState state, NetworkPaths previous) {
    this.state = state;
    this.graph = build(state);
    int reused = 0;
    if (previous != null && !previous.bySource.isEmpty()) {
      List<ArcChange> changes = ArcChange.between(previous.state, state);
      for (Map.Entry<Integer, SingleSourcePaths<Integer, Arc>> e : previous.bySource.entrySet()) {
        SingleSourcePaths<Integer, Arc> tree = e.getValue();
        if (graph.containsVertex(e.getKey()) && ArcChange.leaveUnchanged(changes, tree::getWeight)) {
          bySource.put(e.getKey(), tree);
          reused++;
        }
      }
    }
    this.reusedTrees = reused;
  }

  /** How many shortest-path trees this version took over from the one it was derived from. */
  public int reusedTrees() {
    return reusedTrees;
  }

  /** How many sources have a shortest-path tree computed (or taken over) in this version. */
  public int cachedTrees() {
    return bySource.size();
  }

  private static Graph<Integer, Arc> build(NetworkState s) {
    Graph<Integer, Arc> g = new DirectedWeightedMultigraph<>(Arc.class);
    s.nodes().keySet().forEach(g::addVertex);
    int serial = 0;
    for (Link l : s.links().values()) {
      if (!l.isUp()) {
        continue;
      }
      addArc(g, new Arc(l.a(), l.b(), l.costAb(), l.id(), serial++));
      addArc(g, new Arc(l.b(), l.a(), l.costBa(), l.id(), serial++));
    }
    for (StubPrefix p : s.prefixes().values()) {
      // Destination vertex: reachable from its router only. Source vertex: leads to its router only.
      g.addVertex(destVertex(p.id()));
      g.addVertex(sourceVertex(p.id()));
      addArc(g, new Arc(p.router(), destVertex(p.id()), p.cost(), -1, serial++));
      addArc(g, new Arc(sourceVertex(p.id()), p.router(), 0, -1, serial++));
    }
    return g;
  }

  private static void addArc(Graph<Integer, Arc> g, Arc a) {
    g.addEdge(a.from(), a.to(), a);
    g.setEdgeWeight(a, a.cost());
  }

  static int destVertex(int prefixId) {
    return prefixId;
  }

  static int sourceVertex(int prefixId) {
    return -prefixId - 1;
  }

  private static int vertexFrom(Endpoint e) {
    return e.kind() == Endpoint.Kind.STUB_PREFIX ? sourceVertex(e.id()) : e.id();
  }

  private static int vertexTo(Endpoint e) {
    return e.kind() == Endpoint.Kind.STUB_PREFIX ? destVertex(e.id()) : e.id();
  }

  // ---- endpoints ----

  /** The most specific stub prefix or transit network containing {@code address}. */
  public Optional<Endpoint> endpointOf(InetAddress address) {
    Endpoint best = null;
    int bestLen = -1;
    for (StubPrefix p : state.prefixes().values()) {
      if (p.prefix().contains(address) && p.prefix().length() > bestLen) {
        best = Endpoint.stub(p.id());
        bestLen = p.prefix().length();
      }
    }
    for (Node n : state.nodes().values()) {
      if (n instanceof TransitNetwork t && t.prefix().contains(address) && t.prefix().length() > bestLen) {
        best = Endpoint.network(t.id());
        bestLen = t.prefix().length();
      }
    }
    return Optional.ofNullable(best);
  }

  /** The site whose prefixes contain {@code address} (most specific prefix wins). */
  public Optional<Site> siteOf(InetAddress address) {
    Site best = null;
    int bestLen = -1;
    for (Site s : state.sites().values()) {
      for (Prefix p : s.prefixes()) {
        if (p.contains(address) && p.length() > bestLen) {
          best = s;
          bestLen = p.length();
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** Endpoints whose prefix lies inside one of the site's prefixes. */
  public List<Endpoint> endpointsOf(Site site) {
    List<Endpoint> out = new ArrayList<>();
    for (StubPrefix p : state.prefixes().values()) {
      if (site.prefixes().stream().anyMatch(sp -> sp.contains(p.prefix()))) {
        out.add(Endpoint.stub(p.id()));
      }
    }
    for (Node n : state.nodes().values()) {
      if (n instanceof TransitNetwork t && site.prefixes().stream().anyMatch(sp -> sp.contains(t.prefix()))) {
        out.add(Endpoint.network(t.id()));
      }
    }
    return out;
  }

  // ---- shortest paths ----

  /** All equal-cost shortest paths from one endpoint to another. */
  public PathSet between(Endpoint from, Endpoint to) {
    return toAny(from, List.of(to));
  }

  /** Shortest paths from an endpoint to the nearest endpoint of a site (ties: all of them). */
  public PathSet toSite(Endpoint from, String siteName) {
    return state.site(siteName).map(s -> toAny(from, endpointsOf(s))).orElse(PathSet.UNREACHABLE);
  }

  /** Shortest paths from an address to an address; unreachable if either is outside every prefix. */
  public PathSet between(InetAddress from, InetAddress to) {
    Optional<Endpoint> a = endpointOf(from);
    Optional<Endpoint> b = endpointOf(to);
    return a.isPresent() && b.isPresent() ? between(a.get(), b.get()) : PathSet.UNREACHABLE;
  }

  /** Shortest paths from a router (by node id) to an endpoint, as the router itself computes them. */
  public PathSet fromNode(int nodeId, Endpoint to) {
    if (!graph.containsVertex(nodeId)) {
      return PathSet.UNREACHABLE;
    }
    return search(nodeId, List.of(vertexTo(to)));
  }

  private PathSet toAny(Endpoint from, List<Endpoint> targets) {
    int src = vertexFrom(from);
    if (!graph.containsVertex(src)) {
      return PathSet.UNREACHABLE;
    }
    return search(src, targets.stream().map(NetworkPaths::vertexTo).filter(graph::containsVertex).toList());
  }

  private PathSet search(int src, List<Integer> targets) {
    SingleSourcePaths<Integer, Arc> sp = bySource.computeIfAbsent(src,
        s -> new DijkstraShortestPath<>(graph).getPaths(s));
    double best = Double.POSITIVE_INFINITY;
    for (int t : targets) {
      best = Math.min(best, sp.getWeight(t));
    }
    if (Double.isInfinite(best)) {
      return PathSet.UNREACHABLE;
    }
    List<Path> paths = new ArrayList<>();
    boolean truncated = false;
    for (int t : targets) {
      if (sp.getWeight(t) == best && t != src) {
        truncated |= enumerate(sp, src, t, paths);
      }
    }
    if (paths.isEmpty()) {
      paths.add(new Path(List.of(), 0)); // source and destination are the same endpoint
    }
    return new PathSet((long) best, paths, truncated);
  }

  /**
   * Walks the shortest-path DAG backwards from {@code target}: an arc u->v lies on a shortest
   * path iff dist(u) + cost == dist(v). Returns true if enumeration stopped at {@link #MAX_PATHS}.
   */
  private boolean enumerate(SingleSourcePaths<Integer, Arc> sp, int src, int target, List<Path> out) {
    Deque<Arc> stack = new ArrayDeque<>();
    return walk(sp, src, target, stack, out);
  }

  private boolean walk(SingleSourcePaths<Integer, Arc> sp, int src, int v, Deque<Arc> suffix, List<Path> out) {
    if (v == src) {
      if (out.size() >= MAX_PATHS) {
        return true;
      }
      List<Hop> hops = new ArrayList<>();
      long cost = 0;
      for (Arc a : suffix) {
        cost += a.cost();
        if (a.link() >= 0) {
          hops.add(new Hop(a.link(), a.from(), a.to()));
        }
      }
      out.add(new Path(hops, cost));
      return false;
    }
    double dv = sp.getWeight(v);
    for (Arc a : graph.incomingEdgesOf(v)) {
      double du = sp.getWeight(a.from());
      if (!Double.isInfinite(du) && du + a.cost() == dv && !onSuffix(suffix, a.from())) {
        suffix.push(a);
        boolean truncated = walk(sp, src, a.from(), suffix, out);
        suffix.pop();
        if (truncated) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean onSuffix(Deque<Arc> suffix, int vertex) {
    // Zero-cost arcs could form cycles in the tight-arc DAG; never revisit a vertex.
    for (Arc a : suffix) {
      if (a.to() == vertex) {
        return true;
      }
    }
    return false;
  }

  // ---- site load ----

  /** The summed load on a site's uplinks; empty if there is no such site. */
  public Optional<SiteLoad> siteLoad(String siteName) {
    return state.site(siteName).map(this::siteLoad);
  }

  private SiteLoad siteLoad(Site site) {
    long up = 0;
    long down = 0;
    long cap = 0;
    int upCount = 0;
    int unmeasured = 0;
    for (Uplink u : site.uplinks()) {
      Link l = state.links().get(u.link());
      if (l == null || !l.isUp()) {
        continue;
      }
      upCount++;
      LinkAnnotation a = state.annotation(l.id());
      OptionalLong out = a.loadFrom(l, u.insideNode());
      OptionalLong in = a.loadFrom(l, l.otherEnd(u.insideNode()));
      if (out.isEmpty() && in.isEmpty()) {
        unmeasured++;
      }
      up += out.orElse(0);
      down += in.orElse(0);
      cap += a.capacityBps().orElse(0);
    }
    return new SiteLoad(site.name(), up, down, cap, upCount, site.uplinks().size(), unmeasured);
  }
}
