package io.cuttle.lab;

import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.ProcessCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a Linux adapter has in the kernel under the names it was given: its nft table in a namespace,
 * the tc qdiscs and classes of its major on a device there, the app cgroups under its cgroup parent.
 * An empty list means the adapter left nothing behind.
 */
public final class AdapterObjects {
  private AdapterObjects() {
  }

  /**
   * The adapter's objects, one line each: {@code nft table inet T}, {@code tc <qdisc or class line>},
   * {@code cgroup <path>} (or {@code cgroup parent unreadable: ...}).
   */
  public static List<String> list(String netns, String table, String dev, int tcMajor, String cgroupParent) {
    List<String> left = new ArrayList<>();
    if (hasTable(netns, table)) {
      left.add("nft table inet " + table);
    }
    String handle = Integer.toHexString(tcMajor) + ":";
    in(netns, "tc", "qdisc", "show", "dev", dev).stdout().lines()
        .filter(l -> l.contains(" " + handle + " ") || l.contains("parent " + handle))
        .forEach(l -> left.add("tc " + l.trim()));
    in(netns, "tc", "class", "show", "dev", dev).stdout().lines().filter(l -> l.contains(handle))
        .forEach(l -> left.add("tc " + l.trim()));
    LabCgroups.parent(cgroupParent).filter(Files::isDirectory).ifPresent(p -> {
      try (var s = Files.list(p)) {
        s.filter(Files::isDirectory).forEach(d -> left.add("cgroup " + d));
      } catch (IOException e) {
        left.add("cgroup parent unreadable: " + e.getMessage());
      }
    });
    return left;
  }

  /** Whether the nft table {@code inet table} is in the namespace. */
  public static boolean hasTable(String netns, String table) {
    return in(netns, "nft", "list", "tables").stdout().lines().anyMatch(l -> l.trim().equals("table inet " + table));
  }

  private static CommandResult in(String netns, String... argv) {
    return ProcessCommandRunner.inNetns(Optional.of(netns)).run(List.of(argv));
  }
}
