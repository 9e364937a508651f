package io.cuttle.policy.api;

import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Site;
import io.cuttle.netstate.path.Endpoint;
import io.cuttle.netstate.path.PathSet;
import io.cuttle.netstate.path.SiteLoad;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers shared by every handler for one state version, computed once: links by label, this
 * host's endpoint and site, paths to each destination and which labels they cross. Without it,
 * each of a hundred handlers would walk the ten thousand links on every tick. Used from the
 * engine's thread only.
 */
public final class StateIndex {
  private final NetworkState state;
  private final Optional<InetAddress> self;
  private Map<String, List<Link>> byLabel;
  private Optional<Endpoint> selfEndpoint;
  private Optional<Site> selfSite;
  private final Map<String, PathSet> paths = new HashMap<>();
  private final Map<String, Boolean> usesLabel = new HashMap<>();

  private final Map<String, SiteLoad> siteLoads = new HashMap<>();

  public StateIndex(NetworkState state, Optional<InetAddress> self) {
    this.state = Objects.requireNonNull(state, "state");
    this.self = Objects.requireNonNull(self, "self");
  }

  /**
   * The index of {@code next}, keeping the previous version's path answers when the topology
   * (nodes, links, prefixes, sites) is the very same: an annotation round (new loads) does not
   * move any shortest path, so a hundred handlers need not wait for the paths to be recomputed.
   */
  public StateIndex next(NetworkState next) {
    StateIndex n = new StateIndex(next, self);
    if (next.lineage().equals(state.lineage()) && next.links() == state.links() && next.nodes() == state.nodes()
        && next.prefixes() == state.prefixes() && next.sites() == state.sites()) {
      n.paths.putAll(paths);
      n.selfEndpoint = selfEndpoint;
      n.selfSite = selfSite;
    }
    return n;
  }

  /**
   * Summed load of a site's uplinks that are up ({@link SiteLoad#of}: no path graph is built for a
   * new version).
   */
  public Optional<SiteLoad> siteLoad(String name) {
    Optional<Site> site = state.site(name);
    if (site.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(siteLoads.computeIfAbsent(name, k -> SiteLoad.of(state, site.get())));
  }


  public NetworkState state() {
    return state;
  }

  public Optional<InetAddress> self() {
    return self;
  }

  /**
   * Computes the path answers every handler may ask for (this host's endpoint, site and paths to
   * every site) before any handler runs, so that the first handler to ask does not pay for the
   * path graph of a new version inside its own time budget.
   */
  public void warm() {
    if (selfEndpoint().isPresent()) {
      selfSite();
      state.sites().keySet().forEach(this::toSite);
    }
  }

  /** Links carrying {@code label}, sorted by name. */
  public List<Link> linksWithLabel(String label) {
    if (byLabel == null) {
      Map<String, List<Link>> m = new HashMap<>();
      for (Map.Entry<Integer, LinkAnnotation> e : state.annotations().entrySet()) {
        Link l = state.links().get(e.getKey());
        if (l != null) {
          e.getValue().labels().forEach(x -> m.computeIfAbsent(x, k -> new ArrayList<>()).add(l));
        }
      }
      m.values().forEach(list -> list.sort(Comparator.comparing(Link::name)));
      byLabel = m;
    }
    return byLabel.getOrDefault(label, List.of());
  }

  public Optional<Endpoint> selfEndpoint() {
    if (selfEndpoint == null) {
      selfEndpoint = self.flatMap(a -> state.paths().endpointOf(a));
    }
    return selfEndpoint;
  }

  public Optional<Site> selfSite() {
    if (selfSite == null) {
      selfSite = self.flatMap(a -> state.paths().siteOf(a));
    }
    return selfSite;
  }

  /** Paths from this host to a site (by name); unreachable without a known own endpoint. */
  PathSet toSite(String site) {
    return paths.computeIfAbsent("site:" + site, k -> selfEndpoint()
        .map(e -> state.paths().toSite(e, site)).orElse(PathSet.UNREACHABLE));
  }

  /** Paths from this host to an address. */
  PathSet toAddress(InetAddress to) {
    return paths.computeIfAbsent("addr:" + to.getHostAddress(), k -> selfEndpoint()
        .flatMap(e -> state.paths().endpointOf(to).map(t -> state.paths().between(e, t)))
        .orElse(PathSet.UNREACHABLE));
  }

  /** True if any shortest path from this host to another site crosses a link labelled {@code label}. */
  boolean usesLabel(String label) {
    return usesLabel.computeIfAbsent(label, l -> {
      if (selfEndpoint().isEmpty()) {
        return false;
      }
      Optional<String> own = selfSite().map(Site::name);
      for (String site : state.sites().keySet()) {
        if (!(own.isPresent() && own.get().equals(site)) && PathView.anyHopLabelled(state, toSite(site), l)) {
          return true;
        }
      }
      return false;
    });
  }
}
