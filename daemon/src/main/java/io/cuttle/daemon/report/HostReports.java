package io.cuttle.daemon.report;

import io.cuttle.enforce.EnforcementReport;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.Outcome;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.policy.conflict.Ownership;
import io.cuttle.policy.engine.Explanation;
import io.cuttle.wire.v1.HandlerStatus;
import io.cuttle.wire.v1.HostReport;
import io.cuttle.wire.v1.Restriction;
import io.cuttle.wire.v1.RestrictionOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds the {@code HostReport} a daemon sends: the state it holds, its handlers and every
 * effective restriction with the handler that owns it and what the adapter made of it.
 */
public final class HostReports {
  private HostReports() {}

  /** A report without handlers (none loaded). */
  public static HostReport of(String hostId, String daemonVersion, NetworkState state, Duration staleness,
      Instant now, List<String> errors) {
    return of(hostId, daemonVersion, state, staleness, now, errors, Optional.empty(), Optional.empty());
  }

  /**
   * @param state       the state the daemon holds
   * @param staleness   time since a controller was last heard from
   * @param now         when the report is produced
   * @param errors      current problems, one line each
   * @param handlers    the handler engine's view, when handlers are loaded
   * @param enforcement the adapter's latest outcome, when one enforces
   */
  public static HostReport of(String hostId, String daemonVersion, NetworkState state, Duration staleness,
      Instant now, List<String> errors, Optional<Explanation> handlers, Optional<EnforcementReport> enforcement) {
    HostReport.Builder b = HostReport.newBuilder()
        .setHostId(hostId)
        .setLineageId(state.lineage().id())
        .setVersion(state.version())
        .setStalenessMs(Math.max(0, staleness.toMillis()))
        .setDaemonVersion(daemonVersion)
        .setReportedAtMs(now.toEpochMilli())
        .addAllErrors(errors);
    handlers.ifPresent(x -> {
      for (Explanation.HandlerInfo h : x.handlers()) {
        b.addHandlers(HandlerStatus.newBuilder().setName(h.name()).setPhase(h.status().name().toLowerCase(Locale.ROOT)));
        h.lastFailure().ifPresent(f -> b.addErrors("handler " + h.name() + ": " + f.describe()));
      }
      for (Ownership o : x.owners()) {
        Optional<Outcome> done = enforcement.flatMap(r -> r.of(o.app(), o.kind()));
        b.addRestrictions(Restriction.newBuilder()
            .setHandler(o.owner())
            .setApp(o.app())
            .setAction(actionName(o.kind()))
            .setOutcome(done.map(d -> wire(d.outcome())).orElse(RestrictionOutcome.PENDING))
            .setDetail(value(o) + done.map(d -> d.detail().isEmpty() ? "" : "; " + d.detail()).orElse("")));
      }
    });
    return b.build();
  }

  /** The name of an action in reports and metrics: restrict-up, restrict-down, block, mark. */
  public static String actionName(ActionKind kind) {
    return switch (kind) {
      case LIMIT_UP -> "restrict-up";
      case LIMIT_DOWN -> "restrict-down";
      case BLOCK -> "block";
      case MARK -> "mark";
    };
  }

  private static String value(Ownership o) {
    return switch (o.kind()) {
      case LIMIT_UP, LIMIT_DOWN -> o.value() + " bit/s";
      case BLOCK -> "blocked";
      case MARK -> "dscp " + o.value();
    };
  }

  /** The wire outcome of an adapter's outcome. */
  public static RestrictionOutcome wire(io.cuttle.host.enforce.RestrictionOutcome o) {
    return switch (o) {
      case APPLIED -> RestrictionOutcome.ENFORCED;
      case PARTIAL -> RestrictionOutcome.PARTIAL;
      case UNSUPPORTED_ON_OS -> RestrictionOutcome.UNSUPPORTED;
      case APP_NOT_RUNNING -> RestrictionOutcome.APP_NOT_RUNNING;
      case KERNEL_REFUSED -> RestrictionOutcome.FAILED;
      case PLANNED -> RestrictionOutcome.PENDING;
      case REVERTED -> RestrictionOutcome.REVERTED;
    };
  }
}
