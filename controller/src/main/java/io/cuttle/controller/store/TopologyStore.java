package io.cuttle.controller.store;

import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.PrefixSpec;
import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.StateConflictException;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Node;
import io.cuttle.netstate.model.StubPrefix;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  /** Link ids by name, for {@link #applyLinkCosts}; may be stale, checked on every use. */
  private final Map<String, Integer> linkIds = new HashMap<>();
  /** Prefix ids by prefix and router name, for {@link #applyCosts}; like {@link #linkIds}. */
  private final Map<String, Integer> prefixIds = new HashMap<>();

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
  public synchronized CommitResult applyCosts(List<LinkSpec> links, List<PrefixSpec> prefixes) {
    List<TopologyEvent> removals = new ArrayList<>();
    List<TopologyEvent> events = new ArrayList<>(links.size());
    List<StubPrefix> changedPrefixes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (PrefixSpec p : prefixes) {
      StubPrefix old = prefixNamed(p);
      if (old == null || !old.area().equals(p.area()) || outOfRange(p.cost())) {
        problems.add("prefix " + p.prefix() + "@" + p.router() + ": expected a prefix of version " + state.version()
            + " in area " + p.area() + " and a cost 0.." + Link.MAX_COST + ", got " + (old == null ? "none"
            : "area " + old.area()) + " and cost " + p.cost());
      } else if (old.cost() != p.cost()) {
        removals.add(new TopologyEvent.PrefixRemoved(old.id()));
        changedPrefixes.add(new StubPrefix(0, old.prefix(), old.router(), p.cost(), old.area()));
      }
    }
    for (LinkSpec s : links) {
      linkCostEvent(s, problems).ifPresent(events::add);
    }
    if (!problems.isEmpty()) {
      return new CommitResult.Rejected(problems);
    }
    int firstId = nextId;
    List<TopologyEvent> all = new ArrayList<>(removals);
    all.addAll(events);
    for (StubPrefix p : changedPrefixes) {
      all.add(new TopologyEvent.PrefixAdded(new StubPrefix(nextId++, p.prefix(), p.router(), p.cost(), p.area())));
    }
    CommitResult r = commitLocked(all, now());
    if (r instanceof CommitResult.Rejected) {
      nextId = firstId;
    }
    return r;
  }

  /** The current prefix {@code p} names (prefix and router name); the index heals like {@link #linkNamed}. */
  private StubPrefix prefixNamed(PrefixSpec p) {
    String key = p.prefix() + "@" + p.router();
    Integer id = prefixIds.get(key);
    StubPrefix s = id == null ? null : state.prefixes().get(id);
    if (s == null || !prefixKey(s).equals(key)) {
      prefixIds.clear();
      state.prefixes().values().forEach(x -> prefixIds.putIfAbsent(prefixKey(x), x.id()));
      id = prefixIds.get(key);
      s = id == null ? null : state.prefixes().get(id);
    }
    return s;
  }

  private String prefixKey(StubPrefix s) {
    Node router = state.nodes().get(s.router());
    return s.prefix() + "@" + (router == null ? "?" : router.name());
  }

  private Optional<TopologyEvent> linkCostEvent(LinkSpec s, List<String> problems) {
    Link l = linkNamed(s.name());
    if (l == null) {
      problems.add("link '" + s.name() + "': expected a link of version " + state.version() + ", got none");
      return Optional.empty();
    }
    String a = state.nodes().get(l.a()).name();
    String b = state.nodes().get(l.b()).name();
    boolean flipped = !a.equals(s.a());
    if (!(a.equals(s.a()) && b.equals(s.b())) && !(a.equals(s.b()) && b.equals(s.a()))) {
      problems.add("link '" + s.name() + "': expected ends '" + a + "' and '" + b + "', got '" + s.a() + "' and '"
          + s.b() + "'");
    } else if (l.state() != s.state() || !l.area().equals(s.area())) {
      problems.add("link '" + s.name() + "': expected state " + l.state() + " in area " + l.area() + ", got "
          + s.state() + " in area " + s.area());
    } else if (outOfRange(s.costAb()) || outOfRange(s.costBa())) {
      problems.add("link '" + s.name() + "' costs: expected 0.." + Link.MAX_COST + ", got " + s.costAb() + " and "
          + s.costBa());
    } else {
      int ab = flipped ? s.costBa() : s.costAb();
      int ba = flipped ? s.costAb() : s.costBa();
      if (ab != l.costAb() || ba != l.costBa()) {
        return Optional.of(new TopologyEvent.LinkCostChanged(l.id(), ab, ba));
      }
    }
    return Optional.empty();
  }

  private static boolean outOfRange(int cost) {
    return cost < 0 || cost > Link.MAX_COST;
  }

  /** The current link of that name; the index is rebuilt when it does not know the name (any more). */
  private Link linkNamed(String name) {
    Integer id = linkIds.get(name);
    Link l = id == null ? null : state.links().get(id);
    if (l == null || !l.name().equals(name)) {
      linkIds.clear();
      state.links().values().forEach(x -> linkIds.put(x.name(), x.id()));
      id = linkIds.get(name);
      l = id == null ? null : state.links().get(id);
    }
    return l;
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
    try {
      for (TopologyEvent e : events) {
        Delta d = new Delta(next.version() + 1, now, e);
        next = next.apply(d);
        deltas.add(d);
      }
    } catch (StateConflictException | IllegalArgumentException e) {
      return new CommitResult.Rejected(List.of(e.getMessage()));
    }
    state = next;
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
