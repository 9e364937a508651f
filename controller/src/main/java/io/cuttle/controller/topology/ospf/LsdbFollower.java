package io.cuttle.controller.topology.ospf;

import io.cuttle.common.config.Diagnostic;
import io.cuttle.common.config.Location;
import io.cuttle.controller.topology.TopologyProviderListener;
import io.cuttle.controller.topology.SpecChange;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.PrefixSpec;
import io.cuttle.controller.topology.ospf.lsa.LsaHeader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies LSA changes to a {@link LinkStateDatabase} and delivers a new {@link TopologySpec}
 * when the graph really changed: re-floods and changes that leave the graph as it was deliver
 * nothing. Shared by the live and the replay provider. Not thread-safe: the owner serialises calls.
 *
 * <p>A change that only moves costs ({@link LocalLinkUpdate}) is applied to the last graph in place
 * of a rebuild and delivered with {@link TopologyProviderListener#specUpdated}, naming the links and
 * prefixes it changed (a replacement announced as deletion + update counts as one change); any other change (and every resynchronisation) rebuilds the whole graph.
 */
public final class LsdbFollower {
  private static final Logger log = LoggerFactory.getLogger(LsdbFollower.class);

  private final String source;
  private final TopologyProviderListener listener;
  private final LinkStateDatabase lsdb = new LinkStateDatabase();
  private TopologySpec lastDelivered;
  private List<String> lastNotes = List.of();
  private boolean dirty;
  private long malformed;
  /** Whether {@link #links} is the graph of the database (else the next publish rebuilds it). */
  private boolean current;
  /** The links of the database's graph, in the order of the last rebuild (and of lastDelivered). */
  private final List<LinkSpec> links = new ArrayList<>();
  private final Map<String, Integer> linkPositions = new HashMap<>();
  private final Map<String, List<Integer>> linksAtNode = new HashMap<>();
  /** An LSA removed since the last publish while in place, whose replacement may follow. */
  private LsdbEntry removedAwaitingReplacement;
  /** Positions of links whose costs changed since the last delivery. */
  private final Set<Integer> changedLinks = new TreeSet<>();
  /** The prefixes of the database's graph, like {@link #links}. */
  private final List<PrefixSpec> prefixes = new ArrayList<>();
  private final Map<String, Integer> prefixPositions = new HashMap<>();
  private final Set<Integer> changedPrefixes = new TreeSet<>();

  public LsdbFollower(String source, TopologyProviderListener listener) {
    this.source = Objects.requireNonNull(source, "source");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Applies an LSA update or deletion received in {@code area}; returns what it did. */
  public LinkStateDatabase.Applied apply(boolean delete, int area, byte[] lsa) {
    LinkStateDatabase.Applied a = delete ? lsdb.delete(area, lsa) : lsdb.update(area, lsa);
    if (a.outcome() == LinkStateDatabase.Outcome.MALFORMED) {
      malformed++;
      log.warn("{}: malformed LSA ignored: {}", source, a.problem());
      deliverSafely(() -> listener.specRejected(source, List.of(
          new Diagnostic(new Location(source, 1, 1), "lsa", a.problem()))));
    }
    if (a.outcome().changed()) {
      dirty = true;
      current = current && followInPlace(a);
    }
    return a;
  }

  /**
   * ospfd announces a new instance of an LSA as the old one's deletion followed by the new one: a
   * removal is held until the next change, which keeps the graph in place only if it installs the
   * same LSA again (then the pair is one replacement); anything else, or a publish in between,
   * rebuilds.
   */
  private boolean followInPlace(LinkStateDatabase.Applied a) {
    LsdbEntry removed = removedAwaitingReplacement;
    removedAwaitingReplacement = null;
    if (removed != null) {
      if (a.outcome() != LinkStateDatabase.Outcome.ADDED || !sameKey(removed, a.installed().orElseThrow())) {
        return false;
      }
      return updateInPlace(new LinkStateDatabase.Applied(LinkStateDatabase.Outcome.REPLACED, null,
          Optional.of(removed), a.installed()));
    }
    if (a.outcome() == LinkStateDatabase.Outcome.REMOVED) {
      removedAwaitingReplacement = a.previous().orElseThrow();
      return true;
    }
    return updateInPlace(a);
  }

  private static boolean sameKey(LsdbEntry x, LsdbEntry y) {
    LsaHeader a = x.lsa().header();
    LsaHeader b = y.lsa().header();
    return x.area() == y.area() && a.type() == b.type() && a.linkStateId() == b.linkStateId()
        && a.advertisingRouter() == b.advertisingRouter();
  }

  /** Applies a change that moves link costs only to {@link #links}; false if it needs a rebuild. */
  private boolean updateInPlace(LinkStateDatabase.Applied a) {
    LocalLinkUpdate.Result r = LocalLinkUpdate.of(lsdb, a);
    if (!(r instanceof LocalLinkUpdate.Result.Links local)) {
      log.debug("{}: rebuilding the graph: {}", source, ((LocalLinkUpdate.Result.Rebuild) r).why());
      return false;
    }
    List<Integer> at = linksAtNode.getOrDefault(local.router(), List.of());
    if (at.size() != local.links().size()) {
      return false;
    }
    for (LinkSpec l : local.links()) {
      Integer pos = linkPositions.get(l.name());
      if (pos == null || !sameButCosts(links.get(pos), l)) {
        return false;
      }
    }
    for (PrefixSpec p : local.prefixes()) {
      Integer pos = prefixPositions.get(prefixKey(p));
      if (pos == null || !prefixes.get(pos).area().equals(p.area())) {
        return false; // another area's entry wins now: the prefix moves, a rebuild says how
      }
    }
    for (LinkSpec l : local.links()) {
      int pos = linkPositions.get(l.name());
      if (!links.get(pos).equals(l)) {
        links.set(pos, l);
        changedLinks.add(pos);
      }
    }
    for (PrefixSpec p : local.prefixes()) {
      int pos = prefixPositions.get(prefixKey(p));
      if (!prefixes.get(pos).equals(p)) {
        prefixes.set(pos, p);
        changedPrefixes.add(pos);
      }
    }
    return true;
  }

  private static String prefixKey(PrefixSpec p) {
    return p.prefix() + "@" + p.router();
  }

  private static boolean sameButCosts(LinkSpec x, LinkSpec y) {
    return x.name().equals(y.name()) && x.a().equals(y.a()) && x.b().equals(y.b()) && x.state() == y.state()
        && x.area().equals(y.area());
  }

  /** Forgets every LSA (a new session resynchronises from scratch); nothing is delivered. */
  public void reset() {
    lsdb.clear();
    dirty = true;
    current = false;
    removedAwaitingReplacement = null;
  }

  /**
   * Delivers the current graph if it differs from the last one delivered. Call only when the
   * database is complete (after a full synchronisation).
   *
   * @param force deliver even if nothing changed since the last call (after a resync)
   * @return true if a spec was delivered
   */
  public boolean publish(boolean force) {
    if (!dirty && !force) {
      return false;
    }
    dirty = false;
    if (removedAwaitingReplacement != null) {
      removedAwaitingReplacement = null;
      current = false; // removed for good: the graph is rebuilt
    }
    if (current) {
      return publishUpdate();
    }
    AreaGraph g = AreaGraphBuilder.build(lsdb.entries());
    follow(g.spec());
    if (!g.notes().equals(lastNotes)) {
      lastNotes = g.notes();
      g.notes().forEach(n -> log.debug("{}: {}", source, n));
    }
    if (g.spec().equals(lastDelivered)) {
      return false;
    }
    lastDelivered = g.spec();
    deliverSafely(() -> listener.specChanged(g.spec()));
    return true;
  }

  /** Starts following {@code spec}, the graph of the whole database, change by change. */
  private void follow(TopologySpec spec) {
    links.clear();
    links.addAll(spec.links());
    linkPositions.clear();
    linksAtNode.clear();
    changedLinks.clear();
    for (int i = 0; i < links.size(); i++) {
      LinkSpec l = links.get(i);
      linkPositions.put(l.name(), i);
      linksAtNode.computeIfAbsent(l.a(), k -> new ArrayList<>()).add(i);
      if (!l.b().equals(l.a())) {
        linksAtNode.computeIfAbsent(l.b(), k -> new ArrayList<>()).add(i);
      }
    }
    prefixes.clear();
    prefixes.addAll(spec.prefixes());
    prefixPositions.clear();
    changedPrefixes.clear();
    for (int i = 0; i < prefixes.size(); i++) {
      prefixPositions.putIfAbsent(prefixKey(prefixes.get(i)), i);
    }
    current = true;
  }

  /** Delivers the links changed in place since the last delivery, if any differ from it. */
  private boolean publishUpdate() {
    List<LinkSpec> changed = new ArrayList<>();
    for (int pos : changedLinks) {
      if (!links.get(pos).equals(lastDelivered.links().get(pos))) {
        changed.add(links.get(pos));
      }
    }
    changedLinks.clear();
    List<PrefixSpec> changedP = new ArrayList<>();
    for (int pos : changedPrefixes) {
      if (!prefixes.get(pos).equals(lastDelivered.prefixes().get(pos))) {
        changedP.add(prefixes.get(pos));
      }
    }
    changedPrefixes.clear();
    if (changed.isEmpty() && changedP.isEmpty()) {
      return false;
    }
    TopologySpec base = lastDelivered;
    TopologySpec withLinks = changed.isEmpty() ? base : base.withLinks(links);
    TopologySpec spec = changedP.isEmpty() ? withLinks : withLinks.withPrefixes(prefixes);
    lastDelivered = spec;
    deliverSafely(() -> listener.specUpdated(spec, new SpecChange(base, changed, changedP)));
    return true;
  }

  /** The last spec delivered, or null before the first. */
  public TopologySpec lastDelivered() {
    return lastDelivered;
  }

  public List<String> notes() {
    return lastNotes;
  }

  public int lsaCount() {
    return lsdb.size();
  }

  public long malformedCount() {
    return malformed;
  }

  public List<LsdbEntry> entries() {
    return lsdb.entries();
  }

  private void deliverSafely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.error("{}: topology listener failed", source, e);
    }
  }
}
