package io.cuttle.host.enforce;

import java.util.Objects;

/** The outcome of one action of one application's restriction, with a human-readable detail. */
public record Outcome(String app, ActionKind action, RestrictionOutcome outcome, String detail) {
  public Outcome {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }
}
