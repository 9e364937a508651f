package io.cuttle.daemon.subscription;

import io.cuttle.common.config.HostPort;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of the subscription and why it is in it.
 *
 * @param state      where the subscription stands
 * @param controller the controller this status is about (the one that failed, when backing off)
 * @param error      what went wrong, while the subscription is recovering from it
 * @param since      when the subscription entered this status
 */
public record ConnectionStatus(ConnectionState state, HostPort controller, Optional<String> error, Instant since) {
  public ConnectionStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(since, "since");
  }

  public boolean streaming() {
    return state == ConnectionState.STREAMING;
  }

  /** One line for logs and displays, such as {@code BACKING_OFF 10.0.0.1:7420: UNAVAILABLE: ...}. */
  public String describe() {
    return state + " " + controller + error.map(e -> ": " + e).orElse("");
  }
}
