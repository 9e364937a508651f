package io.cuttle.controller.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory side of every store: per host, the latest status and its last {@code historyLimit}
 * changes. Updates of one host are serialised; entries are immutable and replaced whole.
 */
final class StatusTable {
  private final int historyLimit;
  private final Map<String, Entry> hosts = new ConcurrentHashMap<>();

  /** A host's latest status and its history (oldest first). */
  record Entry(HostStatus latest, List<StatusChange> history) {
    Entry {
      history = List.copyOf(history);
    }
  }

  StatusTable(int historyLimit) {
    if (historyLimit < 0) {
      throw new IllegalArgumentException("history limit must not be negative, got " + historyLimit);
    }
    this.historyLimit = historyLimit;
  }

  /** Told what changed, while the host's entry is locked (so calls for one host arrive in order). */
  @FunctionalInterface
  interface Applied {
    void applied(HostStatus latest, boolean statusChanged, List<StatusChange> changes);

    Applied NONE = (latest, statusChanged, changes) -> {};
  }

  /** Keeps {@code status} as its host's latest; returns the changes appended to its history. */
  List<StatusChange> apply(HostStatus status, Applied then) {
    List<List<StatusChange>> added = new ArrayList<>(1);
    hosts.compute(status.hostId(), (id, old) -> {
      List<StatusChange> changes = StatusDiff.between(Optional.ofNullable(old).map(Entry::latest), status);
      added.add(changes);
      then.applied(status, true, changes);
      return new Entry(status, append(old == null ? List.of() : old.history(), changes));
    });
    return added.getFirst();
  }

  /** Appends {@code change} to a known host's history; false if the host is unknown. */
  boolean note(String hostId, StatusChange change, Applied then) {
    return hosts.computeIfPresent(hostId, (id, old) -> {
      then.applied(old.latest(), false, List.of(change));
      return new Entry(old.latest(), append(old.history(), List.of(change)));
    }) != null;
  }

  /** Puts back an entry read from storage unless the host already has one (it reported meanwhile). */
  void restoreIfAbsent(Entry entry) {
    if (!hosts.containsKey(entry.latest().hostId())) {
      restore(entry);
    }
  }

  /** Puts back an entry read from storage (at start-up). */
  void restore(Entry entry) {
    List<StatusChange> h = entry.history();
    hosts.put(entry.latest().hostId(), new Entry(entry.latest(),
        h.size() > historyLimit ? h.subList(h.size() - historyLimit, h.size()) : h));
  }

  Optional<Entry> entry(String hostId) {
    return Optional.ofNullable(hosts.get(hostId));
  }

  /** Every entry, sorted by host id. */
  List<Entry> entries() {
    List<Entry> out = new ArrayList<>(hosts.values());
    out.sort(Comparator.comparing(e -> e.latest().hostId()));
    return out;
  }

  int historyLimit() {
    return historyLimit;
  }

  private List<StatusChange> append(List<StatusChange> history, List<StatusChange> changes) {
    if (changes.isEmpty()) {
      return history;
    }
    List<StatusChange> out = new ArrayList<>(history.size() + changes.size());
    out.addAll(history);
    out.addAll(changes);
    return out.size() > historyLimit ? out.subList(out.size() - historyLimit, out.size()) : out;
  }
}
