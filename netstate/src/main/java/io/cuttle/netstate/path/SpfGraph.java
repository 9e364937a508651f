package io.cuttle.netstate.path;

import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.StubPrefix;
import java.util.HashMap;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsWeightedGraph;
import org.jgrapht.graph.DirectedWeightedMultigraph;
import org.jgrapht.graph.MaskSubgraph;

/**
 * The structure of the SPF graph, shared by consecutive versions whose changes only alter costs
 * or link states: a vertex per node, two per stub prefix (one to reach it, one to leave from it),
 * and an arc per link direction (down links included) and per prefix attachment. Each arc has a
 * dense serial number; a version supplies the weights by serial ({@link Double#POSITIVE_INFINITY}
 * for a link that is down), and each vertex a dense index for distance arrays. Immutable.
 */
final class SpfGraph {
  /** A directed arc; {@code link} is -1 for the arcs that attach a stub prefix to its router. */
  record Arc(int from, int to, int link, int serial) {}

  static final double DOWN = Double.POSITIVE_INFINITY;

  final Graph<Integer, Arc> graph;
  private final Map<Integer, Integer> index = new HashMap<>();
  /** Arc serials of each link: {a->b, b->a}. */
  private final Map<Integer, int[]> arcsOfLink = new HashMap<>();
  private final Map<Integer, Link> links;
  private final Map<Integer, StubPrefix> prefixes;
  private final int arcCount;
  private final Arc[] arcs;

  private SpfGraph(NetworkState s) {
    this.links = s.links();
    this.prefixes = s.prefixes();
    Graph<Integer, Arc> g = new DirectedWeightedMultigraph<>(Arc.class);
    s.nodes().keySet().forEach(v -> addVertex(g, v));
    int serial = 0;
    for (Link l : s.links().values()) {
      g.addEdge(l.a(), l.b(), new Arc(l.a(), l.b(), l.id(), serial));
      g.addEdge(l.b(), l.a(), new Arc(l.b(), l.a(), l.id(), serial + 1));
      arcsOfLink.put(l.id(), new int[] {serial, serial + 1});
      serial += 2;
    }
    for (StubPrefix p : s.prefixes().values()) {
      // Destination vertex: reachable from its router only. Source vertex: leads to its router only.
      addVertex(g, destVertex(p.id()));
      addVertex(g, sourceVertex(p.id()));
      g.addEdge(p.router(), destVertex(p.id()), new Arc(p.router(), destVertex(p.id()), -1, serial++));
      g.addEdge(sourceVertex(p.id()), p.router(), new Arc(sourceVertex(p.id()), p.router(), -1, serial++));
    }
    this.graph = g;
    this.arcCount = serial;
    this.arcs = new Arc[serial];
    g.edgeSet().forEach(a -> arcs[a.serial()] = a);
  }

  Arc arc(int serial) {
    return arcs[serial];
  }

  static SpfGraph of(NetworkState s) {
    return new SpfGraph(s);
  }

  private void addVertex(Graph<Integer, Arc> g, int v) {
    g.addVertex(v);
    index.put(v, index.size());
  }

  static int destVertex(int prefixId) {
    return prefixId;
  }

  static int sourceVertex(int prefixId) {
    return -prefixId - 1;
  }

  int vertexCount() {
    return index.size();
  }

  /** The dense index of a vertex, or -1 if it is not in the graph. */
  int indexOf(int vertex) {
    Integer i = index.get(vertex);
    return i == null ? -1 : i;
  }

  /** The weights of {@code s}, which must have the same structure (see {@link #fits}). */
  double[] weights(NetworkState s) {
    double[] w = new double[arcCount];
    for (Link l : s.links().values()) {
      int[] arcs = arcsOfLink.get(l.id());
      w[arcs[0]] = l.isUp() ? l.costAb() : DOWN;
      w[arcs[1]] = l.isUp() ? l.costBa() : DOWN;
    }
    for (StubPrefix p : s.prefixes().values()) {
      for (Arc a : graph.outgoingEdgesOf(p.router())) {
        if (a.to() == destVertex(p.id())) {
          w[a.serial()] = p.cost();
        }
      }
      w[graph.outgoingEdgesOf(sourceVertex(p.id())).iterator().next().serial()] = 0;
    }
    return w;
  }

  /**
   * The weights of {@code next} derived from {@code previous} (the weights of {@code before}), or
   * null when {@code next} differs from {@code before} in more than costs and link states, so that
   * this structure does not fit it. Unchanged links are recognised by identity, so this costs one
   * pass over the links and work only for those that changed.
   */
  double[] weightsAfter(NetworkState before, double[] previous, NetworkState next) {
    if (next.prefixes() != prefixes && !next.prefixes().equals(prefixes)
        || next.nodes() != before.nodes() && !next.nodes().keySet().equals(before.nodes().keySet())
        || next.links().size() != links.size()) {
      return null;
    }
    double[] w = previous;
    if (next.links() != before.links()) {
      for (Link l : next.links().values()) {
        Link old = before.links().get(l.id());
        if (old == l) {
          continue;
        }
        int[] arcs = arcsOfLink.get(l.id());
        if (arcs == null || old == null || old.a() != l.a() || old.b() != l.b()) {
          return null;
        }
        if (w == previous) {
          w = previous.clone();
        }
        w[arcs[0]] = l.isUp() ? l.costAb() : DOWN;
        w[arcs[1]] = l.isUp() ? l.costBa() : DOWN;
      }
    }
    return w;
  }

  /** The graph with the given weights, links that are down left out: what SPF runs on. */
  Graph<Integer, Arc> weighted(double[] w) {
    Graph<Integer, Arc> view = new AsWeightedGraph<>(graph, a -> w[a.serial()], false, false);
    return new MaskSubgraph<>(view, v -> false, a -> w[a.serial()] == DOWN);
  }
}
