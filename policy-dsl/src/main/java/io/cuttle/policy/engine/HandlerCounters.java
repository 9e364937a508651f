package io.cuttle.policy.engine;

import io.cuttle.policy.sandbox.HandlerFailure;
import java.time.Instant;
import java.util.Optional;

/** What happened to one handler so far, for {@code explain}. Mutable; owned by its runtime. */
final class HandlerCounters {
  long runs;
  long fires;
  long failures;
  Instant loadedAt;
  Instant lastRunAt;
  Instant lastFiredAt;
  Instant registeredAt;
  Instant lastDeregisteredAt;
  Instant failedAt;
  HandlerFailure lastFailure;

  void loaded(Instant at) {
    loadedAt = at;
  }

  void ran(Instant at) {
    runs++;
    lastRunAt = at;
  }

  void fired(Instant at) {
    fires++;
    lastFiredAt = at;
  }

  void registered(Instant at) {
    registeredAt = at;
  }

  void deregistered(Instant at) {
    lastDeregisteredAt = at;
    registeredAt = null;
  }

  void failed(HandlerFailure f, Instant at) {
    failures++;
    failedAt = at;
    lastFailure = f;
    registeredAt = null;
  }

  Optional<HandlerFailure> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }
}
