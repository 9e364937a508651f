package io.cuttle.netstate.model;

import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.StateConflictException;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.event.TopologyEvent.AnnotationsUpdated;
import io.cuttle.netstate.event.TopologyEvent.LinkAdded;
import io.cuttle.netstate.event.TopologyEvent.LinkCostChanged;
import io.cuttle.netstate.event.TopologyEvent.LinkRemoved;
import io.cuttle.netstate.event.TopologyEvent.LinkStateChanged;
import io.cuttle.netstate.event.TopologyEvent.NetworkAdded;
import io.cuttle.netstate.event.TopologyEvent.NodeRemoved;
import io.cuttle.netstate.event.TopologyEvent.PrefixAdded;
import io.cuttle.netstate.event.TopologyEvent.PrefixRemoved;
import io.cuttle.netstate.event.TopologyEvent.RouterAdded;
import io.cuttle.netstate.event.TopologyEvent.SiteChanged;
import io.cuttle.netstate.event.TopologyEvent.SiteRemoved;
import io.cuttle.netstate.path.NetworkPaths;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * An immutable, versioned view of the network: nodes, links, stub prefixes, sites and link
 * annotations. {@link #apply(Delta)} returns the next version; nothing is ever modified in place,
 * so a snapshot can be handed to any number of readers. The maps are persistent (structure-
 * sharing): a change costs O(log n), not a copy of the whole network.
 */
public final class NetworkState {
  private final Lineage lineage;
  private final long version;
  private final Instant at;
  private final Map<Integer, Node> nodes;
  private final Map<Integer, Link> links;
  private final Map<Integer, StubPrefix> prefixes;
  private final Map<String, Site> sites;
  private final Map<Integer, LinkAnnotation> annotations;

  private volatile NameIndex nameIndex;
  private volatile NetworkPaths paths;
  /** Paths of an earlier version this one can derive its own from; dropped once used. */
  private volatile NetworkPaths pathsBase;
  /** Links whose cost or state changed since {@link #pathsBase}'s version; null when unknown. */
  private volatile Set<Integer> linksChangedSinceBase;

  private NetworkState(Lineage lineage, long version, Instant at, Map<Integer, Node> nodes,
      Map<Integer, Link> links, Map<Integer, StubPrefix> prefixes, Map<String, Site> sites,
      Map<Integer, LinkAnnotation> annotations) {
    this.lineage = lineage;
    this.version = version;
    this.at = at;
    this.nodes = nodes;
    this.links = links;
    this.prefixes = prefixes;
    this.sites = sites;
    this.annotations = annotations;
  }

  /** Version 0 of a lineage: nothing known yet. */
  public static NetworkState empty(Lineage lineage) {
    return new NetworkState(lineage, 0, lineage.epoch(), HashTreePMap.empty(), HashTreePMap.empty(),
        HashTreePMap.empty(), HashTreePMap.empty(), HashTreePMap.empty());
  }

  /**
   * A state assembled from parts (a snapshot received from the wire or read from disk). Checks
   * that links, prefixes, uplinks and annotations refer to entities that exist.
   */
  public static NetworkState of(Lineage lineage, long version, Instant at, Iterable<? extends Node> nodes,
      Iterable<Link> links, Iterable<StubPrefix> prefixes, Iterable<Site> sites,
      Map<Integer, LinkAnnotation> annotations) {
    Map<Integer, Node> n = new HashMap<>();
    nodes.forEach(x -> putUnique(n, x.id(), x, "node"));
    Map<Integer, Link> l = new HashMap<>();
    links.forEach(x -> putUnique(l, x.id(), x, "link"));
    Map<Integer, StubPrefix> p = new HashMap<>();
    prefixes.forEach(x -> putUnique(p, x.id(), x, "prefix"));
    Map<String, Site> s = new HashMap<>();
    sites.forEach(x -> {
      if (s.put(x.name(), x) != null) {
        throw new StateConflictException("duplicate site '" + x.name() + "'");
      }
    });
    NetworkState state = new NetworkState(lineage, version, at, freeze(n), freeze(l), freeze(p),
        freeze(s), freeze(new HashMap<>(annotations)));
    state.checkReferences();
    return state;
  }

  private static <K, V> void putUnique(Map<K, V> map, K key, V value, String what) {
    if (map.put(key, value) != null) {
      throw new StateConflictException("duplicate " + what + " id " + key);
    }
  }

  private void checkReferences() {
    Set<Integer> ids = new java.util.HashSet<>(nodes.keySet());
    for (Integer id : links.keySet()) {
      if (!ids.add(id)) {
        throw new StateConflictException("id " + id + " is used by more than one entity");
      }
    }
    for (Integer id : prefixes.keySet()) {
      if (!ids.add(id)) {
        throw new StateConflictException("id " + id + " is used by more than one entity");
      }
    }
    links.values().forEach(this::checkLinkEnds);
    prefixes.values().forEach(this::checkPrefixRouter);
    sites.values().forEach(this::checkSite);
    annotations.keySet().forEach(id -> requireLink(id, "annotation"));
  }

  // ---- accessors ----

  public Lineage lineage() {
    return lineage;
  }

  public long version() {
    return version;
  }

  /** When the controller committed this version. */
  public Instant at() {
    return at;
  }

  public Map<Integer, Node> nodes() {
    return nodes;
  }

  public Map<Integer, Link> links() {
    return links;
  }

  public Map<Integer, StubPrefix> prefixes() {
    return prefixes;
  }

  public Map<String, Site> sites() {
    return sites;
  }

  /** Annotations by link id; links never annotated are absent (see {@link #annotation(int)}). */
  public Map<Integer, LinkAnnotation> annotations() {
    return annotations;
  }

  public LinkAnnotation annotation(int linkId) {
    return annotations.getOrDefault(linkId, LinkAnnotation.EMPTY);
  }

  public Optional<Node> node(int id) {
    return Optional.ofNullable(nodes.get(id));
  }

  public Optional<Link> link(int id) {
    return Optional.ofNullable(links.get(id));
  }

  public Optional<Node> nodeNamed(String name) {
    return Optional.ofNullable(names().nodes.get(name));
  }

  public Optional<Link> linkNamed(String name) {
    return Optional.ofNullable(names().links.get(name));
  }

  public Optional<Site> site(String name) {
    return Optional.ofNullable(sites.get(name));
  }

  /** The areas any router, network, link or prefix belongs to. */
  public Set<String> areas() {
    Set<String> out = new TreeSet<>();
    for (Node n : nodes.values()) {
      switch (n) {
        case Router r -> out.addAll(r.areas());
        case TransitNetwork t -> out.add(t.area());
      }
    }
    links.values().forEach(l -> out.add(l.area()));
    prefixes.values().forEach(p -> out.add(p.area()));
    return Collections.unmodifiableSet(out);
  }

  /**
   * Path queries over this version (computed lazily, then cached with the state). A version
   * reached by {@link #apply} from one whose paths were used derives its paths incrementally,
   * keeping the shortest-path trees the changes cannot affect.
   */
  public NetworkPaths paths() {
    NetworkPaths p = paths;
    if (p == null) {
      NetworkPaths base = pathsBase;
      Set<Integer> changed = linksChangedSinceBase;
      p = base == null ? new NetworkPaths(this)
          : changed == null ? NetworkPaths.derive(base, this) : NetworkPaths.derive(base, this, changed);
      paths = p;
      pathsBase = null;
      linksChangedSinceBase = null;
    }
    return p;
  }

  private NameIndex names() {
    NameIndex idx = nameIndex;
    if (idx == null) {
      idx = new NameIndex(this);
      nameIndex = idx;
    }
    return idx;
  }

  private record NameIndex(Map<String, Node> nodes, Map<String, Link> links) {
    NameIndex(NetworkState s) {
      this(index(s.nodes.values(), Node::name), index(s.links.values(), Link::name));
    }

    private static <T> Map<String, T> index(Iterable<T> items, java.util.function.Function<T, String> name) {
      Map<String, T> m = new HashMap<>();
      items.forEach(i -> m.put(name.apply(i), i));
      return m;
    }
  }

  // ---- transitions ----

  /** The next version. Throws {@link StateConflictException} if the delta does not fit. */
  public NetworkState apply(Delta delta) {
    if (delta.version() != version + 1) {
      throw new StateConflictException(
          "delta for version " + delta.version() + " does not follow version " + version
              + "; expected " + (version + 1));
    }
    NetworkState next = applyEvent(delta.event(), delta.version(), delta.at());
    NetworkPaths mine = paths;
    Set<Integer> changed = linksTouched(delta.event());
    if (mine != null) {
      next.pathsBase = mine;
      next.linksChangedSinceBase = changed;
    } else if (pathsBase != null) {
      next.pathsBase = pathsBase;
      Set<Integer> before = linksChangedSinceBase;
      if (before != null && changed != null && before.size() + changed.size() <= MAX_TRACKED_LINK_CHANGES) {
        Set<Integer> union = new java.util.HashSet<>(before);
        union.addAll(changed);
        next.linksChangedSinceBase = union;
      }
    }
    return next;
  }

  /** Beyond this many changed links since the paths' version, derive by comparing all links. */
  private static final int MAX_TRACKED_LINK_CHANGES = 1024;

  /** The links whose cost or state an event changes; null when it may change more than that. */
  private static Set<Integer> linksTouched(TopologyEvent e) {
    return switch (e) {
      case LinkStateChanged c -> Set.of(c.link());
      case LinkCostChanged c -> Set.of(c.link());
      case AnnotationsUpdated a -> Set.of();
      case SiteChanged c -> Set.of();
      case SiteRemoved r -> Set.of();
      default -> null;
    };
  }

  private NetworkState applyEvent(TopologyEvent event, long v, Instant when) {
    return switch (event) {
      case LinkStateChanged e -> withLinks(v, when, put(links, e.link(),
          requireLink(e.link(), "link-state").withState(e.state())));
      case LinkCostChanged e -> withLinks(v, when, put(links, e.link(),
          requireLink(e.link(), "link-cost").withCosts(e.costAb(), e.costBa())));
      case AnnotationsUpdated e -> {
        @SuppressWarnings("unchecked")
        PMap<Integer, LinkAnnotation> m = (PMap<Integer, LinkAnnotation>) annotations;
        for (AnnotationPatch p : e.patches()) {
          requireLink(p.link(), "annotation");
          LinkAnnotation next = m.getOrDefault(p.link(), LinkAnnotation.EMPTY).apply(p, e.measuredAt());
          m = next.isEmpty() ? m.minus(p.link()) : m.plus(p.link(), next);
        }
        yield withAnnotations(v, when, m);
      }
      case PrefixAdded e -> {
        requireFreeId(e.prefix().id());
        checkPrefixRouter(e.prefix());
        yield new NetworkState(lineage, v, when, nodes, links, put(prefixes, e.prefix().id(), e.prefix()),
            sites, annotations);
      }
      case PrefixRemoved e -> {
        if (!prefixes.containsKey(e.prefix())) {
          throw new StateConflictException("prefix-removed: no prefix with id " + e.prefix());
        }
        yield new NetworkState(lineage, v, when, nodes, links, remove(prefixes, e.prefix()), sites,
            annotations);
      }
      case LinkAdded e -> {
        requireFreeId(e.link().id());
        checkLinkEnds(e.link());
        yield withLinks(v, when, put(links, e.link().id(), e.link()));
      }
      case LinkRemoved e -> {
        requireLink(e.link(), "link-removed");
        for (Site s : sites.values()) {
          if (s.uplinks().stream().anyMatch(u -> u.link() == e.link())) {
            throw new StateConflictException("link-removed: link " + e.link()
                + " is an uplink of site '" + s.name() + "'; change the site first");
          }
        }
        yield new NetworkState(lineage, v, when, nodes, remove(links, e.link()), prefixes, sites,
            remove(annotations, e.link()));
      }
      case RouterAdded e -> withNodes(v, when, upsertNode(e.router()));
      case NetworkAdded e -> withNodes(v, when, upsertNode(e.network()));
      case NodeRemoved e -> {
        if (!nodes.containsKey(e.node())) {
          throw new StateConflictException("node-removed: no node with id " + e.node());
        }
        links.values().stream().filter(l -> l.a() == e.node() || l.b() == e.node()).findFirst()
            .ifPresent(l -> {
              throw new StateConflictException("node-removed: node " + e.node()
                  + " still has link '" + l.name() + "'");
            });
        prefixes.values().stream().filter(p -> p.router() == e.node()).findFirst().ifPresent(p -> {
          throw new StateConflictException("node-removed: node " + e.node()
              + " still has prefix " + p.prefix());
        });
        yield withNodes(v, when, remove(nodes, e.node()));
      }
      case SiteChanged e -> {
        checkSite(e.site());
        yield new NetworkState(lineage, v, when, nodes, links, prefixes, put(sites, e.site().name(), e.site()),
            annotations);
      }
      case SiteRemoved e -> {
        if (!sites.containsKey(e.name())) {
          throw new StateConflictException("site-removed: no site named '" + e.name() + "'");
        }
        yield new NetworkState(lineage, v, when, nodes, links, prefixes, remove(sites, e.name()),
            annotations);
      }
    };
  }

  private Map<Integer, Node> upsertNode(Node node) {
    Node existing = nodes.get(node.id());
    if (existing == null) {
      requireFreeId(node.id());
    } else if (existing.getClass() != node.getClass()) {
      throw new StateConflictException("id " + node.id() + " is a "
          + existing.getClass().getSimpleName() + ", cannot become a " + node.getClass().getSimpleName());
    }
    return put(nodes, node.id(), node);
  }

  private void requireFreeId(int id) {
    if (nodes.containsKey(id) || links.containsKey(id) || prefixes.containsKey(id)) {
      throw new StateConflictException("id " + id + " is already in use");
    }
  }

  private Link requireLink(int id, String what) {
    Link l = links.get(id);
    if (l == null) {
      throw new StateConflictException(what + ": no link with id " + id);
    }
    return l;
  }

  private void checkLinkEnds(Link l) {
    if (!nodes.containsKey(l.a()) || !nodes.containsKey(l.b())) {
      throw new StateConflictException("link '" + l.name() + "' refers to unknown node "
          + (nodes.containsKey(l.a()) ? l.b() : l.a()));
    }
  }

  private void checkPrefixRouter(StubPrefix p) {
    if (!(nodes.get(p.router()) instanceof Router)) {
      throw new StateConflictException("prefix " + p.prefix() + " refers to unknown router " + p.router());
    }
  }

  private void checkSite(Site s) {
    for (Uplink u : s.uplinks()) {
      Link l = requireLink(u.link(), "site '" + s.name() + "' uplink");
      if (u.insideNode() != l.a() && u.insideNode() != l.b()) {
        throw new StateConflictException("site '" + s.name() + "': node " + u.insideNode()
            + " is not an end of uplink '" + l.name() + "'");
      }
    }
  }

  private NetworkState withLinks(long v, Instant when, Map<Integer, Link> l) {
    return new NetworkState(lineage, v, when, nodes, l, prefixes, sites, annotations);
  }

  private NetworkState withNodes(long v, Instant when, Map<Integer, Node> n) {
    return new NetworkState(lineage, v, when, n, links, prefixes, sites, annotations);
  }

  private NetworkState withAnnotations(long v, Instant when, Map<Integer, LinkAnnotation> a) {
    return new NetworkState(lineage, v, when, nodes, links, prefixes, sites, a);
  }

  // Every map held is a PMap (see freeze), so these share structure with the previous version.
  @SuppressWarnings("unchecked")
  private static <K, V> Map<K, V> put(Map<K, V> m, K k, V v) {
    return ((PMap<K, V>) m).plus(k, v);
  }

  @SuppressWarnings("unchecked")
  private static <K, V> Map<K, V> remove(Map<K, V> m, K k) {
    return ((PMap<K, V>) m).minus(k);
  }

  private static <K, V> Map<K, V> freeze(Map<K, V> m) {
    return HashTreePMap.from(m);
  }

  // ---- value semantics ----

  /** Same lineage, version, time and content. */
  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkState s && s.version == version && s.lineage.equals(lineage)
        && s.at.equals(at) && s.nodes.equals(nodes) && s.links.equals(links)
        && s.prefixes.equals(prefixes) && s.sites.equals(sites) && s.annotations.equals(annotations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(lineage, version, nodes, links, prefixes, sites, annotations);
  }

  @Override
  public String toString() {
    return "NetworkState{lineage=" + lineage + ", version=" + version + ", nodes=" + nodes.size()
        + ", links=" + links.size() + ", prefixes=" + prefixes.size() + ", sites=" + sites.size()
        + ", annotated=" + annotations.size() + "}";
  }
}
