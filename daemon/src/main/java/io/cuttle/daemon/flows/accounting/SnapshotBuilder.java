package io.cuttle.daemon.flows.accounting;

import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.FlowRecord;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.host.model.Traffic;
import io.cuttle.host.model.UserUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the immutable {@link HostSnapshot} of one tick from the flow table and the rate
 * histories: one {@link AppUsage} per app (the unknown owner included, as app {@code unknown})
 * and one {@link UserUsage} per user. Also records the tick's totals into the histories.
 */
public final class SnapshotBuilder {
  private final String hostId;
  private final Duration window;
  private final RateHistory apps;
  private final RateHistory users;

  public SnapshotBuilder(String hostId, Duration window, RateHistory apps, RateHistory users) {
    this.hostId = hostId;
    this.window = window;
    this.apps = apps;
    this.users = users;
  }

  public HostSnapshot build(FlowTable table, Instant now) {
    Map<FlowTable.OwnerKey, Traffic> totals = table.totals();
    Map<String, Traffic> byApp = RateHistory.sum(totals, FlowTable.OwnerKey::app);
    Map<String, Traffic> byUser = RateHistory.sum(totals, FlowTable.OwnerKey::user);
    apps.record(now, byApp);
    users.record(now, byUser);

    Map<String, String> classes = new HashMap<>();
    Map<String, Set<String>> appUsers = new TreeMap<>();
    Map<String, Set<String>> userApps = new TreeMap<>();
    totals.keySet().forEach(k -> {
      classes.putIfAbsent(k.app(), k.appClass());
      appUsers.computeIfAbsent(k.app(), x -> new TreeSet<>()).add(k.user());
      userApps.computeIfAbsent(k.user(), x -> new TreeSet<>()).add(k.app());
    });
    Map<String, List<FlowRecord>> flows = new HashMap<>();
    Map<String, Set<Integer>> pids = new HashMap<>();
    for (FlowEntry e : table.entries()) {
      String app = e.owner.attribution().app();
      flows.computeIfAbsent(app, x -> new ArrayList<>()).add(e.record());
      e.owner.attribution().pid().ifPresent(p -> pids.computeIfAbsent(app, x -> new TreeSet<>()).add(p));
    }
    List<AppUsage> appUsages = new ArrayList<>();
    byApp.forEach((app, t) -> appUsages.add(new AppUsage(app, classes.get(app), appUsers.get(app),
        pids.getOrDefault(app, Set.of()), t, apps.rate(app, window), flows.getOrDefault(app, List.of()))));
    List<UserUsage> userUsages = new ArrayList<>();
    byUser.forEach((user, t) -> userUsages.add(new UserUsage(user, userApps.get(user), t, users.rate(user, window))));
    return new HostSnapshot(hostId, now, window, appUsages, userUsages);
  }
}
