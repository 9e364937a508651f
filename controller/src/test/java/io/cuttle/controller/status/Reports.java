package io.cuttle.controller.status;

import io.cuttle.wire.v1.HandlerStatus;
import io.cuttle.wire.v1.HostReport;
import io.cuttle.wire.v1.Restriction;
import io.cuttle.wire.v1.RestrictionOutcome;
import java.time.Instant;

/** Builds host reports as daemons send them. */
final class Reports {
  private Reports() {}

  static HostReport.Builder report(String host) {
    return HostReport.newBuilder().setHostId(host).setLineageId(0x5eed).setVersion(7).setReportedAtMs(1000)
        .setDaemonVersion("0.1.0");
  }

  static HostReport.Builder handler(HostReport.Builder b, String name, String phase) {
    return b.addHandlers(HandlerStatus.newBuilder().setName(name).setPhase(phase));
  }

  static HostReport.Builder restriction(HostReport.Builder b, String app, RestrictionOutcome outcome, String detail) {
    return b.addRestrictions(Restriction.newBuilder().setHandler("smooth").setApp(app).setAction("restrict")
        .setOutcome(outcome).setDetail(detail));
  }

  static HostStatus status(HostReport.Builder b, Instant at) {
    return HostStatus.fromReport(b.build(), at);
  }
}
