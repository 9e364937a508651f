package io.cuttle.netstate.path;

import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.StubPrefix;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One directed arc of the SPF graph whose cost differs between two states; an absent arc (link
 * down or gone) costs {@link Double#POSITIVE_INFINITY}.
 */
record ArcChange(int from, int to, double before, double after) {
  static final double ABSENT = Double.POSITIVE_INFINITY;

  /** The arcs that differ between two states (links up/down/cost/added/removed, prefixes). */
  static List<ArcChange> between(NetworkState before, NetworkState after) {
    List<ArcChange> out = new ArrayList<>();
    if (before.links() != after.links()) {
      for (Integer id : union(before.links(), after.links())) {
        links(before.links().get(id), after.links().get(id), out);
      }
    }
    if (before.prefixes() != after.prefixes()) {
      for (Integer id : union(before.prefixes(), after.prefixes())) {
        prefixes(before.prefixes().get(id), after.prefixes().get(id), out);
      }
    }
    return out;
  }

  private static <V> Set<Integer> union(Map<Integer, V> a, Map<Integer, V> b) {
    Set<Integer> ids = new HashSet<>(a.keySet());
    ids.addAll(b.keySet());
    return ids;
  }

  private static void links(Link old, Link now, List<ArcChange> out) {
    if (Objects.equals(old, now)) {
      return;
    }
    if (old != null && now != null && old.a() == now.a() && old.b() == now.b()) {
      add(out, old.a(), old.b(), cost(old, old.costAb()), cost(now, now.costAb()));
      add(out, old.b(), old.a(), cost(old, old.costBa()), cost(now, now.costBa()));
      return;
    }
    if (old != null && old.isUp()) {
      add(out, old.a(), old.b(), old.costAb(), ABSENT);
      add(out, old.b(), old.a(), old.costBa(), ABSENT);
    }
    if (now != null && now.isUp()) {
      add(out, now.a(), now.b(), ABSENT, now.costAb());
      add(out, now.b(), now.a(), ABSENT, now.costBa());
    }
  }

  private static double cost(Link l, int cost) {
    return l.isUp() ? cost : ABSENT;
  }

  private static void prefixes(StubPrefix old, StubPrefix now, List<ArcChange> out) {
    if (Objects.equals(old, now)) {
      return;
    }
    if (old != null) {
      add(out, old.router(), NetworkPaths.destVertex(old.id()), old.cost(), ABSENT);
      add(out, NetworkPaths.sourceVertex(old.id()), old.router(), 0, ABSENT);
    }
    if (now != null) {
      add(out, now.router(), NetworkPaths.destVertex(now.id()), ABSENT, now.cost());
      add(out, NetworkPaths.sourceVertex(now.id()), now.router(), ABSENT, 0);
    }
  }

  private static void add(List<ArcChange> out, int from, int to, double before, double after) {
    if (before != after) {
      out.add(new ArcChange(from, to, before, after));
    }
  }

  /**
   * Whether the distances {@code dist} of a shortest-path tree stay exactly the same after these
   * changes: no arc on a shortest path got dearer or vanished, and no arc got cheap enough to beat
   * the distance of its head. A new tie needs no recomputation: equal-cost arcs are found from the
   * current graph and the distances when paths are enumerated.
   */
  static boolean leaveUnchanged(List<ArcChange> changes, java.util.function.IntToDoubleFunction dist) {
    for (ArcChange c : changes) {
      double du = dist.applyAsDouble(c.from());
      if (Double.isInfinite(du)) {
        continue; // the arc's tail is unreachable: the arc is on no path either way
      }
      double dv = dist.applyAsDouble(c.to());
      if (c.after() > c.before()) {
        if (du + c.before() == dv) {
          return false;
        }
      } else if (du + c.after() < dv) {
        return false;
      }
    }
    return true;
  }
}
