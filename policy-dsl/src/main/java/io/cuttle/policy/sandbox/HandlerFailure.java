package io.cuttle.policy.sandbox;

import java.util.Objects;

/**
 * One failure of one handler: which handler, in which function, why, what it said and where
 * ({@code line}/{@code column} are 1-based, 0 when the location is unknown).
 */
public record HandlerFailure(String handler, String function, FailureKind kind, String message, int line,
    int column) {
  public HandlerFailure {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /** {@code name.js:12:5: in fire(): THROWN: TypeError: ...}. */
  public String describe() {
    String where = line > 0 ? handler + ":" + line + ":" + column : handler;
    return where + ": in " + function + "(): " + kind + ": " + message;
  }

  @Override
  public String toString() {
    return describe();
  }
}
