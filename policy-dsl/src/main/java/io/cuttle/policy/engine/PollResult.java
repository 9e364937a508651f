package io.cuttle.policy.engine;

import io.cuttle.host.enforce.DesiredState;
import io.cuttle.policy.sandbox.HandlerFailure;
import java.util.List;

/** What one poll of the engine did: the runs, their side outputs, and the desired state after it. */
public record PollResult(List<HandlerRun> runs, List<HandlerFailure> failures, List<Notification> notifications,
    List<ReportEntry> reports, DesiredState desired, boolean desiredChanged) {
  public PollResult {
    runs = List.copyOf(runs);
    failures = List.copyOf(failures);
    notifications = List.copyOf(notifications);
    reports = List.copyOf(reports);
  }
}
