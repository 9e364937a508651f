package io.cuttle.controller.store;

import io.cuttle.controller.topology.SpecChange;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.PrefixSpec;
import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.StateConflictException;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.NetworkState;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The controller's authoritative network state: commits changes as consecutive versions, keeps
 * the most recent deltas so daemons can resume, and tells {@link StateListener}s about every
 * commit in order. A change is committed entirely or not at all.
 */
public final class TopologyStore {
  private final Clock clock;
  private final int historySize;
  private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
  private final ArrayDeque<Delta> history = new ArrayDeque<>();
  private volatile NetworkState state;
  private int nextId;
  /** Ids by name for {@link #applyChange}, kept up to date commit by commit. */
  private final NameIndex names = new NameIndex();

  public TopologyStore(Lineage lineage, Clock clock, int historySize) {
    if (historySize < 1) {
      throw new IllegalArgumentException("history size must be at least 1, got " + historySize);
    }
    this.clock = clock;
    this.historySize = historySize;
    this.state = NetworkState.empty(lineage);
    this.nextId = 1;
  }

  /** The current version; safe to read from any thread without locking. */
  public NetworkState current() {
    return state;
  }

  public Lineage lineage() {
    return state.lineage();
  }

  public void addListener(StateListener listener) {
    listeners.add(listener);
  }

  public void removeListener(StateListener listener) {
    listeners.remove(listener);
  }

  /** Makes the state equal to what {@code spec} describes; rejected whole if the spec is invalid. */
  public CommitResult apply(TopologySpec spec) {
    return apply(spec, AnnotationHandling.INCLUDED);
  }

  /**
   * Like {@link #apply(TopologySpec)}; with {@link AnnotationHandling#LEFT_OUT} the spec's
   * annotations are ignored (an {@link AnnotationPacer} commits them separately).
   */
  public synchronized CommitResult apply(TopologySpec spec, AnnotationHandling annotations) {
    List<String> problems = spec.problems();
    if (!problems.isEmpty()) {
      return new CommitResult.Rejected(problems);
    }
    Instant now = now();
    int firstId = nextId;
    IntSupplier ids = () -> nextId++;
    List<TopologyEvent> events = SpecDiff.between(state, spec, ids, now, annotations);
    CommitResult r = commitLocked(events, now);
    if (r instanceof CommitResult.Rejected) {
      nextId = firstId;
    }
    return r;
  }

  /** Like {@link #applyCosts} for links only. */
  public CommitResult applyLinkCosts(List<LinkSpec> links) {
    return applyCosts(links, List.of());
  }

  /**
   * Changes the costs of the links and prefixes named (a provider's {@link
   * io.cuttle.controller.topology.SpecChange}) without comparing whole descriptions: one cost event
   * per link whose costs differ; a prefix whose cost differs is removed and added again (what a
   * whole-spec diff does too). Rejected whole, the state untouched, if a link or prefix is unknown,
   * a link's ends are not the nodes named, or a state or area differs (the change is then more than
   * costs).
   */
  public CommitResult applyCosts(List<LinkSpec> links, List<PrefixSpec> prefixes) {
    return applyChange(SpecChange.Structure.NONE, links, prefixes);
  }

  /**
   * Commits a provider's {@link SpecChange} (relative to the spec this store was made equal to
   * last) without comparing whole descriptions: typed events for what it removes, adds and
   * re-costs, found by name. Rejected whole, the state untouched, if something named is unknown
   * or does not fit (e.g. a node removed that still has links, a removed link that is a site's
   * uplink): the caller then applies the whole spec.
   */
  public CommitResult applyChange(SpecChange change) {
    return applyChange(change.structure(), change.links(), change.prefixes());
  }

  private synchronized CommitResult applyChange(SpecChange.Structure structure, List<LinkSpec> links,
      List<PrefixSpec> prefixes) {
    int firstId = nextId;
    ChangeEvents.Result events = ChangeEvents.of(state, names, () -> nextId++, structure, links, prefixes);
    if (!events.problems().isEmpty()) {
      nextId = firstId;
      return new CommitResult.Rejected(events.problems());
    }
    CommitResult r = commitLocked(events.events(), now());
    if (r instanceof CommitResult.Rejected) {
      nextId = firstId;
    }
    return r;
  }

  /**
   * Commits events built against the current state. {@code build} receives an id allocator for
   * new entities; the events are validated by applying them and rejected as a whole if any does
   * not fit.
   */
  public synchronized CommitResult commit(Function<IntSupplier, List<TopologyEvent>> build) {
    int firstId = nextId;
    List<TopologyEvent> events = build.apply(() -> nextId++);
    CommitResult r = commitLocked(events, now());
    if (r instanceof CommitResult.Rejected) {
      nextId = firstId;
    }
    return r;
  }

  /** Runs {@code action} while no commit can happen (e.g. to attach a subscriber consistently). */
  public synchronized <T> T whileQuiet(Function<NetworkState, T> action) {
    return action.apply(state);
  }

  private CommitResult commitLocked(List<TopologyEvent> events, Instant now) {
    if (events.isEmpty()) {
      return new CommitResult.Committed(List.of(), state.version());
    }
    NetworkState next = state;
    List<Delta> deltas = new ArrayList<>(events.size());
    List<NetworkState> states = new ArrayList<>(events.size() + 1);
    states.add(next);
    try {
      for (TopologyEvent e : events) {
        Delta d = new Delta(next.version() + 1, now, e);
        next = next.apply(d);
        deltas.add(d);
        states.add(next);
      }
    } catch (StateConflictException | IllegalArgumentException e) {
      return new CommitResult.Rejected(List.of(e.getMessage()));
    }
    state = next;
    names.committed(states, deltas);
    for (Delta d : deltas) {
      history.addLast(d);
      if (history.size() > historySize) {
        history.removeFirst();
      }
    }
    List<Delta> committed = List.copyOf(deltas);
    for (StateListener l : listeners) {
      l.committed(next, committed);
    }
    return new CommitResult.Committed(committed, next.version());
  }

  /**
   * The deltas after {@code version} of this lineage, if the store still holds all of them:
   * empty list when {@code version} is current, empty Optional when it is too old, from the
   * future, or of another lineage.
   */
  public synchronized Optional<List<Delta>> deltasSince(Lineage lineage, long version) {
    NetworkState s = state;
    if (!lineage.equals(s.lineage()) || version > s.version() || version < 0) {
      return Optional.empty();
    }
    if (version == s.version()) {
      return Optional.of(List.of());
    }
    long oldestHeld = history.isEmpty() ? s.version() + 1 : history.peekFirst().version();
    if (version + 1 < oldestHeld) {
      return Optional.empty();
    }
    return Optional.of(history.stream().filter(d -> d.version() > version).toList());
  }

  private Instant now() {
    // Millisecond precision: what the wire carries, so controller and daemons hold equal states.
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

}
