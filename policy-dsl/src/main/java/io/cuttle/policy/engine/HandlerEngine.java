package io.cuttle.policy.engine;

import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.policy.api.HostJson;
import io.cuttle.policy.api.StateIndex;
import io.cuttle.policy.conflict.Claim;
import io.cuttle.policy.conflict.ConflictResolver;
import io.cuttle.policy.conflict.Resolution;
import io.cuttle.policy.sandbox.HandlerFailure;
import io.cuttle.policy.sandbox.SandboxEngine;
import io.cuttle.policy.triggers.Trigger;
import io.cuttle.policy.triggers.TriggerState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs loaded handlers against the latest network state and host snapshot. Feed it with
 * {@link #stateChanged} and {@link #hostChanged}; call {@link #poll()} regularly (and after a
 * state change): it runs every handler that is due, resolves all handlers' restrictions into one
 * {@link DesiredState} and hands it to the {@link EnforcementService} when it changed. A handler
 * that fails is reported with its name and line, loses its restrictions, and never stops the
 * others. All methods are thread-safe (serialised).
 */
public final class HandlerEngine implements AutoCloseable {
  private final SandboxEngine sandbox;
  private final EngineSettings settings;
  private final EnforcementService enforcement;
  private final Map<String, HandlerRuntime> handlers = new TreeMap<>();
  private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
  private NetworkState state = NetworkState.empty(Lineage.NONE);
  private StateIndex index;
  private HostSnapshot host;
  private HostSnapshot hostJsonOf;
  private Duration reuseHostUpTo; // set only during pollReusingHost
  private HostJson.Doc hostJson;
  private Resolution resolution = Resolution.EMPTY;

  public HandlerEngine(SandboxEngine sandbox, EngineSettings settings, EnforcementService enforcement) {
    this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.enforcement = Objects.requireNonNull(enforcement, "enforcement");
    this.host = HostSnapshot.empty("localhost", settings.clock().instant());
    this.index = new StateIndex(state, settings.self());
  }

  public void addListener(EngineListener l) {
    listeners.add(Objects.requireNonNull(l, "listener"));
  }

  /**
   * Loads (or replaces) a handler; returns its load failure if it has one (it is then kept as
   * FAILED and retried after the retry delay). A replaced handler's restrictions are reverted.
   */
  public synchronized Optional<HandlerFailure> load(HandlerSource source) {
    Instant now = settings.clock().instant();
    HandlerRuntime old = handlers.remove(source.name());
    if (old != null) {
      old.unload();
    }
    HandlerRuntime rt = new HandlerRuntime(source, new TriggerState(source.manifest().triggers(), settings.random(),
        now));
    handlers.put(source.name(), rt);
    Optional<HandlerFailure> f = rt.load(sandbox, settings.limits(), now);
    f.ifPresent(x -> listeners.forEach(l -> l.failed(x)));
    resolveAndEnforce();
    return f;
  }

  /** Unloads a handler; its restrictions are reverted. Returns false if no such handler was loaded. */
  public synchronized boolean unload(String name) {
    HandlerRuntime rt = handlers.remove(name);
    if (rt == null) {
      return false;
    }
    rt.unload();
    resolveAndEnforce();
    return true;
  }

  public synchronized List<String> loaded() {
    return List.copyOf(handlers.keySet());
  }

  /** A new network state: every handler becomes due (after its splay). */
  public synchronized void stateChanged(NetworkState next) {
    this.state = Objects.requireNonNull(next, "state");
    this.index = index.next(next);
    Instant now = settings.clock().instant();
    handlers.values().forEach(h -> h.trigger().stateChanged(now));
  }

  /** A new host snapshot: used by the next runs (ticks and state changes). */
  public synchronized void hostChanged(HostSnapshot snapshot) {
    this.host = Objects.requireNonNull(snapshot, "snapshot");
  }

  public synchronized NetworkState state() {
    return state;
  }

  /**
   * Like {@link #poll}, but a handler whose {@code host} view was built for a snapshot taken at most
   * {@code maxAge} before the latest runs against that one: building the view of a new snapshot in
   * a handler's context is the costliest part of a run (tens of milliseconds with the interpreter),
   * and a reaction to a network change should not wait for it. The next plain poll brings the latest.
   */
  public synchronized PollResult pollReusingHost(Duration maxAge) {
    reuseHostUpTo = Objects.requireNonNull(maxAge, "maxAge");
    try {
      return poll();
    } finally {
      reuseHostUpTo = null;
    }
  }

  /**
   * Builds, ahead of its next run, the {@code host} view of the latest snapshot for the one loaded
   * handler whose view is the oldest (none built counts as oldest), so that a run reacting to a
   * network change finds a recent view ({@link #pollReusingHost}) instead of building it on the
   * reaction's path. Runs nothing else of the handler. Call it a view at a time when idle.
   *
   * @return whether another handler's view is still older than the latest snapshot
   */
  public synchronized boolean prepareHostView() {
    HandlerRuntime oldest = null;
    int stale = 0;
    for (HandlerRuntime h : handlers.values()) {
      if (h.status() == HandlerStatus.FAILED || h.hasViewOf(host)) {
        continue;
      }
      stale++;
      if (oldest == null || h.viewTakenAt().isBefore(oldest.viewTakenAt())) {
        oldest = h;
      }
    }
    if (oldest == null) {
      return false;
    }
    oldest.prepareView(host, this::hostJson);
    return stale > 1;
  }

  /** Runs every due handler once, resolves and enforces. */
  public synchronized PollResult poll() {
    Instant now = settings.clock().instant();
    List<HandlerRun> runs = new ArrayList<>();
    List<HandlerFailure> failures = new ArrayList<>();
    List<Notification> notes = new ArrayList<>();
    List<ReportEntry> reports = new ArrayList<>();
    EventCache events = new EventCache();
    index.warm();
    for (HandlerRuntime h : handlers.values()) {
      retryIfDue(h, now, failures);
      Optional<Trigger> why = h.status() == HandlerStatus.FAILED ? Optional.empty() : h.trigger().due(now);
      if (why.isEmpty()) {
        continue;
      }
      long t0 = System.nanoTime();
      HostSnapshot forRun = reuseHostUpTo == null ? host : h.hostWithin(host, reuseHostUpTo);
      HandlerRuntime.RunStep step = h.run(why.get(), index, settings.staleness().get(), forRun,
          forRun == host ? this::hostJson : () -> HostJson.of(forRun), events, now);
      runs.add(new HandlerRun(h.source().name(), why.get(), step.outcome(), System.nanoTime() - t0));
      step.failure().ifPresent(failures::add);
      notes.addAll(h.drainNotifications());
      reports.addAll(h.drainReports());
    }
    boolean changed = resolveAndEnforce();
    failures.forEach(f -> listeners.forEach(l -> l.failed(f)));
    notes.forEach(n -> listeners.forEach(l -> l.notified(n)));
    reports.forEach(r -> listeners.forEach(l -> l.reported(r)));
    return new PollResult(runs, failures, notes, reports, resolution.desired(), changed);
  }

  /** The current host snapshot as JSON, written once per snapshot for all handlers. */
  private HostJson.Doc hostJson() {
    if (hostJsonOf != host) {
      hostJson = HostJson.of(host);
      hostJsonOf = host;
    }
    return hostJson;
  }

  private void retryIfDue(HandlerRuntime h, Instant now, List<HandlerFailure> failures) {
    if (h.status() != HandlerStatus.FAILED || settings.retryAfter().isZero() || h.counters().failedAt == null
        || now.isBefore(h.counters().failedAt.plus(settings.retryAfter()))) {
      return;
    }
    h.load(sandbox, settings.limits(), now).ifPresent(failures::add);
    h.trigger().stateChanged(now);
  }

  /** Resolves all claims; hands the desired state to enforcement if it changed. */
  private boolean resolveAndEnforce() {
    DesiredState before = resolution.desired();
    resolve();
    boolean changed = !before.equals(resolution.desired());
    if (changed) {
      enforcement.apply(resolution.desired());
    }
    return changed;
  }

  private void resolve() {
    List<Claim> claims = new ArrayList<>();
    handlers.values().forEach(h -> claims.addAll(h.claims()));
    resolution = ConflictResolver.resolve(claims);
  }

  /** The desired state after the last poll. */
  public synchronized DesiredState desired() {
    return resolution.desired();
  }

  public synchronized Resolution resolution() {
    return resolution;
  }

  /** The earliest instant any handler may be due: a scheduler can sleep until then. */
  public synchronized Optional<Instant> nextDue() {
    return handlers.values().stream().filter(h -> h.status() != HandlerStatus.FAILED)
        .map(h -> h.trigger().nextDue()).min(Instant::compareTo);
  }

  /** What every handler is doing and why, and who owns each effective restriction. */
  public synchronized Explanation explain() {
    return Explanation.of(settings.clock().instant(), state, handlers.values(), resolution);
  }

  /** Unloads every handler (reverting all restrictions, enforcing the empty state if needed). */
  @Override
  public synchronized void close() {
    boolean hadAny = !resolution.desired().isEmpty();
    handlers.values().forEach(HandlerRuntime::unload);
    handlers.clear();
    resolution = Resolution.EMPTY;
    if (hadAny) {
      enforcement.apply(DesiredState.empty());
    }
  }
}
