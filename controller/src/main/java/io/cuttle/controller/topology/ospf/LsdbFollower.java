package io.cuttle.controller.topology.ospf;

import io.cuttle.common.config.Diagnostic;
import io.cuttle.common.config.Location;
import io.cuttle.controller.topology.TopologyProviderListener;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.ospf.lsa.LsaHeader;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies LSA changes to a {@link LinkStateDatabase} and delivers a new {@link TopologySpec}
 * when the graph really changed: re-floods and changes that leave the graph as it was deliver
 * nothing. Shared by the live and the replay provider. Not thread-safe: the owner serialises calls.
 *
 * <p>Every change of a router-, network-, summary- or AS-external-LSA is applied to the last graph
 * in place ({@link LocalGraphUpdate}: only the parts the LSA can touch are rebuilt, from the few
 * LSAs they are made of) and delivered with {@link TopologyProviderListener#specUpdated}, saying
 * which costs changed and what appeared or disappeared. A resynchronisation, and the rare change
 * whose interface addresses collide with a link outside its scope, rebuild the whole graph.
 */
public final class LsdbFollower {
  private static final Logger log = LoggerFactory.getLogger(LsdbFollower.class);

  private final String source;
  private final TopologyProviderListener listener;
  private final LinkStateDatabase lsdb = new LinkStateDatabase();
  private final FollowedGraph graph = new FollowedGraph();
  private TopologySpec lastDelivered;
  private List<String> lastNotes = List.of();
  private boolean dirty;
  private long malformed;
  /** Whether {@link #graph} is the graph of the database (else the next publish rebuilds it). */
  private boolean current;
  /** A removal not yet applied to {@link #graph}, whose replacement may follow. */
  private LinkStateDatabase.Applied heldRemoval;

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
   * Applies one change to {@link #graph}; false if the graph must be rebuilt. ospfd announces a new
   * instance of an LSA as the old one's deletion followed by the new one: a removal is held until
   * the next change, and if that installs the same LSA again the pair is applied as one
   * replacement (half the work, and no router or link vanishing in between).
   */
  private boolean followInPlace(LinkStateDatabase.Applied a) {
    LinkStateDatabase.Applied held = heldRemoval;
    heldRemoval = null;
    if (held != null) {
      if (a.outcome() == LinkStateDatabase.Outcome.ADDED && sameKey(held.previous().orElseThrow(),
          a.installed().orElseThrow())) {
        return replace(held.previous(), a.installed());
      }
      if (!replace(held.previous(), Optional.empty())) {
        return false;
      }
    }
    if (a.outcome() == LinkStateDatabase.Outcome.REMOVED) {
      heldRemoval = a;
      return true;
    }
    return replace(a.previous(), a.installed());
  }

  private static boolean sameKey(LsdbEntry x, LsdbEntry y) {
    LsaHeader a = x.lsa().header();
    LsaHeader b = y.lsa().header();
    return x.area() == y.area() && a.type() == b.type() && a.linkStateId() == b.linkStateId()
        && a.advertisingRouter() == b.advertisingRouter();
  }

  /** Replaces the parts a change from {@code before} to {@code after} can touch. */
  private boolean replace(Optional<LsdbEntry> before, Optional<LsdbEntry> after) {
    LocalGraphUpdate.Scope scope = LocalGraphUpdate.scope(lsdb, before, after);
    if (scope.isEmpty()) {
      return true;
    }
    if (!graph.replace(LocalGraphUpdate.parts(lsdb, scope, before))) {
      log.debug("{}: rebuilding the graph: an interface address moves between links", source);
      return false;
    }
    return true;
  }

  /** Forgets every LSA (a new session resynchronises from scratch); nothing is delivered. */
  public void reset() {
    lsdb.clear();
    dirty = true;
    current = false;
    heldRemoval = null;
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
    if (heldRemoval != null) {
      LinkStateDatabase.Applied held = heldRemoval;
      heldRemoval = null;
      current = current && replace(held.previous(), Optional.empty()); // removed for good
    }
    if (current && !force) {
      return publishUpdate();
    }
    AreaGraph g = AreaGraphBuilder.build(lsdb.entries());
    graph.reset(g.spec());
    current = true;
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

  /** Delivers what changed in place since the last delivery, if anything did. */
  private boolean publishUpdate() {
    Optional<FollowedGraph.Delivery> d = graph.take(lastDelivered);
    if (d.isEmpty()) {
      return false;
    }
    lastDelivered = d.get().spec();
    deliverSafely(() -> listener.specUpdated(d.get().spec(), d.get().change()));
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
