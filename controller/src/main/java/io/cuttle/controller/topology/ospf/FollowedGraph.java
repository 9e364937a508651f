package io.cuttle.controller.topology.ospf;

import io.cuttle.controller.topology.SpecChange;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.InterfaceSpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.NetworkSpec;
import io.cuttle.controller.topology.TopologySpec.PrefixSpec;
import io.cuttle.controller.topology.TopologySpec.RouterSpec;
import io.cuttle.netstate.model.Prefix;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * The graph of a database, kept part by part in the order {@link AreaGraphBuilder} gives (so the
 * spec it yields equals a rebuild's), with what changed since the last delivery: {@link
 * #replace} swaps in the parts of one change's scope, {@link #take} yields the new spec and the
 * typed change. Not thread-safe.
 */
final class FollowedGraph {
  private final OrderedParts<Integer, RouterSpec> routers = new OrderedParts<>(Integer::compareUnsigned,
      RouterSpec::routerId);
  private final OrderedParts<String, NetworkSpec> networks = new OrderedParts<>(Comparator.naturalOrder(),
      NetworkSpec::name);
  private final OrderedParts<String, LinkSpec> links = new OrderedParts<>(Comparator.naturalOrder(), LinkSpec::name);
  private final Map<String, Set<String>> linksAtNode = new HashMap<>();
  private final OrderedParts<String, PrefixSpec> prefixes = new OrderedParts<>(Comparator.naturalOrder(),
      FollowedGraph::prefixKey);
  private final Map<Prefix, Set<String>> prefixKeys = new HashMap<>();
  /** Persistent: handed to the spec without a copy. */
  private PMap<InetAddress, InterfaceSpec> interfaces = HashTreePMap.empty();
  private final Map<String, Set<InetAddress>> addressesOfLink = new HashMap<>();
  /** The values before the first change since the last delivery (null: absent then). */
  private final Map<Integer, RouterSpec> routersBefore = new HashMap<>();
  private final Map<String, NetworkSpec> networksBefore = new HashMap<>();
  private final Map<String, LinkSpec> linksBefore = new HashMap<>();
  private final Map<String, PrefixSpec> prefixesBefore = new HashMap<>();
  private final Map<InetAddress, InterfaceSpec> interfacesBefore = new HashMap<>();

  /** Starts over from {@code spec}, the graph of the whole database, as delivered. */
  void reset(TopologySpec spec) {
    for (Map<?, ?> m : List.of(linksAtNode, prefixKeys, addressesOfLink)) {
      m.clear();
    }
    forgetChanges();
    routers.reset(spec.routers());
    networks.reset(spec.networks());
    links.reset(spec.links());
    spec.links().forEach(this::indexLink);
    prefixes.reset(spec.prefixes());
    spec.prefixes().forEach(p -> prefixKeys.computeIfAbsent(p.prefix(), k -> new HashSet<>()).add(prefixKey(p)));
    interfaces = HashTreePMap.empty();
    spec.interfaces().forEach(this::putInterface);
  }

  private void forgetChanges() {
    routersBefore.clear();
    networksBefore.clear();
    linksBefore.clear();
    prefixesBefore.clear();
    interfacesBefore.clear();
  }

  private static String prefixKey(PrefixSpec p) {
    return p.prefix() + "@" + p.router();
  }

  /**
   * Replaces the parts of {@code parts.scope()}; false, with nothing changed, if an interface
   * address of the new parts belongs to a link outside the scope (which link keeps it depends on
   * the whole database's order: a rebuild decides).
   */
  boolean replace(LocalGraphUpdate.Parts parts) {
    Set<String> oldLinks = new HashSet<>();
    parts.scope().nodes().forEach(n -> oldLinks.addAll(linksAtNode.getOrDefault(n, Set.of())));
    Map<String, LinkSpec> newLinks = new HashMap<>();
    parts.links().forEach(l -> newLinks.put(l.name(), l));
    for (Map.Entry<InetAddress, InterfaceSpec> e : parts.interfaces().entrySet()) {
      InterfaceSpec held = interfaces.get(e.getKey());
      if (held != null && !oldLinks.contains(held.link()) && !newLinks.containsKey(held.link())) {
        return false;
      }
    }
    for (String name : oldLinks) {
      if (!newLinks.containsKey(name)) {
        removeLink(name);
      }
    }
    for (LinkSpec l : parts.links()) {
      if (!l.equals(links.get(l.name()))) {
        if (links.containsKey(l.name())) {
          removeLink(l.name());
        } else {
          remember(linksBefore, l.name(), null);
        }
        putLink(l);
      }
      replaceInterfaces(l.name(), parts.interfaces());
    }
    for (int rid : parts.scope().routers()) {
      RouterSpec now = parts.routers().stream().filter(r -> r.routerId() == rid).findFirst().orElse(null);
      remember(routersBefore, rid, routers.get(rid));
      putOrRemove(routers, rid, now);
    }
    for (String name : parts.scope().networks()) {
      NetworkSpec now = parts.networks().stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
      remember(networksBefore, name, networks.get(name));
      putOrRemove(networks, name, now);
    }
    replacePrefixes(parts);
    return true;
  }

  private void replacePrefixes(LocalGraphUpdate.Parts parts) {
    Map<String, PrefixSpec> newPrefixes = new HashMap<>();
    parts.prefixes().forEach(p -> newPrefixes.put(prefixKey(p), p));
    for (Prefix p : parts.scope().prefixes()) {
      for (String key : List.copyOf(prefixKeys.getOrDefault(p, Set.of()))) {
        if (!newPrefixes.containsKey(key)) {
          remember(prefixesBefore, key, prefixes.get(key));
          removePrefix(key);
        }
      }
    }
    for (PrefixSpec p : parts.prefixes()) {
      String key = prefixKey(p);
      PrefixSpec held = prefixes.get(key);
      if (!p.equals(held)) {
        remember(prefixesBefore, key, held);
        if (held != null) {
          removePrefix(key);
        }
        putPrefix(p);
      }
    }
  }

  /** Notes {@code value} as the one before the changes unless one is noted already (null counts). */
  private static <K, V> void remember(Map<K, V> before, K key, V value) {
    if (!before.containsKey(key)) {
      before.put(key, value);
    }
  }

  private static <K, V> void putOrRemove(OrderedParts<K, V> m, K key, V value) {
    if (value == null) {
      m.remove(key);
    } else {
      m.put(value);
    }
  }

  private void putLink(LinkSpec l) {
    links.put(l);
    indexLink(l);
  }

  private void indexLink(LinkSpec l) {
    linksAtNode.computeIfAbsent(l.a(), k -> new HashSet<>()).add(l.name());
    linksAtNode.computeIfAbsent(l.b(), k -> new HashSet<>()).add(l.name());
  }

  private void removeLink(String name) {
    LinkSpec l = links.remove(name);
    remember(linksBefore, name, l);
    for (String end : List.of(l.a(), l.b())) {
      Set<String> at = linksAtNode.get(end);
      if (at != null && at.remove(name) && at.isEmpty()) {
        linksAtNode.remove(end);
      }
    }
    replaceInterfaces(name, Map.of());
  }

  /** Makes the addresses of link {@code name} those {@code source} gives it. */
  private void replaceInterfaces(String name, Map<InetAddress, InterfaceSpec> source) {
    Set<InetAddress> held = addressesOfLink.getOrDefault(name, Set.of());
    Map<InetAddress, InterfaceSpec> want = new HashMap<>();
    source.forEach((a, i) -> {
      if (i.link().equals(name)) {
        want.put(a, i);
      }
    });
    for (InetAddress a : List.copyOf(held)) {
      if (!want.containsKey(a)) {
        remember(interfacesBefore, a, interfaces.get(a));
        interfaces = interfaces.minus(a);
        addressesOfLink.get(name).remove(a);
      }
    }
    want.forEach((a, i) -> {
      if (!i.equals(interfaces.get(a))) {
        remember(interfacesBefore, a, interfaces.get(a));
        putInterface(a, i);
      }
    });
    if (addressesOfLink.containsKey(name) && addressesOfLink.get(name).isEmpty()) {
      addressesOfLink.remove(name);
    }
  }

  private void putInterface(InetAddress a, InterfaceSpec i) {
    InterfaceSpec old = interfaces.get(a);
    interfaces = interfaces.plus(a, i);
    if (old != null && addressesOfLink.containsKey(old.link())) {
      addressesOfLink.get(old.link()).remove(a);
    }
    addressesOfLink.computeIfAbsent(i.link(), k -> new HashSet<>()).add(a);
  }

  private void putPrefix(PrefixSpec p) {
    String key = prefixKey(p);
    prefixes.put(p);
    prefixKeys.computeIfAbsent(p.prefix(), k -> new HashSet<>()).add(key);
  }

  private void removePrefix(String key) {
    PrefixSpec p = prefixes.remove(key);
    Set<String> keys = prefixKeys.get(p.prefix());
    if (keys.remove(key) && keys.isEmpty()) {
      prefixKeys.remove(p.prefix());
    }
  }

  /**
   * The spec now and how it differs from {@code base} (the spec delivered last, which this graph
   * was equal to), or empty if it does not; forgets the changes either way.
   */
  Optional<Delivery> take(TopologySpec base) {
    ChangeCollector c = new ChangeCollector();
    linksBefore.forEach((name, was) -> c.link(was, links.get(name)));
    prefixesBefore.forEach((key, was) -> c.prefix(was, prefixes.get(key)));
    routersBefore.forEach((rid, was) -> c.router(was, routers.get(rid)));
    networksBefore.forEach((name, was) -> c.network(was, networks.get(name)));
    boolean interfacesChanged = interfacesBefore.entrySet().stream()
        .anyMatch(e -> !Objects.equals(e.getValue(), interfaces.get(e.getKey())));
    forgetChanges();
    if (c.isEmpty() && !interfacesChanged) {
      return Optional.empty();
    }
    TopologySpec spec = new TopologySpec(
        c.routersChanged ? routers.list() : base.routers(),
        c.networksChanged ? networks.list() : base.networks(),
        c.linksChanged ? links.list() : base.links(),
        c.prefixesChanged ? prefixes.list() : base.prefixes(),
        base.sites(), base.annotations(), interfacesChanged ? interfaces : base.interfaces());
    return Optional.of(new Delivery(spec, c.change(base)));
  }

  /** A spec to deliver and how it differs from the one delivered before. */
  record Delivery(TopologySpec spec, SpecChange change) {}
}
