package io.cuttle.controller.status;

import io.cuttle.controller.status.StatusChange.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The {@link StatusChange}s between two consecutive statuses of one host. */
final class StatusDiff {
  private StatusDiff() {}

  /** What changed from {@code before} (empty: the first report) to {@code after}. */
  static List<StatusChange> between(Optional<HostStatus> before, HostStatus after) {
    Instant at = after.receivedAt();
    if (before.isEmpty()) {
      return List.of(new StatusChange(at, Kind.FIRST_REPORT, count(after.handlers().size(), "handler") + ", "
          + count(after.restrictions().size(), "restriction") + ", " + count(after.errors().size(), "error")));
    }
    HostStatus b = before.get();
    List<StatusChange> out = new ArrayList<>();
    handlers(b, after, at, out);
    restrictions(b, after, at, out);
    if (!b.errors().equals(after.errors())) {
      out.add(new StatusChange(at, Kind.ERRORS_CHANGED, after.errors().isEmpty() ? "no errors"
          : count(after.errors().size(), "error") + ": " + String.join("; ", after.errors())));
    }
    return out;
  }

  private static void handlers(HostStatus b, HostStatus a, Instant at, List<StatusChange> out) {
    Map<String, HandlerState> old = index(b.handlers(), HandlerState::name);
    Map<String, HandlerState> now = index(a.handlers(), HandlerState::name);
    now.forEach((name, h) -> {
      HandlerState was = old.get(name);
      if (was == null) {
        out.add(new StatusChange(at, Kind.HANDLER_ADDED, name + " (" + h.phase() + ")"));
      } else if (!was.equals(h)) {
        out.add(new StatusChange(at, Kind.HANDLER_CHANGED, name + ": " + was.phase() + " -> " + h.phase()));
      }
    });
    old.keySet().stream().filter(n -> !now.containsKey(n))
        .forEach(n -> out.add(new StatusChange(at, Kind.HANDLER_REMOVED, n)));
  }

  private static void restrictions(HostStatus b, HostStatus a, Instant at, List<StatusChange> out) {
    Map<String, RestrictionState> old = index(b.restrictions(), RestrictionState::key);
    Map<String, RestrictionState> now = index(a.restrictions(), RestrictionState::key);
    now.forEach((key, r) -> {
      RestrictionState was = old.get(key);
      if (was == null) {
        out.add(new StatusChange(at, Kind.RESTRICTION_ADDED, key + " " + r.outcome() + detail(r)));
      } else if (!was.equals(r)) {
        out.add(new StatusChange(at, Kind.RESTRICTION_CHANGED,
            key + " " + was.outcome() + " -> " + r.outcome() + detail(r)));
      }
    });
    old.forEach((key, r) -> {
      if (!now.containsKey(key)) {
        out.add(new StatusChange(at, Kind.RESTRICTION_REMOVED, key + " (was " + r.outcome() + ")"));
      }
    });
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String detail(RestrictionState r) {
    return r.detail().isEmpty() ? "" : ": " + r.detail();
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
    Map<String, T> out = new LinkedHashMap<>();
    items.forEach(i -> out.putIfAbsent(key.apply(i), i));
    return out;
  }
}
