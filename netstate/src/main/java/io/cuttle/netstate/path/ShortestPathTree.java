package io.cuttle.netstate.path;

import io.cuttle.netstate.path.SpfGraph.Arc;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.PriorityQueue;
import java.util.function.IntToDoubleFunction;
import org.jgrapht.alg.interfaces.ShortestPathAlgorithm.SingleSourcePaths;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;

/**
 * The distances from one source vertex to every vertex of an {@link SpfGraph} under one set of
 * weights. Computed from scratch with JGraphT's Dijkstra, or updated from the tree of an earlier
 * version whose weights differ: first the increases (vertices below a dearer shortest-path arc
 * are recomputed from their unaffected neighbours), then the decreases (a Dijkstra that only
 * visits vertices whose distance shrinks). The distance array is never modified once built.
 */
final class ShortestPathTree {
  private final SpfGraph graph;
  private final int source;
  private final double[] dist;

  private ShortestPathTree(SpfGraph graph, int source, double[] dist) {
    this.graph = graph;
    this.source = source;
    this.dist = dist;
  }

  static ShortestPathTree compute(SpfGraph graph, double[] weights, int source) {
    SingleSourcePaths<Integer, Arc> sp = new DijkstraShortestPath<>(graph.weighted(weights)).getPaths(source);
    double[] dist = new double[graph.vertexCount()];
    for (Integer v : graph.graph.vertexSet()) {
      dist[graph.indexOf(v)] = sp.getWeight(v);
    }
    return new ShortestPathTree(graph, source, dist);
  }

  int source() {
    return source;
  }

  /** Distance to {@code vertex}; infinite when unreachable or not in the graph. */
  double distance(int vertex) {
    int i = graph.indexOf(vertex);
    return i < 0 ? Double.POSITIVE_INFINITY : dist[i];
  }

  /** The same distances over another graph structure (valid when the distances are known unchanged). */
  ShortestPathTree remapped(SpfGraph other) {
    double[] d = new double[other.vertexCount()];
    for (Integer v : other.graph.vertexSet()) {
      d[other.indexOf(v)] = distance(v);
    }
    return new ShortestPathTree(other, source, d);
  }

  /** This tree under {@code after} weights of the same graph; {@code before} are this tree's weights. */
  ShortestPathTree updated(double[] before, double[] after) {
    int[] changed = new int[8];
    int n = 0;
    for (int i = 0; i < before.length; i++) {
      if (before[i] != after[i]) {
        if (n == changed.length) {
          changed = Arrays.copyOf(changed, n * 2);
        }
        changed[n++] = i;
      }
    }
    double[] d = dist.clone();
    raise(d, Arrays.copyOf(changed, n), before, after);
    lower(d, Arrays.copyOf(changed, n), before, after);
    return new ShortestPathTree(graph, source, d);
  }

  private static double mid(double[] before, double[] after, int serial) {
    return Math.max(before[serial], after[serial]);
  }

  /**
   * Phase 1: only the increases (to the larger of both weights of each arc). Every vertex below the head of a
   * dearer arc that was on a shortest path is recomputed: first from its neighbours outside that
   * set, then by Dijkstra inside it. Vertices outside keep their distance, as none of their
   * shortest paths used a dearer arc.
   */
  private void raise(double[] d, int[] changed, double[] before, double[] after) {
    BitSet affected = new BitSet(d.length);
    Deque<Integer> queue = new ArrayDeque<>();
    for (int s : changed) {
      Arc a = graph.arc(s);
      if (after[s] > before[s] && a.to() != source && tight(d, a, before[s])
          && !affected.get(graph.indexOf(a.to()))) {
        affected.set(graph.indexOf(a.to()));
        queue.add(a.to());
      }
    }
    if (queue.isEmpty()) {
      return;
    }
    Deque<Integer> all = new ArrayDeque<>();
    while (!queue.isEmpty()) {
      int v = queue.poll();
      all.add(v);
      for (Arc a : graph.graph.outgoingEdgesOf(v)) {
        int h = graph.indexOf(a.to());
        if (!affected.get(h) && a.to() != source && tight(d, a, before[a.serial()])) {
          affected.set(h);
          queue.add(a.to());
        }
      }
    }
    PriorityQueue<double[]> heap = new PriorityQueue<>((x, y) -> Double.compare(x[0], y[0]));
    for (int v : all) {
      double best = Double.POSITIVE_INFINITY;
      for (Arc a : graph.graph.incomingEdgesOf(v)) {
        int t = graph.indexOf(a.from());
        if (!affected.get(t)) {
          best = Math.min(best, d[t] + mid(before, after, a.serial()));
        }
      }
      d[graph.indexOf(v)] = best;
      if (best < Double.POSITIVE_INFINITY) {
        heap.add(new double[] {best, v});
      }
    }
    relax(d, serial -> mid(before, after, serial), heap, affected);
  }

  /** Phase 2: the decreases (from the larger weight to {@code after}): propagate shorter distances. */
  private void lower(double[] d, int[] changed, double[] before, double[] after) {
    PriorityQueue<double[]> heap = new PriorityQueue<>((x, y) -> Double.compare(x[0], y[0]));
    for (int s : changed) {
      Arc a = graph.arc(s);
      if (after[s] < before[s]) {
        double via = d[graph.indexOf(a.from())] + after[s];
        int h = graph.indexOf(a.to());
        if (via < d[h]) {
          d[h] = via;
          heap.add(new double[] {via, a.to()});
        }
      }
    }
    relax(d, serial -> after[serial], heap, null);
  }

  /** Dijkstra from the queued vertices; {@code within} limits it to a set (null: anywhere). */
  private void relax(double[] d, IntToDoubleFunction w, PriorityQueue<double[]> heap, BitSet within) {
    while (!heap.isEmpty()) {
      double[] top = heap.poll();
      int v = (int) top[1];
      if (top[0] > d[graph.indexOf(v)]) {
        continue; // stale entry
      }
      for (Arc a : graph.graph.outgoingEdgesOf(v)) {
        int h = graph.indexOf(a.to());
        if (within != null && !within.get(h)) {
          continue;
        }
        double via = top[0] + w.applyAsDouble(a.serial());
        if (via < d[h]) {
          d[h] = via;
          heap.add(new double[] {via, a.to()});
        }
      }
    }
  }

  private boolean tight(double[] d, Arc a, double weight) {
    double du = d[graph.indexOf(a.from())];
    return !Double.isInfinite(du) && du + weight == d[graph.indexOf(a.to())];
  }

  @Override
  public String toString() {
    return "tree from " + source + " over " + Arrays.stream(dist).filter(x -> x < Double.POSITIVE_INFINITY).count()
        + " reachable vertices";
  }
}
