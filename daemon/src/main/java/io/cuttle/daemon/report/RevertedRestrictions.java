package io.cuttle.daemon.report;

import io.cuttle.enforce.EnforcementReport;
import io.cuttle.host.enforce.Outcome;
import io.cuttle.wire.v1.HostReport;
import io.cuttle.wire.v1.Restriction;
import io.cuttle.wire.v1.RestrictionOutcome;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The restrictions the adapter removed, for status reports: each is reported as {@code REVERTED},
 * with the handler that owned it, until a report carrying it is acknowledged by a controller; then
 * it disappears. A restriction back in force before that is no longer reported as reverted.
 */
public final class RevertedRestrictions {
  /** Owner of each restriction seen in force, by app and action. */
  private final Map<String, String> owners = new HashMap<>();
  private final Map<String, Restriction> pending = new LinkedHashMap<>();
  private EnforcementReport taken;

  /** {@code report} with the reverted restrictions not yet acknowledged appended. */
  public synchronized HostReport addTo(HostReport report, Optional<EnforcementReport> enforcement) {
    enforcement.filter(e -> e != taken).ifPresent(this::take);
    for (Restriction r : report.getRestrictionsList()) {
      owners.put(key(r.getApp(), r.getAction()), r.getHandler());
      pending.remove(key(r.getApp(), r.getAction())); // in force (again): not reverted
    }
    return pending.isEmpty() ? report : report.toBuilder().addAllRestrictions(pending.values()).build();
  }

  private void take(EnforcementReport e) {
    taken = e;
    for (Outcome o : e.outcomes()) {
      if (o.outcome() != io.cuttle.host.enforce.RestrictionOutcome.REVERTED) {
        continue;
      }
      String action = HostReports.actionName(o.action());
      String k = key(o.app(), action);
      pending.put(k, Restriction.newBuilder().setHandler(owners.getOrDefault(k, ""))
          .setApp(o.app()).setAction(action).setOutcome(RestrictionOutcome.REVERTED).setDetail(o.detail()).build());
    }
  }

  /** A controller acknowledged {@code report}: the reverted restrictions it carried are not sent again. */
  public synchronized void acknowledged(HostReport report) {
    for (Restriction r : report.getRestrictionsList()) {
      if (r.getOutcome() == RestrictionOutcome.REVERTED) {
        pending.remove(key(r.getApp(), r.getAction()), r);
      }
    }
  }

  private static String key(String app, String action) {
    return app + "/" + action;
  }
}
