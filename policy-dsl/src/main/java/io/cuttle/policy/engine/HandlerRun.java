package io.cuttle.policy.engine;

import io.cuttle.policy.triggers.Trigger;
import java.util.Objects;

/** One run of one handler: why it ran, what it did and how long it took. */
public record HandlerRun(String handler, Trigger trigger, RunOutcome outcome, long nanos) {
  public HandlerRun {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(outcome, "outcome");
  }
}
