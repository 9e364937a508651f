package io.cuttle.host.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One application's use of the network: its class from the config (e.g. {@code low-priority},
 * {@code bulk}, {@code interactive}, {@code critical}), the users and processes running it, its
 * totals and its rate over the snapshot's window, and its current flows.
 */
public record AppUsage(String app, String appClass, Set<String> users, Set<Integer> pids, Traffic total,
    Rate rate, List<FlowRecord> flows) {
  public AppUsage {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(appClass, "appClass");
    users = Set.copyOf(users);
    pids = Set.copyOf(pids);
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(rate, "rate");
    flows = List.copyOf(flows);
  }
}
