package io.cuttle.bench;

import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.StubPrefix;
import io.cuttle.netstate.path.NetworkPaths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.alg.shortestpath.TreeSingleSourcePathsImpl;
import org.jgrapht.alg.util.Pair;
import org.jgrapht.alg.util.Triple;
import org.jgrapht.opt.graph.sparse.IncomingEdgesSupport;
import org.jgrapht.opt.graph.sparse.SparseIntDirectedWeightedGraph;
import org.jheaps.AddressableHeap;

/**
 * SPF on JGraphT's fast path, for {@link BenchSpf} to compare with the project's own: the graph is a
 * {@link SparseIntDirectedWeightedGraph} (compressed rows; a vertex per node and per stub prefix, an
 * edge per link direction and per prefix attachment, edge ids in that order), built once per graph
 * shape; a version that only changes costs or link states sets the changed edges' weights in
 * place. A query runs {@link DijkstraShortestPath#getPaths} from the source (JGraphT's closest-first
 * iterator over the whole graph, with a chosen jheaps heap), copies the distances into a vector and derives the ECMP paths from
 * it: an edge u->v is on a shortest path iff d[u] + w == d[v] (walked back from the target, at most
 * {@link NetworkPaths#MAX_PATHS} paths, like the project's SPF).
 */
final class JgraphtSpf {
  private final Map<Integer, Integer> vertexOf = new HashMap<>();
  private final Map<Integer, Integer> edgeOfLink = new HashMap<>();
  private final int[] linkOfEdge;
  private final SparseIntDirectedWeightedGraph graph;
  private final Supplier<AddressableHeap<Double, Pair<Integer, Integer>>> heap;

  /** Builds the graph of {@code s}; {@code heap} makes the Dijkstra's heap (null: JGraphT's default). */
  JgraphtSpf(NetworkState s, Supplier<AddressableHeap<Double, Pair<Integer, Integer>>> heap) {
    this.heap = heap;
    s.nodes().keySet().forEach(id -> vertexOf.put(id, vertexOf.size()));
    List<Triple<Integer, Integer, Double>> edges = new ArrayList<>(2 * s.links().size() + s.prefixes().size());
    List<Integer> links = new ArrayList<>();
    for (Link l : s.links().values()) {
      edgeOfLink.put(l.id(), edges.size());
      edges.add(Triple.of(vertexOf.get(l.a()), vertexOf.get(l.b()), l.isUp() ? l.costAb() : Double.POSITIVE_INFINITY));
      edges.add(Triple.of(vertexOf.get(l.b()), vertexOf.get(l.a()), l.isUp() ? l.costBa() : Double.POSITIVE_INFINITY));
      links.add(l.id());
      links.add(l.id());
    }
    for (StubPrefix p : s.prefixes().values()) {
      int v = vertexOf.size();
      vertexOf.put(prefixVertexKey(p.id()), v);
      edges.add(Triple.of(vertexOf.get(p.router()), v, (double) p.cost()));
      links.add(-1);
    }
    linkOfEdge = links.stream().mapToInt(Integer::intValue).toArray();
    graph = new SparseIntDirectedWeightedGraph(vertexOf.size(), edges, IncomingEdgesSupport.FULL_INCOMING_EDGES);
  }

  private static int prefixVertexKey(int prefixId) {
    return Integer.MIN_VALUE + prefixId; // node ids and prefix ids share one id space, all >= 0
  }

  /** Sets the weights of {@code l}'s two edges (same graph shape: a cost or state change). */
  void update(Link l) {
    int e = edgeOfLink.get(l.id());
    graph.setEdgeWeight(e, l.isUp() ? l.costAb() : Double.POSITIVE_INFINITY);
    graph.setEdgeWeight(e + 1, l.isUp() ? l.costBa() : Double.POSITIVE_INFINITY);
  }

  /** The distances from node {@code source} to every vertex (infinite: unreachable). */
  double[] distances(int source) {
    DijkstraShortestPath<Integer, Integer> dijkstra = heap == null ? new DijkstraShortestPath<>(graph)
        : new DijkstraShortestPath<>(graph, heap);
    // The whole tree (the closest-first iterator run to the end), with distance and predecessor per vertex.
    TreeSingleSourcePathsImpl<Integer, Integer> tree =
        (TreeSingleSourcePathsImpl<Integer, Integer>) dijkstra.getPaths(vertexOf.get(source));
    double[] d = new double[vertexOf.size()];
    java.util.Arrays.fill(d, Double.POSITIVE_INFINITY);
    tree.getDistanceAndPredecessorMap().forEach((v, p) -> d[v] = p.getFirst());
    return d;
  }

  /** Cost and ECMP paths (each as its link ids) from node {@code source} to prefix {@code prefix}. */
  Result paths(int source, int prefix) {
    double[] d = distances(source);
    int src = vertexOf.get(source);
    int target = vertexOf.get(prefixVertexKey(prefix));
    if (Double.isInfinite(d[target])) {
      return new Result(-1, List.of(), false);
    }
    List<List<Integer>> out = new ArrayList<>();
    boolean truncated = walk(d, src, target, new ArrayDeque<>(), out);
    return new Result((long) d[target], out, truncated);
  }

  /** Cost, paths as link ids, and whether more than {@link NetworkPaths#MAX_PATHS} were left out. */
  record Result(long cost, List<List<Integer>> paths, boolean truncated) {}

  private boolean walk(double[] d, int src, int v, Deque<Integer> suffix, List<List<Integer>> out) {
    if (v == src) {
      if (out.size() >= NetworkPaths.MAX_PATHS) {
        return true;
      }
      List<Integer> hops = new ArrayList<>();
      for (int e : suffix) {
        if (linkOfEdge[e] >= 0) {
          hops.add(linkOfEdge[e]);
        }
      }
      out.add(hops);
      return false;
    }
    for (int e : graph.incomingEdgesOf(v)) {
      int u = graph.getEdgeSource(e);
      if (!Double.isInfinite(d[u]) && d[u] + graph.getEdgeWeight(e) == d[v] && !onSuffix(suffix, u)) {
        suffix.push(e);
        boolean truncated = walk(d, src, u, suffix, out);
        suffix.pop();
        if (truncated) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean onSuffix(Deque<Integer> suffix, int vertex) {
    for (int e : suffix) {
      if (graph.getEdgeTarget(e) == vertex) {
        return true;
      }
    }
    return false;
  }
}
