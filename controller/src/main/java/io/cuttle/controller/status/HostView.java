package io.cuttle.controller.status;

import java.time.Duration;
import java.util.Objects;

/**
 * A host's latest status as seen at one instant.
 *
 * @param status          its latest status
 * @param liveness        whether it is still reporting
 * @param sinceLastReport time from its last report to the instant of the view
 */
public record HostView(HostStatus status, Liveness liveness, Duration sinceLastReport) {
  public HostView {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(liveness, "liveness");
    Objects.requireNonNull(sinceLastReport, "sinceLastReport");
  }
}
