package io.cuttle.policy.api;

import java.util.Objects;

/**
 * A change a handler has not seen yet: {@code kind} is one of {@code link-down}, {@code link-up},
 * {@code link-added}, {@code link-removed}, {@code labels-changed}, {@code cost-changed},
 * {@code site-changed}; {@code subject} is the link or site name.
 */
public record NetEvent(String kind, String subject) {
  public NetEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
  }
}
