package io.cuttle.daemon.flows.accounting;

import java.util.Objects;

/** The application a process is, the class the config gives it, and the user running it. */
public record AppIdentity(String app, String appClass, String user) {
  public AppIdentity {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(appClass, "appClass");
    Objects.requireNonNull(user, "user");
  }
}
