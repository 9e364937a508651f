package io.cuttle.host.model;

import java.util.Objects;
import java.util.Set;

/** One user's use of the network, over all their applications. */
public record UserUsage(String user, Set<String> apps, Traffic total, Rate rate) {
  public UserUsage {
    Objects.requireNonNull(user, "user");
    apps = Set.copyOf(apps);
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(rate, "rate");
  }
}
