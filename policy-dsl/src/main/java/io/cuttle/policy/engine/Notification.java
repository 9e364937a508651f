package io.cuttle.policy.engine;

import java.time.Instant;
import java.util.Objects;

/** A message a handler asked to show a user ({@code notify(user, text)}). */
public record Notification(String handler, String user, String text, Instant at) {
  public Notification {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(at, "at");
  }
}
