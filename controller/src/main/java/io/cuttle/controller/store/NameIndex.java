package io.cuttle.controller.store;

import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Node;
import io.cuttle.netstate.model.StubPrefix;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ids of the store's nodes and links by name and of its prefixes by {@code prefix@router name},
 * built once from a state and then kept up to date commit by commit (so a lookup never scans the
 * network). Lookups check what they find; an index that disagrees with the state is rebuilt.
 * Guarded by the store's lock.
 */
final class NameIndex {
  private final Map<String, Integer> nodes = new HashMap<>();
  private final Map<String, Integer> links = new HashMap<>();
  private final Map<String, Integer> prefixes = new HashMap<>();
  /** The version the index describes, or -1 before it is built. */
  private long version = -1;
  private Object lineage;

  Node node(NetworkState s, String name) {
    Integer id = fresh(s).nodes.get(name);
    Node n = id == null ? null : s.nodes().get(id);
    if (id != null && (n == null || !n.name().equals(name))) {
      return rebuild(s).node(s, name);
    }
    return n;
  }

  Link link(NetworkState s, String name) {
    Integer id = fresh(s).links.get(name);
    Link l = id == null ? null : s.links().get(id);
    if (id != null && (l == null || !l.name().equals(name))) {
      return rebuild(s).link(s, name);
    }
    return l;
  }

  /** The prefix {@code prefix@router name}. */
  StubPrefix prefix(NetworkState s, String key) {
    Integer id = fresh(s).prefixes.get(key);
    StubPrefix p = id == null ? null : s.prefixes().get(id);
    if (id != null && (p == null || !key(s, p).equals(key))) {
      return rebuild(s).prefix(s, key);
    }
    return p;
  }

  private NameIndex fresh(NetworkState s) {
    return version == s.version() && s.lineage().equals(lineage) ? this : rebuild(s);
  }

  private NameIndex rebuild(NetworkState s) {
    nodes.clear();
    links.clear();
    prefixes.clear();
    s.nodes().values().forEach(n -> nodes.put(n.name(), n.id()));
    s.links().values().forEach(l -> links.put(l.name(), l.id()));
    s.prefixes().values().forEach(p -> prefixes.putIfAbsent(key(s, p), p.id()));
    version = s.version();
    lineage = s.lineage();
    return this;
  }

  private static String key(NetworkState s, StubPrefix p) {
    Node router = s.nodes().get(p.router());
    return p.prefix() + "@" + (router == null ? "?" : router.name());
  }

  /**
   * Follows a commit: {@code states} are the state before it and after each of {@code deltas}. An
   * index that did not describe the first stays stale (the next lookup rebuilds it).
   */
  void committed(List<NetworkState> states, List<Delta> deltas) {
    NetworkState before = states.get(0);
    if (version != before.version() || !before.lineage().equals(lineage)) {
      return;
    }
    for (int i = 0; i < deltas.size(); i++) {
      follow(states.get(i), deltas.get(i).event(), states.get(i + 1));
    }
    version = states.get(states.size() - 1).version();
  }

  private void follow(NetworkState s, TopologyEvent e, NetworkState next) {
    switch (e) {
      case TopologyEvent.RouterAdded r -> rename(nodes, s.nodes().get(r.router().id()), r.router().name(),
          r.router().id());
      case TopologyEvent.NetworkAdded n -> rename(nodes, s.nodes().get(n.network().id()), n.network().name(),
          n.network().id());
      case TopologyEvent.NodeRemoved n -> nodes.remove(s.nodes().get(n.node()).name(), n.node());
      case TopologyEvent.LinkAdded l -> links.put(l.link().name(), l.link().id());
      case TopologyEvent.LinkRemoved l -> links.remove(s.links().get(l.link()).name(), l.link());
      case TopologyEvent.PrefixAdded p -> prefixes.putIfAbsent(key(next, p.prefix()), p.prefix().id());
      case TopologyEvent.PrefixRemoved p -> prefixes.remove(key(s, s.prefixes().get(p.prefix())), p.prefix());
      default -> { }
    }
  }

  private static void rename(Map<String, Integer> m, Node old, String name, int id) {
    if (old != null && !old.name().equals(name)) {
      m.remove(old.name(), id);
    }
    m.put(name, id);
  }
}
