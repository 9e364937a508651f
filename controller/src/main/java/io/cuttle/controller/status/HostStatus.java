package io.cuttle.controller.status;

import io.cuttle.wire.v1.HostReport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The latest status of one host: what its last {@code Report} said and when the controller
 * received it. Immutable; lists are copies.
 *
 * @param hostId          the host's identity
 * @param receivedAt      when the controller received the report (controller clock)
 * @param reportedAt      when the daemon produced it (the host's clock)
 * @param lineageId       lineage of the network state the host holds (0: none)
 * @param version         version of that state
 * @param daemonVersion   the daemon's software version
 * @param daemonStaleness how long the daemon had not heard from a controller when it reported
 * @param handlers        the handlers it runs
 * @param restrictions    every restriction it reported, with its outcome
 * @param errors          its current problems, one line each
 */
public record HostStatus(String hostId, Instant receivedAt, Instant reportedAt, long lineageId, long version,
    String daemonVersion, Duration daemonStaleness, List<HandlerState> handlers,
    List<RestrictionState> restrictions, List<String> errors) {

  public HostStatus {
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(reportedAt, "reportedAt");
    Objects.requireNonNull(daemonVersion, "daemonVersion");
    Objects.requireNonNull(daemonStaleness, "daemonStaleness");
    if (hostId.isBlank()) {
      throw new IllegalArgumentException("host id must not be blank, got '" + hostId + "'");
    }
    handlers = List.copyOf(handlers);
    restrictions = List.copyOf(restrictions);
    errors = List.copyOf(errors);
  }

  /** The status a report describes, received at {@code receivedAt} (kept to the millisecond). */
  public static HostStatus fromReport(HostReport r, Instant receivedAt) {
    return new HostStatus(r.getHostId(), receivedAt.truncatedTo(ChronoUnit.MILLIS), Instant.ofEpochMilli(r.getReportedAtMs()), r.getLineageId(),
        r.getVersion(), r.getDaemonVersion(), Duration.ofMillis(Math.max(0, r.getStalenessMs())),
        r.getHandlersList().stream().map(h -> new HandlerState(h.getName(), h.getPhase())).toList(),
        r.getRestrictionsList().stream().map(x -> new RestrictionState(x.getHandler(), x.getApp(), x.getAction(),
            EnforcementOutcome.fromWire(x.getOutcome()), x.getDetail())).toList(),
        r.getErrorsList());
  }

  /** How many of its restrictions have each outcome (outcomes with none are absent). */
  public Map<EnforcementOutcome, Integer> restrictionsByOutcome() {
    Map<EnforcementOutcome, Integer> out = new EnumMap<>(EnforcementOutcome.class);
    restrictions.forEach(r -> out.merge(r.outcome(), 1, Integer::sum));
    return out;
  }

  /** Whether any of its restrictions has {@code outcome}. */
  public boolean hasOutcome(EnforcementOutcome outcome) {
    return restrictions.stream().anyMatch(r -> r.outcome() == outcome);
  }
}
