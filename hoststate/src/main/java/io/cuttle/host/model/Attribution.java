package io.cuttle.host.model;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Who owns a flow. {@link #unknown()} when the owner could not be established with certainty
 * (the socket outlived its process, or the PID was reused): never a guess.
 */
public record Attribution(String app, String user, OptionalInt pid) {
  public static final String UNKNOWN = "unknown";

  public Attribution {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(pid, "pid");
  }

  public static Attribution unknown() {
    return new Attribution(UNKNOWN, UNKNOWN, OptionalInt.empty());
  }

  public boolean isKnown() {
    return !UNKNOWN.equals(app);
  }
}
