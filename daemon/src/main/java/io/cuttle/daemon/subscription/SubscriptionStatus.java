package io.cuttle.daemon.subscription;

import io.cuttle.common.config.HostPort;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A consistent read of a subscription for displays and reports.
 *
 * @param controller the controller the subscription uses or will try next
 * @param connection the connection status and why
 * @param staleness  time since any controller was last heard from (since start if never)
 * @param lastHeard  when a controller was last heard from, if ever
 */
public record SubscriptionStatus(HostPort controller, ConnectionStatus connection, Duration staleness,
    Optional<Instant> lastHeard) {
  public SubscriptionStatus {
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(staleness, "staleness");
    Objects.requireNonNull(lastHeard, "lastHeard");
  }
}
