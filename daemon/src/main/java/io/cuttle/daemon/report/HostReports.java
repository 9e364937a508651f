package io.cuttle.daemon.report;

import io.cuttle.netstate.model.NetworkState;
import io.cuttle.wire.v1.HostReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Builds the {@code HostReport} a daemon sends; handlers and restrictions are not filled yet. */
public final class HostReports {
  private HostReports() {}

  /**
   * @param state     the state the daemon holds
   * @param staleness time since a controller was last heard from
   * @param now       when the report is produced
   * @param errors    current problems, one line each
   */
  public static HostReport of(String hostId, String daemonVersion, NetworkState state, Duration staleness,
      Instant now, List<String> errors) {
    return HostReport.newBuilder()
        .setHostId(hostId)
        .setLineageId(state.lineage().id())
        .setVersion(state.version())
        .setStalenessMs(Math.max(0, staleness.toMillis()))
        .setDaemonVersion(daemonVersion)
        .setReportedAtMs(now.toEpochMilli())
        .addAllErrors(errors)
        .build();
  }
}
