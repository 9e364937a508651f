package io.cuttle.daemon.flows.accounting;

import io.cuttle.daemon.flows.proc.ProcReader;
import io.cuttle.daemon.flows.proc.ProcessId;
import io.cuttle.daemon.flows.proc.ProcessInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns the processes holding a socket into its {@link Owner}. Process facts are cached by
 * {@link ProcessId} (PID and start time), so a reused PID is read afresh, never mistaken for
 * the process it replaced. Not thread-safe.
 */
public final class Attributor {
  private final ProcReader reader;
  private final AppClassifier classifier;
  private final Map<ProcessId, Cached> cache = new HashMap<>();

  private record Cached(String exe, Optional<AppIdentity> identity) {}

  public Attributor(ProcReader reader, AppClassifier classifier) {
    this.reader = reader;
    this.classifier = classifier;
  }

  /** The owner of a socket held by {@code holders}. */
  public Owner owner(List<ProcessId> holders) {
    if (holders.isEmpty()) {
      return Owner.unknown(Owner.Reason.NO_HOLDER);
    }
    AppIdentity first = null;
    for (ProcessId h : holders) {
      Optional<AppIdentity> id = identity(h);
      if (id.isEmpty()) {
        // A holder that vanished mid-read: its identity is unknown, so the socket's is too.
        return Owner.unknown(Owner.Reason.NO_HOLDER);
      }
      if (first == null) {
        first = id.get();
      } else if (!first.app().equals(id.get().app()) || !first.user().equals(id.get().user())) {
        return Owner.unknown(Owner.Reason.SHARED_DIFFERENT_APPS);
      }
    }
    return holders.size() == 1 ? Owner.of(first, OptionalInt.of(holders.get(0).pid()), Owner.Reason.SINGLE_PROCESS)
        : Owner.of(first, OptionalInt.empty(), Owner.Reason.SHARED_SAME_APP);
  }

  /**
   * The app of a process. Cached per process, and read again when its executable changed (an
   * exec keeps the PID and the start time).
   */
  public Optional<AppIdentity> identity(ProcessId id) {
    Cached c = cache.get(id);
    if (c != null && reader.exe(id.pid()).map(c.exe()::equals).orElse(false)) {
      return c.identity();
    }
    Optional<ProcessInfo> info = reader.info(id);
    Optional<AppIdentity> out = info.map(classifier::classify);
    info.ifPresent(i -> cache.put(id, new Cached(i.exe(), out)));
    return out;
  }

  /** The facts of a live process (not cached). */
  public Optional<ProcessInfo> info(ProcessId id) {
    return reader.info(id);
  }

  /** Forgets processes not in {@code alive}. */
  public void retain(Set<ProcessId> alive) {
    cache.keySet().retainAll(alive);
  }
}
