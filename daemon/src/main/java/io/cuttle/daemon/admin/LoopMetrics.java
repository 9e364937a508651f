package io.cuttle.daemon.admin;

import io.cuttle.daemon.policy.LoopObserver;
import io.cuttle.daemon.report.HostReports;
import io.cuttle.daemon.report.ReactionLog;
import io.cuttle.enforce.EnforcementReport;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.RestrictionOutcome;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.policy.engine.HandlerRun;
import io.cuttle.policy.engine.PollResult;
import io.cuttle.policy.sandbox.HandlerFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The daemon's meters of the exception-handling loop (Prometheus names): handler runs by handler
 * and result ({@code cuttle_daemon_handler_runs_total}), handler failures by handler and kind
 * ({@code cuttle_daemon_handler_failures_total}), restrictions in force by action and outcome
 * after the latest reconcile ({@code cuttle_daemon_restrictions_active}), and the reaction latency
 * ({@code cuttle_daemon_reaction_latency_seconds}, a histogram): from the commit at the controller
 * ({@code from="commit"}; deltas only, as a snapshot's version may have been committed long before
 * this daemon connected) and from the arrival here ({@code from="receipt"}) of the state that made
 * the handlers change their desired state, to the adapter having reconciled the system to it.
 *
 * <p>A reaction is attributed to the latest state that reached the handlers before the handlers
 * changed their desired state, if it arrived at most {@link #MAX_REACTION} before (handlers may wait
 * for a condition to hold a while); a change no new state preceded since the last change (host
 * traffic, timers) is not a reaction and is not measured.
 */
public final class LoopMetrics implements LoopObserver {
  /** A desired state that changes longer than this after the latest state arrived is no reaction to it. */
  public static final Duration MAX_REACTION = Duration.ofSeconds(60);

  private final MeterRegistry registry;
  private final ReactionLog reactions;
  private final Clock clock;
  private final Timer fromCommit;
  private final Timer fromReceipt;
  private final AtomicReference<EnforcementReport> latest = new AtomicReference<>();
  private Trigger trigger; // guarded by this: the latest state not yet followed by a change of the desired state
  private Reaction awaiting; // guarded by this: a desired state waiting for the adapter

  private record Trigger(long version, Instant committedAt, Instant receivedAt, boolean snapshot) {}

  private record Reaction(DesiredState desired, Trigger cause) {}

  /** @param reactions where each measured reaction also goes, for the status reports */
  public LoopMetrics(MeterRegistry registry, Clock clock, ReactionLog reactions) {
    this.reactions = Objects.requireNonNull(reactions, "reactions");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.fromCommit = latency("commit");
    this.fromReceipt = latency("receipt");
    for (ActionKind a : ActionKind.values()) {
      for (RestrictionOutcome o : RestrictionOutcome.values()) {
        if (o == RestrictionOutcome.REVERTED) {
          continue; // removed: not in force
        }
        Gauge.builder("cuttle.daemon.restrictions.active", latest, r -> count(r.get(), a, o))
            .tag("action", HostReports.actionName(a))
            .tag("outcome", HostReports.wire(o).name().toLowerCase(Locale.ROOT))
            .description("restrictions after the latest reconcile, by action and outcome").register(registry);
      }
    }
  }

  private Timer latency(String from) {
    return Timer.builder("cuttle.daemon.reaction.latency").tag("from", from)
        .description("from a state change (its commit at the controller, or its arrival here) to the adapter"
            + " having applied the handlers' new desired state")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
  }

  private static double count(EnforcementReport r, ActionKind a, RestrictionOutcome o) {
    if (r == null) {
      return 0;
    }
    return r.outcomes().stream().filter(x -> x.action() == a && x.outcome() == o).count();
  }

  @Override
  public synchronized void stateApplied(NetworkState state, boolean snapshot) {
    trigger = new Trigger(state.version(), state.at(), clock.instant(), snapshot);
  }

  @Override
  public void polled(PollResult result) {
    for (HandlerRun run : result.runs()) {
      Counter.builder("cuttle.daemon.handler.runs").tag("handler", run.handler())
          .tag("result", run.outcome().name().toLowerCase(Locale.ROOT))
          .description("handler runs, by handler and what the run did").register(registry).increment();
    }
  }

  @Override
  public synchronized void desiredChanged(DesiredState desired) {
    if (trigger != null && Duration.between(trigger.receivedAt(), clock.instant()).compareTo(MAX_REACTION) <= 0) {
      awaiting = new Reaction(desired, trigger);
    }
    trigger = null;
  }

  @Override
  public void failed(HandlerFailure failure) {
    Counter.builder("cuttle.daemon.handler.failures").tag("handler", failure.handler())
        .tag("kind", failure.kind().name().toLowerCase(Locale.ROOT))
        .description("handler failures (loading or running), by handler and kind").register(registry).increment();
  }

  /** The adapter reconciled the system to {@code desired} (on the enforcement thread). */
  public void reconciled(DesiredState desired, EnforcementReport report) {
    latest.set(report);
    Reaction done;
    synchronized (this) {
      done = awaiting != null && awaiting.desired().equals(desired) ? awaiting : null;
      if (done != null) {
        awaiting = null;
      }
    }
    if (done != null) {
      Instant now = clock.instant();
      Optional<Duration> commit = done.cause().snapshot() ? Optional.empty()
          : Optional.of(nonNegative(Duration.between(done.cause().committedAt(), now)));
      Duration receipt = nonNegative(Duration.between(done.cause().receivedAt(), now));
      commit.ifPresent(fromCommit::record);
      fromReceipt.record(receipt);
      reactions.record(done.cause().version(), commit, receipt);
    }
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
