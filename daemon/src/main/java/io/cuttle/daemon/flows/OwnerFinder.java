package io.cuttle.daemon.flows;

import io.cuttle.daemon.config.FlowsConfig;
import io.cuttle.daemon.flows.accounting.AppClassifier;
import io.cuttle.daemon.flows.accounting.Attributor;
import io.cuttle.daemon.flows.accounting.CgroupAttributor;
import io.cuttle.daemon.flows.accounting.Owner;
import io.cuttle.daemon.flows.netlink.SocketEntry;
import io.cuttle.daemon.flows.proc.CgroupIndex;
import io.cuttle.daemon.flows.proc.CgroupMount;
import io.cuttle.daemon.flows.proc.ProcReader;
import io.cuttle.daemon.flows.proc.ProcScanner;
import io.cuttle.daemon.flows.proc.ProcessId;
import io.cuttle.daemon.flows.proc.UserNames;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Finds the owners of sockets: the processes holding them ({@code /proc} scans, full on a tick,
 * of recent owners and new processes between ticks) or, for sockets no process holds, the one
 * app of the cgroup they were created in ({@link CgroupAttributor}). Thread-safe: lookups
 * serialise on this object, scans run outside it.
 */
final class OwnerFinder {
  private static final int RECENT_PIDS = 64;

  private final ProcScanner scanner;
  private final Attributor attributor;
  private final CgroupAttributor cgroups;
  private Set<Integer> knownPids = new HashSet<>();
  private final LinkedHashMap<Integer, Boolean> recentPids = new LinkedHashMap<>(16, 0.75f, true);

  OwnerFinder(FlowsConfig config, Path procRoot, Clock clock) {
    UserNames users = UserNames.system();
    ProcReader reader = new ProcReader(procRoot, users);
    this.scanner = new ProcScanner(reader);
    this.attributor = new Attributor(reader, new AppClassifier(config.apps(), config.defaultClass()));
    Optional<CgroupIndex> index = CgroupMount.find(procRoot.resolve("self/mountinfo")).map(m -> new CgroupIndex(m, clock));
    this.cgroups = new CgroupAttributor(index, reader, attributor, users::name, clock);
  }

  /**
   * The owners of the sockets in {@code wanted}. A tick scans every process; a resolver pass only
   * the processes that owned sockets lately and those started since the last tick, and leaves
   * what it did not find pending for the next tick. The scans run without the lock, so a tick's
   * full scan never holds up the resolver.
   */
  Map<Long, Owner> owners(Set<Long> wanted, boolean complete) {
    Map<Long, Owner> owners = new HashMap<>();
    if (wanted.isEmpty()) {
      return owners;
    }
    List<Integer> all = scanner.pids();
    Map<Long, List<ProcessId>> holders;
    if (complete) {
      holders = scanner.scan(all, null);
    } else {
      List<Integer> candidates;
      synchronized (this) {
        candidates = new ArrayList<>(recentPids.keySet());
        java.util.Collections.reverse(candidates); // most recent owner first
        for (int pid : all) {
          if (!knownPids.contains(pid) && !recentPids.containsKey(pid)) {
            candidates.add(pid);
          }
        }
      }
      holders = scanner.scan(candidates, wanted);
    }
    synchronized (this) {
      if (complete) {
        Set<ProcessId> alive = new HashSet<>();
        holders.values().forEach(alive::addAll);
        attributor.retain(alive);
        cgroups.refresh();
        knownPids = new HashSet<>(all);
      }
      for (long inode : wanted) {
        List<ProcessId> h = holders.get(inode);
        if (h == null && !complete) {
          continue; // not looked for everywhere: stays pending until the next tick
        }
        h = h == null ? List.of() : h;
        owners.put(inode, attributor.owner(h));
        h.forEach(p -> remember(p.pid()));
      }
    }
    return owners;
  }

  /**
   * What the cgroup of each socket says now, while the socket is alive (one look per cgroup and
   * uid per pass): its app if every process in it is that app, else unknown with the reason.
   */
  Map<Long, Owner> cgroupOwners(List<SocketEntry> sockets) {
    Map<Long, Owner> out = new HashMap<>();
    Map<List<Long>, Owner> looked = new HashMap<>();
    synchronized (this) {
      for (SocketEntry s : sockets) {
        List<Long> key = List.of(s.cgroupId().orElse(-1), (long) s.uid());
        out.put(s.cookie(), looked.computeIfAbsent(key, k -> cgroups.owner(s.cgroupId(), s.uid())));
      }
    }
    return out;
  }

  /** Sockets no process holds are given their cgroup's app where it has one only. */
  void ownersFromCgroups(List<SocketEntry> sockets, Map<Long, Owner> owners) {
    synchronized (this) {
      for (SocketEntry s : sockets) {
        Owner o = owners.get(s.inode());
        if (o != null && o.reason() == Owner.Reason.NO_HOLDER) {
          owners.put(s.inode(), cgroups.owner(s.cgroupId(), s.uid()));
        }
      }
    }
  }

  /** What the cgroup of a closed connection's recorded origin says now. */
  synchronized Owner ofOrigin(long cgroupId, int uid) {
    return cgroups.owner(OptionalLong.of(cgroupId), uid);
  }

  private void remember(int pid) {
    recentPids.put(pid, Boolean.TRUE);
    if (recentPids.size() > RECENT_PIDS) {
      recentPids.remove(recentPids.keySet().iterator().next());
    }
  }
}
