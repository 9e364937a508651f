package io.cuttle.netstate.path;

import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.StubPrefix;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The structure of the SPF graph in compressed adjacency arrays, shared by consecutive versions
 * whose changes only alter costs or link states: a vertex per node, two per stub prefix (one to
 * reach it, one to leave from it), and an arc per link direction (down links included) and per
 * prefix attachment. Arcs and vertices have dense indexes; a version supplies the arc weights by
 * index ({@link #DOWN} for a link that is down). Immutable.
 */
final class SpfGraph {
  static final double DOWN = Double.POSITIVE_INFINITY;

  private final Map<Integer, Integer> index = new HashMap<>();
  private final int[] vertexId;
  private final int[] from;
  private final int[] to;
  private final int[] link;
  private final int[] outStart;
  private final int[] outArcs;
  private final int[] inStart;
  private final int[] inArcs;
  /** Arc indexes of each link: a->b is the value, b->a the value + 1. */
  private final Map<Integer, Integer> arcOfLink = new HashMap<>();
  private final Map<Integer, Integer> arcOfPrefix = new HashMap<>();
  private final Map<Integer, Link> links;
  private final Map<Integer, StubPrefix> prefixes;

  private SpfGraph(NetworkState s) {
    this.links = s.links();
    this.prefixes = s.prefixes();
    int vertices = s.nodes().size() + 2 * s.prefixes().size();
    int arcs = 2 * s.links().size() + 2 * s.prefixes().size();
    vertexId = new int[vertices];
    from = new int[arcs];
    to = new int[arcs];
    link = new int[arcs];
    s.nodes().keySet().forEach(this::addVertex);
    int a = 0;
    for (Link l : s.links().values()) {
      arcOfLink.put(l.id(), a);
      a = addArc(a, l.a(), l.b(), l.id());
      a = addArc(a, l.b(), l.a(), l.id());
    }
    for (StubPrefix p : s.prefixes().values()) {
      // Destination vertex: reachable from its router only. Source vertex: leads to its router only.
      addVertex(destVertex(p.id()));
      addVertex(sourceVertex(p.id()));
      arcOfPrefix.put(p.id(), a);
      a = addArc(a, p.router(), destVertex(p.id()), -1);
      a = addArc(a, sourceVertex(p.id()), p.router(), -1);
    }
    outStart = new int[vertices + 1];
    inStart = new int[vertices + 1];
    outArcs = adjacency(from, outStart);
    inArcs = adjacency(to, inStart);
  }

  static SpfGraph of(NetworkState s) {
    return new SpfGraph(s);
  }

  private void addVertex(int id) {
    int i = index.size();
    index.put(id, i);
    vertexId[i] = id;
  }

  private int addArc(int a, int fromId, int toId, int linkId) {
    from[a] = index.get(fromId);
    to[a] = index.get(toId);
    link[a] = linkId;
    return a + 1;
  }

  /** Arc indexes grouped by the vertex in {@code end}, in arc order (counting sort). */
  private static int[] adjacency(int[] end, int[] start) {
    for (int v : end) {
      start[v + 1]++;
    }
    for (int i = 0; i + 1 < start.length; i++) {
      start[i + 1] += start[i];
    }
    int[] fill = start.clone();
    int[] out = new int[end.length];
    for (int a = 0; a < end.length; a++) {
      out[fill[end[a]]++] = a;
    }
    return out;
  }

  static int destVertex(int prefixId) {
    return prefixId;
  }

  static int sourceVertex(int prefixId) {
    return -prefixId - 1;
  }

  int vertexCount() {
    return vertexId.length;
  }

  int arcCount() {
    return from.length;
  }

  /** The dense index of a vertex id, or -1 if it is not in the graph. */
  int indexOf(int vertex) {
    Integer i = index.get(vertex);
    return i == null ? -1 : i;
  }

  int idOf(int vertexIndex) {
    return vertexId[vertexIndex];
  }

  /** Tail vertex index of an arc. */
  int from(int arc) {
    return from[arc];
  }

  /** Head vertex index of an arc. */
  int to(int arc) {
    return to[arc];
  }

  /** The link of an arc, or -1 for a prefix attachment. */
  int link(int arc) {
    return link[arc];
  }

  int outBegin(int v) {
    return outStart[v];
  }

  int outEnd(int v) {
    return outStart[v + 1];
  }

  int outArc(int k) {
    return outArcs[k];
  }

  int inBegin(int v) {
    return inStart[v];
  }

  int inEnd(int v) {
    return inStart[v + 1];
  }

  int inArc(int k) {
    return inArcs[k];
  }

  /** The weights of {@code s}, which must have this structure. */
  double[] weights(NetworkState s) {
    double[] w = new double[arcCount()];
    for (Link l : s.links().values()) {
      setLink(w, l);
    }
    for (StubPrefix p : s.prefixes().values()) {
      int a = arcOfPrefix.get(p.id());
      w[a] = p.cost();
      w[a + 1] = 0;
    }
    return w;
  }

  private void setLink(double[] w, Link l) {
    int a = arcOfLink.get(l.id());
    w[a] = l.isUp() ? l.costAb() : DOWN;
    w[a + 1] = l.isUp() ? l.costBa() : DOWN;
  }

  /**
   * Like {@link #weightsAfter(NetworkState, double[], NetworkState)} when only the links in
   * {@code changed} may differ and nodes and prefixes are the same objects: costs O(changed).
   */
  double[] weightsAfter(NetworkState before, double[] previous, NetworkState next, Collection<Integer> changed) {
    if (next.prefixes() != before.prefixes() || next.nodes() != before.nodes()
        || next.links().size() != before.links().size()) {
      return weightsAfter(before, previous, next);
    }
    double[] w = previous;
    for (int id : changed) {
      Link old = before.links().get(id);
      Link l = next.links().get(id);
      if (old == l) {
        continue;
      }
      if (old == null || l == null || old.a() != l.a() || old.b() != l.b() || !arcOfLink.containsKey(id)) {
        return null;
      }
      if (w == previous) {
        w = previous.clone();
      }
      setLink(w, l);
    }
    return w;
  }

  /**
   * The weights of {@code next} derived from {@code previous} (the weights of {@code before}), or
   * null when {@code next} differs from {@code before} in more than costs and link states, so that
   * this structure does not fit it. Unchanged links are recognised by identity, so this costs one
   * pass over the links and work only for those that changed; the same array when none changed.
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
        if (old == null || old.a() != l.a() || old.b() != l.b()) {
          return null;
        }
        if (w == previous) {
          w = previous.clone();
        }
        setLink(w, l);
      }
    }
    return w;
  }
}
