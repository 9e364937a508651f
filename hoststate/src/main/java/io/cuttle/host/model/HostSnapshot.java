package io.cuttle.host.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The host's state at one instant: applications and users with their usage over {@link #window()}.
 * Immutable; handlers receive one per tick. Applications are sorted by name, users by name.
 */
public record HostSnapshot(String hostId, Instant at, Duration window, List<AppUsage> apps, List<UserUsage> users) {
  public HostSnapshot {
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(window, "window");
    apps = apps.stream().sorted(Comparator.comparing(AppUsage::app)).toList();
    users = users.stream().sorted(Comparator.comparing(UserUsage::user)).toList();
    requireUnique("app", apps.stream().map(AppUsage::app).toList());
    requireUnique("user", users.stream().map(UserUsage::user).toList());
  }

  public static HostSnapshot empty(String hostId, Instant at) {
    return new HostSnapshot(hostId, at, Duration.ZERO, List.of(), List.of());
  }

  public Optional<AppUsage> app(String name) {
    return apps.stream().filter(a -> a.app().equals(name)).findFirst();
  }

  public Optional<UserUsage> user(String name) {
    return users.stream().filter(u -> u.user().equals(name)).findFirst();
  }

  public Map<String, AppUsage> appsByName() {
    return apps.stream().collect(Collectors.toUnmodifiableMap(AppUsage::app, Function.identity()));
  }

  private static void requireUnique(String what, List<String> names) {
    for (int i = 1; i < names.size(); i++) {
      if (names.get(i).equals(names.get(i - 1))) {
        throw new IllegalArgumentException("expected each " + what + " once, got '" + names.get(i) + "' twice");
      }
    }
  }
}
