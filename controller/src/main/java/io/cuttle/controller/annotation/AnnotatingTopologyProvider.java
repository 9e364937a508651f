package io.cuttle.controller.annotation;

import io.cuttle.common.config.Diagnostic;
import io.cuttle.controller.topology.SpecChange;
import io.cuttle.controller.topology.TopologyProvider;
import io.cuttle.controller.topology.TopologyProviderListener;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TopologyProvider} that wraps another and lays link annotations and sites over every
 * spec it delivers: the static rules of the configuration, and loads and capacities measured over
 * SNMP every {@code interval}. A measurement round delivers a new spec only if some link's values
 * changed beyond the {@link ChangeThreshold}; links whose change is below it keep their previously
 * sent values (and time), so the store's annotation round carries only the links that changed.
 * Measurements older than {@code staleAfter} are withdrawn. Specs from the wrapped provider are
 * passed on at once with the current annotations; its rejections are passed on unchanged.
 */
public final class AnnotatingTopologyProvider implements TopologyProvider {
  private static final Logger log = LoggerFactory.getLogger(AnnotatingTopologyProvider.class);

  /** The result of one measurement round, for status and tests. */
  public record Round(Instant at, int linksMeasured, Set<String> linksSent, Set<String> linksWithdrawn) {
    public Round {
      linksSent = Set.copyOf(linksSent);
      linksWithdrawn = Set.copyOf(linksWithdrawn);
    }
  }

  private final TopologyProvider delegate;
  private final AnnotationSettings settings;
  private final Optional<SnmpLoadPoller> poller;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final Clock clock;
  /** Serialises rounds, which poll outside the state lock. */
  private final Object roundLock = new Object();

  // Guarded by this.
  private TopologyProviderListener listener;
  private TopologySpec base;
  /** What was delivered last (base with annotations and sites laid over it). */
  private TopologySpec composed;
  private StaticAnnotations.Resolved resolved;
  private List<String> lastUnresolved = List.of();
  private final Map<String, MeasuredLink> published = new LinkedHashMap<>();
  private final Map<String, Instant> lastLoadSeen = new HashMap<>();
  private Round lastRound;
  private ScheduledFuture<?> task;
  private boolean closed;

  /**
   * @param poller    the SNMP poller, or empty for static annotations only; closed with this
   * @param scheduler runs the measurement rounds; not shut down by {@link #close}
   */
  public AnnotatingTopologyProvider(TopologyProvider delegate, AnnotationSettings settings,
      Optional<SnmpLoadPoller> poller, ScheduledExecutorService scheduler, Clock clock) {
    this(delegate, settings, poller, scheduler, false, clock);
  }

  private AnnotatingTopologyProvider(TopologyProvider delegate, AnnotationSettings settings,
      Optional<SnmpLoadPoller> poller, ScheduledExecutorService scheduler, boolean ownsScheduler, Clock clock) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.poller = Objects.requireNonNull(poller, "poller");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.ownsScheduler = ownsScheduler;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Wraps {@code delegate} with an SNMP poller over UDP (when agents are configured) and a
   * scheduler thread of its own, so that slow agents never delay other timers.
   */
  public static AnnotatingTopologyProvider create(TopologyProvider delegate, AnnotationSettings settings,
      Clock clock) throws IOException {
    Optional<SnmpLoadPoller> poller = settings.agents().isEmpty() ? Optional.empty()
        : Optional.of(new SnmpLoadPoller(settings.agents(),
            new Snmp4jCounterSource(clock, settings.snmpTimeout(), settings.snmpRetries()), settings.parallelism()));
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cuttle-annotations");
      t.setDaemon(true);
      return t;
    });
    return new AnnotatingTopologyProvider(delegate, settings, poller, scheduler, true, clock);
  }

  @Override
  public String name() {
    return delegate.name() + " +annotations";
  }

  @Override
  public java.util.Optional<String> statusDetail() {
    return delegate.statusDetail();
  }

  @Override
  public void start(TopologyProviderListener listener) {
    synchronized (this) {
      if (this.listener != null || closed) {
        throw new IllegalStateException("annotating provider already started or closed");
      }
      this.listener = Objects.requireNonNull(listener, "listener");
    }
    delegate.start(new Inner());
    if (poller.isPresent()) {
      long ms = settings.interval().toMillis();
      synchronized (this) {
        if (!closed) {
          task = scheduler.scheduleAtFixedRate(this::roundSafely, 0, ms, TimeUnit.MILLISECONDS);
        }
      }
    }
  }

  /** What the wrapped provider delivers goes through here. */
  private final class Inner implements TopologyProviderListener {
    @Override
    public void specChanged(TopologySpec spec) {
      synchronized (AnnotatingTopologyProvider.this) {
        if (closed) {
          return;
        }
        base = spec;
        resolve();
        Set<String> names = linkNames(spec);
        published.keySet().retainAll(names);
        lastLoadSeen.keySet().retainAll(names);
        deliver();
      }
    }

    /**
     * Costs select no rule, site or measurement (they go by name, router ids and interface
     * addresses), so a change of costs passes on as it is, laid over the last composed spec; one
     * that adds or removes anything is composed anew.
     */
    @Override
    public void specUpdated(TopologySpec spec, SpecChange change) {
      synchronized (AnnotatingTopologyProvider.this) {
        if (closed) {
          return;
        }
        if (change.base() != base || composed == null || !change.costsOnly()) {
          specChanged(spec);
          return;
        }
        base = spec;
        TopologySpec before = composed;
        composed = before.withLinks(spec.links()).withPrefixes(spec.prefixes());
        listener.specUpdated(composed, new SpecChange(before, change.links(), change.prefixes()));
      }
    }

    @Override
    public void specRejected(String source, List<Diagnostic> problems) {
      synchronized (AnnotatingTopologyProvider.this) {
        if (!closed) {
          listener.specRejected(source, problems);
        }
      }
    }
  }

  private void roundSafely() {
    try {
      round();
    } catch (RuntimeException e) {
      log.error("annotation round failed; next round in {}", settings.interval(), e);
    }
  }

  /** One measurement round: poll, compare, deliver if anything significant changed. */
  public void round() {
    synchronized (roundLock) {
      Map<InetAddress, InterfaceRate> rates = poller.map(SnmpLoadPoller::poll).orElse(Map.of());
      apply(rates);
    }
  }

  private synchronized void apply(Map<InetAddress, InterfaceRate> rates) {
    if (closed || base == null) {
      return;
    }
    Instant now = clock.instant();
    Map<String, MeasuredLink> fresh = LinkLoadMapper.map(base, rates);
    Set<String> sent = new HashSet<>();
    fresh.forEach((link, measured) -> {
      MeasuredLink before = published.get(link);
      MeasuredLink m = carryOver(link, before, measured, now);
      if (measured.abBps().isPresent() || measured.baBps().isPresent()) {
        lastLoadSeen.put(link, now);
      }
      if (before == null || settings.threshold().significant(before, m)) {
        published.put(link, m);
        sent.add(link);
      }
    });
    Set<String> withdrawn = new HashSet<>();
    for (String link : Set.copyOf(published.keySet())) {
      Instant seen = lastLoadSeen.getOrDefault(link, published.get(link).at());
      if (!fresh.containsKey(link) && Duration.between(seen, now).compareTo(settings.staleAfter()) > 0) {
        published.remove(link);
        lastLoadSeen.remove(link);
        withdrawn.add(link);
      }
    }
    lastRound = new Round(now, fresh.size(), sent, withdrawn);
    if (!sent.isEmpty() || !withdrawn.isEmpty()) {
      deliver();
    }
  }

  /**
   * A round without a rate for a direction (a baseline after an agent restart or counter reset)
   * keeps the previous value of that direction until it becomes stale.
   */
  private MeasuredLink carryOver(String link, MeasuredLink before, MeasuredLink m, Instant now) {
    Instant seen = lastLoadSeen.get(link);
    if (before == null || seen == null || Duration.between(seen, now).compareTo(settings.staleAfter()) > 0) {
      return m;
    }
    return new MeasuredLink(m.abBps().isPresent() ? m.abBps() : before.abBps(),
        m.baBps().isPresent() ? m.baBps() : before.baBps(), m.capacityBps(), m.at());
  }

  private void resolve() {
    resolved = settings.statics().resolve(base);
    if (!resolved.unresolved().equals(lastUnresolved)) {
      resolved.unresolved().forEach(u -> log.warn("annotations: {}", u));
      lastUnresolved = resolved.unresolved();
    }
  }

  private void deliver() {
    composed = SpecOverlay.compose(base, resolved, published);
    listener.specChanged(composed);
  }

  private static Set<String> linkNames(TopologySpec spec) {
    Set<String> names = new HashSet<>();
    for (LinkSpec l : spec.links()) {
      names.add(l.name());
    }
    return names;
  }

  /** The latest measurement round, if any ran. */
  public synchronized Optional<Round> lastRound() {
    return Optional.ofNullable(lastRound);
  }

  /** Rules and uplinks of the configuration that matched nothing in the current topology. */
  public synchronized List<String> unresolved() {
    return lastUnresolved;
  }

  /** The outcome of each agent's latest poll. */
  public Map<SnmpAgent, PollOutcome> agentOutcomes() {
    return poller.map(SnmpLoadPoller::lastOutcomes).orElse(Map.of());
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (task != null) {
        task.cancel(false);
      }
    }
    delegate.close();
    if (ownsScheduler) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    poller.ifPresent(SnmpLoadPoller::close);
  }
}
