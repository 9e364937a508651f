package io.cuttle.policy.engine;

import java.time.Instant;
import java.util.Objects;

/** A value a handler reported ({@code report(key, value)}), for the controller or operators. */
public record ReportEntry(String handler, String key, String value, Instant at) {
  public ReportEntry {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(at, "at");
  }
}
