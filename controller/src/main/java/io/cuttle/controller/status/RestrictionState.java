package io.cuttle.controller.status;

import java.util.Objects;

/**
 * One restriction a host reported and what became of it.
 *
 * @param handler the handler that asked for it
 * @param app     the application it applies to
 * @param action  e.g. {@code restrict}, {@code block}, {@code mark}
 * @param outcome what the host's enforcement made of it
 * @param detail  the host's explanation (empty when none)
 */
public record RestrictionState(String handler, String app, String action, EnforcementOutcome outcome, String detail) {
  public RestrictionState {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }

  /** Identity of a restriction across reports: handler, app and action. */
  String key() {
    return handler + "/" + app + "/" + action;
  }
}
