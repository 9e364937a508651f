package io.cuttle.daemon.flows.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Finds which processes hold which sockets by reading {@code /proc/PID/fd}. A process counts as
 * a holder only if its start time was the same before and after its descriptors were read.
 */
public final class ProcScanner {
  private final ProcReader reader;

  public ProcScanner(ProcReader reader) {
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  public ProcReader reader() {
    return reader;
  }

  /** Every process's PID, newest (highest) first. */
  public List<Integer> pids() {
    List<Integer> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(reader.root())) {
      for (Path p : dirs) {
        String n = p.getFileName().toString();
        if (!n.isEmpty() && n.chars().allMatch(Character::isDigit) && n.length() < 10) {
          out.add(Integer.parseInt(n));
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    out.sort((a, b) -> Integer.compare(b, a));
    return out;
  }

  /** The holders of every socket open in any process. */
  public Map<Long, List<ProcessId>> scanAll() {
    return scan(pids(), null);
  }

  /**
   * The holders among {@code pids} of the sockets in {@code wanted} (null: of every socket). With
   * a {@code wanted} set the scan stops once each wanted socket has a holder, so a second holder
   * later in {@code pids} (a socket shared across fork) is only seen by a full scan.
   */
  public Map<Long, List<ProcessId>> scan(Collection<Integer> pids, Set<Long> wanted) {
    Map<Long, List<ProcessId>> out = new HashMap<>();
    List<Long> found = new ArrayList<>();
    for (int pid : pids) {
      found.clear();
      collect(pid, wanted, found);
      if (found.isEmpty()) {
        continue;
      }
      // Only a process whose start time is the same before and after a second read of its
      // descriptors counts: a PID that ended or was reused meanwhile does not.
      OptionalLong before = reader.startTime(pid);
      found.clear();
      collect(pid, wanted, found);
      if (before.isEmpty() || found.isEmpty() || reader.startTime(pid).orElse(-1) != before.getAsLong()) {
        continue;
      }
      ProcessId id = new ProcessId(pid, before.getAsLong());
      for (long inode : found) {
        List<ProcessId> holders = out.computeIfAbsent(inode, k -> new ArrayList<>(1));
        if (!holders.contains(id)) {
          holders.add(id);
        }
      }
      if (wanted != null && out.size() >= wanted.size()) {
        break;
      }
    }
    return out;
  }

  private void collect(int pid, Set<Long> wanted, List<Long> found) {
    reader.socketInodes(pid, inode -> {
      if (wanted == null || wanted.contains(inode)) {
        found.add(inode);
      }
    });
  }
}
