package io.cuttle.host.enforce;

import io.cuttle.host.model.FlowKey;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which processes belong to each application right now, as the host's flow accounting sees them:
 * app name to its current PIDs, plus the executable path and user id where known (adapters that match
 * by program, like Windows, or by user, like macOS pf, need them), and the flows accounting last saw
 * the app use (an adapter can restrict those at once, before it has read the app's sockets itself). Immutable; apps with no PIDs are dropped, so {@link #pidsOf} answers an
 * empty set for an app that is not running.
 */
public record AppProcesses(Map<String, SortedSet<Long>> pidsByApp, Map<String, String> executableByApp,
    Map<String, Integer> uidByApp, Map<String, List<FlowKey>> flowsByApp) {
  private static final AppProcesses NONE = new AppProcesses(Map.of(), Map.of(), Map.of());

  /** Processes with executables and users, no flows known. */
  public AppProcesses(Map<String, SortedSet<Long>> pidsByApp, Map<String, String> executableByApp,
      Map<String, Integer> uidByApp) {
    this(pidsByApp, executableByApp, uidByApp, Map.of());
  }

  public AppProcesses {
    TreeMap<String, SortedSet<Long>> pids = new TreeMap<>();
    pidsByApp.forEach((app, set) -> {
      Objects.requireNonNull(app, "app");
      for (Long pid : set) {
        if (pid == null || pid <= 0) {
          throw new IllegalArgumentException(app + ": pid: expected a number > 0, got " + pid);
        }
      }
      if (!set.isEmpty()) {
        pids.put(app, Collections.unmodifiableSortedSet(new TreeSet<>(set)));
      }
    });
    pidsByApp = Collections.unmodifiableSortedMap(pids);
    executableByApp = Collections.unmodifiableSortedMap(new TreeMap<>(executableByApp));
    uidByApp = Collections.unmodifiableSortedMap(new TreeMap<>(uidByApp));
    TreeMap<String, List<FlowKey>> flows = new TreeMap<>();
    flowsByApp.forEach((app, keys) -> flows.put(Objects.requireNonNull(app, "app"), List.copyOf(keys)));
    flowsByApp = Collections.unmodifiableSortedMap(flows);
  }

  /** No application is running. */
  public static AppProcesses none() {
    return NONE;
  }

  /** The given PIDs for one app, no executable paths. */
  public static AppProcesses of(String app, Set<Long> pids) {
    return new AppProcesses(Map.of(app, new TreeSet<>(pids)), Map.of(), Map.of());
  }

  /** A copy with {@code app} running as {@code pids} (replacing what was there). */
  public AppProcesses with(String app, Set<Long> pids) {
    TreeMap<String, SortedSet<Long>> m = new TreeMap<>(pidsByApp);
    m.put(app, new TreeSet<>(pids));
    return new AppProcesses(m, executableByApp, uidByApp, flowsByApp);
  }

  /** A copy that knows {@code app}'s executable path. */
  public AppProcesses withExecutable(String app, String path) {
    TreeMap<String, String> m = new TreeMap<>(executableByApp);
    m.put(app, path);
    return new AppProcesses(pidsByApp, m, uidByApp, flowsByApp);
  }

  /** A copy that knows the user id {@code app}'s processes run as (macOS pf matches by user). */
  public AppProcesses withUid(String app, int uid) {
    TreeMap<String, Integer> m = new TreeMap<>(uidByApp);
    m.put(app, uid);
    return new AppProcesses(pidsByApp, executableByApp, m, flowsByApp);
  }

  /** A copy that knows the flows accounting last saw {@code app} use. */
  public AppProcesses withFlows(String app, List<FlowKey> flows) {
    TreeMap<String, List<FlowKey>> m = new TreeMap<>(flowsByApp);
    m.put(app, flows);
    return new AppProcesses(pidsByApp, executableByApp, uidByApp, m);
  }

  /** The flows accounting last saw {@code app} use; empty when none are known. */
  public List<FlowKey> flowsOf(String app) {
    return flowsByApp.getOrDefault(app, List.of());
  }

  /** The same processes without the flows (what decides whether the processes changed). */
  public AppProcesses withoutFlows() {
    return flowsByApp.isEmpty() ? this : new AppProcesses(pidsByApp, executableByApp, uidByApp, Map.of());
  }

  public java.util.OptionalInt uidOf(String app) {
    Integer u = uidByApp.get(app);
    return u == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(u);
  }

  public SortedSet<Long> pidsOf(String app) {
    return pidsByApp.getOrDefault(app, Collections.emptySortedSet());
  }

  public java.util.Optional<String> executableOf(String app) {
    return java.util.Optional.ofNullable(executableByApp.get(app));
  }

  public boolean isRunning(String app) {
    return pidsByApp.containsKey(app);
  }
}
