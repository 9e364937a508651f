package io.cuttle.daemon.flows.accounting;

import io.cuttle.daemon.flows.proc.CgroupIndex;
import io.cuttle.daemon.flows.proc.ProcReader;
import io.cuttle.daemon.flows.proc.ProcessId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.IntFunction;

/**
 * Names the owner of a socket that no process holds any more from the cgroup it was created in:
 * the cgroup's app if, and only if, every process in it belongs to one app run by the socket's
 * user (a systemd service, or a cgroup per app as the enforcement adapter makes). Anything else
 * stays unknown. A cgroup once seen with processes of two apps or users, or with one app and
 * later another, stays mixed for good (cgroup ids are not reused), so a short-lived process of
 * another app that came and went between two looks at the cgroup is less likely to lend its
 * sockets to the app it shares the cgroup with. A cgroup that is empty (or whose member exited
 * while read) when asked about a socket a dump just showed alive answers with the one app it was
 * seen with at most {@link #RECENT} before: its processes ended since, and no other app was seen
 * in it. Not thread-safe.
 */
public final class CgroupAttributor {
  private final Optional<CgroupIndex> index;
  private final ProcReader reader;
  private final Attributor attributor;
  /** How old the last look at a cgroup that has emptied since may be to still answer for it. */
  public static final Duration RECENT = Duration.ofSeconds(2);

  private final IntFunction<String> userName;
  private final Clock clock;
  /** The one app each cgroup looked at so far was seen with; absent value: seen mixed. */
  private final Map<Long, Optional<AppIdentity>> seen = new HashMap<>();
  /** When each cgroup was last seen with members. */
  private final Map<Long, Instant> lastSeen = new HashMap<>();

  /**
   * @param index      the cgroup v2 hierarchy; empty when there is none (every answer is then unresolved)
   * @param userName   the user name of a uid, as process owners are named
   */
  public CgroupAttributor(Optional<CgroupIndex> index, ProcReader reader, Attributor attributor,
      IntFunction<String> userName, Clock clock) {
    this.clock = clock;
    this.index = index;
    this.reader = reader;
    this.attributor = attributor;
    this.userName = userName;
  }

  /** The owner of a socket of user {@code uid} created in cgroup {@code cgroupId}, from that cgroup now. */
  public Owner owner(OptionalLong cgroupId, int uid) {
    if (index.isEmpty() || cgroupId.isEmpty() || index.get().isRoot(cgroupId.getAsLong())) {
      return Owner.unknown(Owner.Reason.CGROUP_UNRESOLVED);
    }
    long id = cgroupId.getAsLong();
    Optional<AppIdentity> app = look(id);
    if (app == null) {
      Instant last = lastSeen.get(id);
      if (last == null || Duration.between(last, clock.instant()).compareTo(RECENT) > 0) {
        return Owner.unknown(Owner.Reason.CGROUP_UNRESOLVED);
      }
      app = seen.get(id); // emptied since a recent look: what it held then
    }
    if (app.isEmpty() || !app.get().user().equals(userName.apply(uid))) {
      return Owner.unknown(Owner.Reason.CGROUP_MIXED_APPS);
    }
    return Owner.of(app.get(), OptionalInt.empty(), Owner.Reason.CGROUP_SINGLE_APP);
  }

  /** Looks again at every cgroup seen so far (each tick), to notice a second app joining one; forgets gone ones. */
  public void refresh() {
    for (Long id : List.copyOf(seen.keySet())) {
      if (look(id) == null && index.isPresent() && index.get().path(id).isEmpty()) {
        seen.remove(id);
        lastSeen.remove(id);
      }
    }
  }

  /** Number of cgroups remembered (for tests and status). */
  public int remembered() {
    return seen.size();
  }

  /**
   * The one app of cgroup {@code id}: present if single so far, empty if mixed, null if the
   * cgroup says nothing now (gone, empty, or a member vanished while read).
   */
  private Optional<AppIdentity> look(long id) {
    Optional<AppIdentity> before = seen.get(id);
    if (before != null && before.isEmpty()) {
      return before; // mixed for good
    }
    Optional<List<Integer>> members = index.get().members(id);
    if (members.isEmpty() || members.get().isEmpty()) {
      return null;
    }
    AppIdentity one = null;
    for (int pid : members.get()) {
      Optional<ProcessId> p = reader.id(pid);
      Optional<AppIdentity> a = p.flatMap(attributor::identity);
      if (a.isEmpty()) {
        return null; // exited while read: what it was cannot be said
      }
      if (one == null) {
        one = a.get();
      } else if (!sameApp(one, a.get())) {
        return mixed(id);
      }
    }
    if (before != null && !sameApp(before.get(), one)) {
      return mixed(id);
    }
    Optional<AppIdentity> out = Optional.of(one);
    seen.put(id, out);
    lastSeen.put(id, clock.instant());
    return out;
  }

  private Optional<AppIdentity> mixed(long id) {
    seen.put(id, Optional.empty());
    lastSeen.put(id, clock.instant());
    return Optional.empty();
  }

  private static boolean sameApp(AppIdentity a, AppIdentity b) {
    return a.app().equals(b.app()) && a.user().equals(b.user());
  }
}
