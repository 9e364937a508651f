package io.cuttle.controller.status;

import static io.cuttle.common.config.ConfigNode.formatDuration;

import io.cuttle.controller.status.StatusChange.Kind;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queries over the {@link HostStatusStore}: each host's status with its {@link Liveness} judged
 * against the stale-after limit on the injected clock. {@link #check()}, run periodically,
 * records when hosts go stale or resume (in their history and the log) and refreshes the
 * counts behind the metrics {@code cuttle.controller.status.hosts{state}} and
 * {@code cuttle.controller.status.restrictions{outcome}}.
 */
public final class HostStatusService {
  private static final Logger log = LoggerFactory.getLogger(HostStatusService.class);

  private final HostStatusStore store;
  private final Duration staleAfter;
  private final Clock clock;
  private final Set<String> flaggedStale = new HashSet<>(); // guarded by this
  private volatile StatusSummary summary = StatusSummary.EMPTY;

  public HostStatusService(HostStatusStore store, Duration staleAfter, Clock clock, MeterRegistry registry) {
    this.store = Objects.requireNonNull(store, "store");
    this.staleAfter = Objects.requireNonNull(staleAfter, "staleAfter");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (staleAfter.isNegative() || staleAfter.isZero()) {
      throw new IllegalArgumentException("stale-after must be positive, got " + staleAfter);
    }
    for (Liveness l : Liveness.values()) {
      Gauge.builder("cuttle.controller.status.hosts", this,
              s -> l == Liveness.STALE ? s.summary.stale() : s.summary.reporting())
          .tag("state", l.name().toLowerCase(Locale.ROOT))
          .description("Hosts known to the status store, by whether they are still reporting").register(registry);
    }
    for (EnforcementOutcome o : EnforcementOutcome.values()) {
      Gauge.builder("cuttle.controller.status.restrictions", this, s -> s.summary.restrictions(o))
          .tag("outcome", o.name().toLowerCase(Locale.ROOT))
          .description("Restrictions in the hosts' latest reports, by outcome").register(registry);
    }
  }

  public HostStatusStore store() {
    return store;
  }

  public Duration staleAfter() {
    return staleAfter;
  }

  /** The hosts {@code filter} matches, sorted by host id, judged now. */
  public List<HostView> hosts(HostFilter filter) {
    Instant now = clock.instant();
    return store.all().stream().map(s -> view(s, now)).filter(filter::matches).toList();
  }

  /** One host judged now; empty if it never reported. */
  public Optional<HostView> host(String hostId) {
    Instant now = clock.instant();
    return store.get(hostId).map(s -> view(s, now));
  }

  public List<StatusChange> history(String hostId) {
    return store.history(hostId);
  }

  /** The counts of the last {@link #check()}. */
  public StatusSummary summary() {
    return summary;
  }

  HostView view(HostStatus s, Instant now) {
    Duration since = Duration.between(s.receivedAt(), now);
    return new HostView(s, since.compareTo(staleAfter) > 0 ? Liveness.STALE : Liveness.REPORTING,
        since.isNegative() ? Duration.ZERO : since);
  }

  /**
   * Judges every host now: a host that became stale gets {@code WENT_STALE} in its history (once,
   * even across restarts), one that reported again gets {@code RESUMED}; refreshes the summary.
   */
  public synchronized StatusSummary check() {
    Instant now = clock.instant();
    int reporting = 0;
    int stale = 0;
    Map<EnforcementOutcome, Integer> counts = new EnumMap<>(EnforcementOutcome.class);
    Set<String> seen = new HashSet<>();
    for (HostStatus s : store.all()) {
      HostView v = view(s, now);
      seen.add(s.hostId());
      s.restrictionsByOutcome().forEach((o, n) -> counts.merge(o, n, Integer::sum));
      if (v.liveness() == Liveness.STALE) {
        stale++;
        wentStale(v);
      } else {
        reporting++;
        resumed(v);
      }
    }
    flaggedStale.retainAll(seen);
    summary = StatusSummary.of(reporting, stale, counts);
    return summary;
  }

  private void wentStale(HostView v) {
    String host = v.status().hostId();
    if (!flaggedStale.add(host)) {
      return;
    }
    if (lastLivenessChange(host).equals(Optional.of(Kind.WENT_STALE))) {
      return; // flagged before a restart
    }
    String detail = "no report for " + formatDuration(v.sinceLastReport().withNanos(0)) + " (stale after "
        + formatDuration(staleAfter) + ")";
    store.note(host, new StatusChange(v.status().receivedAt().plus(staleAfter).truncatedTo(ChronoUnit.MILLIS),
        Kind.WENT_STALE, detail));
    log.warn("host '{}' stopped reporting: {}", host, detail);
  }

  private void resumed(HostView v) {
    String host = v.status().hostId();
    boolean wasFlagged = flaggedStale.remove(host);
    if (wasFlagged || lastLivenessChange(host).equals(Optional.of(Kind.WENT_STALE))) {
      store.note(host, new StatusChange(v.status().receivedAt(), Kind.RESUMED, "reporting again"));
      log.info("host '{}' is reporting again", host);
    }
  }

  /** The last WENT_STALE or RESUMED in the host's history. */
  private Optional<Kind> lastLivenessChange(String host) {
    List<StatusChange> h = store.history(host);
    for (int i = h.size() - 1; i >= 0; i--) {
      Kind k = h.get(i).kind();
      if (k == Kind.WENT_STALE || k == Kind.RESUMED) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
