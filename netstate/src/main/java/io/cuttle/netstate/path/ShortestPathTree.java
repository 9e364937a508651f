package io.cuttle.netstate.path;

import java.util.Arrays;
import java.util.BitSet;
import java.util.function.IntToDoubleFunction;

/**
 * The distances from one source vertex to every vertex of an {@link SpfGraph} under one set of
 * weights. Computed from scratch with Dijkstra, or updated from the tree of an earlier version
 * whose weights differ: first the increases (vertices below a dearer shortest-path arc are
 * recomputed from their unaffected neighbours), then the decreases (a Dijkstra that only visits
 * vertices whose distance shrinks). The distance array is never modified once built.
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

  /** Dijkstra from vertex id {@code source}, which must be in the graph. */
  static ShortestPathTree compute(SpfGraph graph, double[] weights, int source) {
    double[] dist = new double[graph.vertexCount()];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    int s = graph.indexOf(source);
    dist[s] = 0;
    MinHeap heap = new MinHeap();
    heap.add(0, s);
    relax(graph, dist, a -> weights[a], heap, null);
    return new ShortestPathTree(graph, source, dist);
  }

  int source() {
    return source;
  }

  /** Distance to vertex id {@code vertex}; infinite when unreachable or not in the graph. */
  double distance(int vertex) {
    int i = graph.indexOf(vertex);
    return i < 0 ? Double.POSITIVE_INFINITY : dist[i];
  }

  /** Distance to the vertex with dense index {@code index}. */
  double distanceAt(int index) {
    return dist[index];
  }

  /** The same distances over another graph structure (valid when the distances are known unchanged). */
  ShortestPathTree remapped(SpfGraph other) {
    double[] d = new double[other.vertexCount()];
    for (int i = 0; i < d.length; i++) {
      d[i] = distance(other.idOf(i));
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
    if (n == 0) {
      return this;
    }
    changed = Arrays.copyOf(changed, n);
    double[] d = dist.clone();
    raise(d, changed, before, after);
    lower(d, changed, before, after);
    return new ShortestPathTree(graph, source, d);
  }

  private static double mid(double[] before, double[] after, int arc) {
    return Math.max(before[arc], after[arc]);
  }

  /**
   * Phase 1: only the increases (to the larger of both weights of each arc). Every vertex below
   * the head of a dearer arc that was on a shortest path is recomputed: first from its neighbours
   * outside that set, then by Dijkstra inside it. Vertices outside keep their distance, as none
   * of their shortest paths used a dearer arc.
   */
  private void raise(double[] d, int[] changed, double[] before, double[] after) {
    int src = graph.indexOf(source);
    BitSet affected = new BitSet(d.length);
    int[] queue = new int[16];
    int tail = 0;
    for (int a : changed) {
      int h = graph.to(a);
      if (after[a] > before[a] && h != src && !affected.get(h) && tight(d, a, before[a])) {
        affected.set(h);
        queue = push(queue, tail++, h);
      }
    }
    for (int head = 0; head < tail; head++) {
      int v = queue[head];
      for (int k = graph.outBegin(v); k < graph.outEnd(v); k++) {
        int a = graph.outArc(k);
        int h = graph.to(a);
        if (!affected.get(h) && h != src && tight(d, a, before[a])) {
          affected.set(h);
          queue = push(queue, tail++, h);
        }
      }
    }
    MinHeap heap = new MinHeap();
    for (int i = 0; i < tail; i++) {
      int v = queue[i];
      double best = Double.POSITIVE_INFINITY;
      for (int k = graph.inBegin(v); k < graph.inEnd(v); k++) {
        int a = graph.inArc(k);
        int t = graph.from(a);
        if (!affected.get(t)) {
          best = Math.min(best, d[t] + mid(before, after, a));
        }
      }
      d[v] = best;
      if (best < Double.POSITIVE_INFINITY) {
        heap.add(best, v);
      }
    }
    relax(graph, d, a -> mid(before, after, a), heap, affected);
  }

  /** Phase 2: the decreases (from the larger weight to {@code after}): propagate shorter distances. */
  private void lower(double[] d, int[] changed, double[] before, double[] after) {
    MinHeap heap = new MinHeap();
    for (int a : changed) {
      if (after[a] < before[a]) {
        double via = d[graph.from(a)] + after[a];
        int h = graph.to(a);
        if (via < d[h]) {
          d[h] = via;
          heap.add(via, h);
        }
      }
    }
    relax(graph, d, a -> after[a], heap, null);
  }

  /** Dijkstra from the queued vertices; {@code within} limits it to a set (null: anywhere). */
  private static void relax(SpfGraph graph, double[] d, IntToDoubleFunction w, MinHeap heap, BitSet within) {
    while (!heap.isEmpty()) {
      double dv = heap.peekKey();
      int v = heap.poll();
      if (dv > d[v]) {
        continue; // stale entry
      }
      for (int k = graph.outBegin(v); k < graph.outEnd(v); k++) {
        int a = graph.outArc(k);
        int h = graph.to(a);
        if (within != null && !within.get(h)) {
          continue;
        }
        double via = dv + w.applyAsDouble(a);
        if (via < d[h]) {
          d[h] = via;
          heap.add(via, h);
        }
      }
    }
  }

  private boolean tight(double[] d, int arc, double weight) {
    double du = d[graph.from(arc)];
    return !Double.isInfinite(du) && du + weight == d[graph.to(arc)];
  }

  private static int[] push(int[] queue, int at, int v) {
    int[] q = at == queue.length ? Arrays.copyOf(queue, at * 2) : queue;
    q[at] = v;
    return q;
  }
}
