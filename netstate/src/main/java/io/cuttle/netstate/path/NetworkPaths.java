package io.cuttle.netstate.path;

import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Node;
import io.cuttle.netstate.model.Prefix;
import io.cuttle.netstate.model.Site;
import io.cuttle.netstate.model.StubPrefix;
import io.cuttle.netstate.model.TransitNetwork;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;

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
  private final SpfGraph graph;
  private final double[] weights;
  private final Map<Integer, ShortestPathTree> bySource = new ConcurrentHashMap<>();
  /** Trees of earlier versions with the same structure, updated to this version when first used. */
  private final Map<Integer, Pending> inherited;
  private final int reusedTrees;

  public NetworkPaths(NetworkState state) {
    this.state = state;
    this.graph = SpfGraph.of(state);
    this.weights = graph.weights(state);
    this.inherited = Map.of();
    this.reusedTrees = 0;
  }

  /** A tree computed under other weights of the same graph structure. */
  private record Pending(ShortestPathTree tree, double[] weights) {}

  /**
   * Paths over {@code state}, incrementally from {@code previous} (the paths of an earlier
   * version). When only costs and link states changed, the graph structure is shared and each
   * shortest-path tree {@code previous} computed is updated, on first use, by visiting only the
   * vertices whose distance changes. After a structural change (links, prefixes or nodes added or
   * removed) the trees the change cannot affect (a dearer or vanished arc on no shortest path, a
   * cheaper or new arc that beats no distance) are kept and the others recomputed when queried.
   * Results are identical to {@code new NetworkPaths(state)}.
   */
  public static NetworkPaths derive(NetworkPaths previous, NetworkState state) {
    double[] w = previous.graph.weightsAfter(previous.state, previous.weights, state);
    return w != null ? new NetworkPaths(state, previous, w) : new NetworkPaths(state, previous);
  }

  /**
   * Like {@link #derive(NetworkPaths, NetworkState)} when the caller knows which links changed:
   * every link not in {@code changedLinks} must be the same object in both states. Saves a pass
   * over all links.
   */
  public static NetworkPaths derive(NetworkPaths previous, NetworkState state, Collection<Integer> changedLinks) {
    double[] w = previous.graph.weightsAfter(previous.state, previous.weights, state, changedLinks);
    return w != null ? new NetworkPaths(state, previous, w) : new NetworkPaths(state, previous);
  }

  /**
   * Same structure, new weights: the trees {@code previous} computed are updated lazily. Trees it
   * only inherited (never used) are kept while the weights are unchanged and dropped otherwise,
   * so that at most two weight arrays are held per version.
   */
  private NetworkPaths(NetworkState state, NetworkPaths previous, double[] weights) {
    this.state = state;
    this.graph = previous.graph;
    this.weights = weights;
    Map<Integer, Pending> pending = new HashMap<>();
    if (weights == previous.weights) {
      bySource.putAll(previous.bySource);
      previous.inherited.forEach((source, p) -> {
        if (!bySource.containsKey(source)) {
          pending.put(source, p);
        }
      });
    } else {
      previous.bySource.forEach((source, tree) -> pending.put(source, new Pending(tree, previous.weights)));
    }
    this.inherited = pending;
    this.reusedTrees = pending.size() + bySource.size();
  }

  /** New structure: keep the trees the changes leave unchanged. */
  private NetworkPaths(NetworkState state, NetworkPaths previous) {
    this.state = state;
    this.graph = SpfGraph.of(state);
    this.weights = graph.weights(state);
    this.inherited = Map.of();
    int reused = 0;
    if (!previous.bySource.isEmpty()) {
      List<ArcChange> changes = ArcChange.between(previous.state, state);
      for (Map.Entry<Integer, ShortestPathTree> e : previous.bySource.entrySet()) {
        ShortestPathTree tree = e.getValue();
        if (graph.indexOf(e.getKey()) >= 0 && ArcChange.leaveUnchanged(changes, tree::distance)) {
          bySource.put(e.getKey(), tree.remapped(graph));
          reused++;
        }
      }
    }
    this.reusedTrees = reused;
  }

  /** How many shortest-path trees this version took over (kept or to update) from the one it was derived from. */
  public int reusedTrees() {
    return reusedTrees;
  }

  /** How many sources have a shortest-path tree computed (or taken over) in this version. */
  public int cachedTrees() {
    Set<Integer> all = new HashSet<>(bySource.keySet());
    all.addAll(inherited.keySet());
    return all.size();
  }

  private ShortestPathTree tree(int src) {
    return bySource.computeIfAbsent(src, s -> {
      Pending old = inherited.get(s);
      return old != null ? old.tree().updated(old.weights(), weights) : ShortestPathTree.compute(graph, weights, s);
    });
  }

  static int destVertex(int prefixId) {
    return SpfGraph.destVertex(prefixId);
  }

  static int sourceVertex(int prefixId) {
    return SpfGraph.sourceVertex(prefixId);
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
    if (graph.indexOf(nodeId) < 0) {
      return PathSet.UNREACHABLE;
    }
    return search(nodeId, List.of(vertexTo(to)));
  }

  private PathSet toAny(Endpoint from, List<Endpoint> targets) {
    int src = vertexFrom(from);
    if (graph.indexOf(src) < 0) {
      return PathSet.UNREACHABLE;
    }
    return search(src, targets.stream().map(NetworkPaths::vertexTo).filter(v -> graph.indexOf(v) >= 0).toList());
  }

  private PathSet search(int src, List<Integer> targets) {
    ShortestPathTree sp = tree(src);
    double best = Double.POSITIVE_INFINITY;
    for (int t : targets) {
      best = Math.min(best, sp.distance(t));
    }
    if (Double.isInfinite(best)) {
      return PathSet.UNREACHABLE;
    }
    List<Path> paths = new ArrayList<>();
    boolean truncated = false;
    for (int t : targets) {
      if (sp.distance(t) == best && t != src) {
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
  private boolean enumerate(ShortestPathTree sp, int src, int target, List<Path> out) {
    Deque<Integer> stack = new ArrayDeque<>();
    return walk(sp, graph.indexOf(src), graph.indexOf(target), stack, out);
  }

  /** {@code src} and {@code v} are vertex indexes; {@code suffix} holds arc indexes. */
  private boolean walk(ShortestPathTree sp, int src, int v, Deque<Integer> suffix, List<Path> out) {
    if (v == src) {
      if (out.size() >= MAX_PATHS) {
        return true;
      }
      List<Hop> hops = new ArrayList<>();
      long cost = 0;
      for (int a : suffix) {
        cost += (long) weights[a];
        if (graph.link(a) >= 0) {
          hops.add(new Hop(graph.link(a), graph.idOf(graph.from(a)), graph.idOf(graph.to(a))));
        }
      }
      out.add(new Path(hops, cost));
      return false;
    }
    double dv = sp.distanceAt(v);
    for (int k = graph.inBegin(v); k < graph.inEnd(v); k++) {
      int a = graph.inArc(k);
      int u = graph.from(a);
      double du = sp.distanceAt(u);
      if (!Double.isInfinite(du) && du + weights[a] == dv && !onSuffix(suffix, u)) {
        suffix.push(a);
        boolean truncated = walk(sp, src, u, suffix, out);
        suffix.pop();
        if (truncated) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean onSuffix(Deque<Integer> suffix, int vertex) {
    // Zero-cost arcs could form cycles in the tight-arc DAG; never revisit a vertex.
    for (int a : suffix) {
      if (graph.to(a) == vertex) {
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
    return SiteLoad.of(state, site);
  }
}
