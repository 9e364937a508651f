package io.cuttle.enforce.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The cgroups the adapter owns: one per app under {@code <cgroup2 root>/<parent>/<slug>}. Moving a
 * process in remembers the cgroup it came from so that removal can put it back; after a restart
 * that memory is gone and processes go back to the cgroup2 root.
 */
final class AppCgroups {
  private final Cgroup2Mount mount;
  private final String parent;
  private final Map<Long, String> origin = new HashMap<>();

  AppCgroups(Cgroup2Mount mount, String parent) {
    this.mount = mount;
    this.parent = parent;
  }

  /** The cgroup of {@code slug} relative to the cgroup2 root. */
  String relative(String slug) {
    return parent + "/" + slug;
  }

  Path dir(String slug) {
    return mount.root().resolve(relative(slug));
  }

  /** The slugs that have a cgroup now. */
  TreeSet<String> list() {
    TreeSet<String> out = new TreeSet<>();
    Path p = mount.root().resolve(parent);
    if (!Files.isDirectory(p)) {
      return out;
    }
    try (Stream<Path> s = Files.list(p)) {
      s.filter(Files::isDirectory).forEach(d -> out.add(d.getFileName().toString()));
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /** True when the app's cgroup exists (rules can name it). */
  boolean exists(String slug) {
    return Files.isDirectory(dir(slug));
  }

  /** Creates the app's cgroup and moves {@code pids} in; empty on success, else the OS's message. */
  Optional<String> ensureWith(String slug, Iterable<Long> pids) {
    Path d = dir(slug);
    try {
      Files.createDirectories(d);
    } catch (IOException e) {
      return Optional.of("mkdir " + d + ": " + e.getMessage());
    }
    int moved = 0;
    List<String> errors = new ArrayList<>();
    for (long pid : pids) {
      if (pidsIn(slug).contains(pid)) {
        moved++;
        continue;
      }
      String from = currentCgroup(pid);
      try {
        Files.writeString(d.resolve("cgroup.procs"), Long.toString(pid), StandardCharsets.US_ASCII);
        origin.putIfAbsent(pid, from);
        moved++;
      } catch (IOException e) {
        errors.add("pid " + pid + ": " + e.getMessage());
      }
    }
    return moved > 0 || errors.isEmpty() ? Optional.empty()
        : Optional.of("expected to move a process into " + d + ", got " + String.join("; ", errors));
  }

  /** True when at least one of the app's processes sits in its cgroup. */
  boolean populated(String slug) {
    return !pidsIn(slug).isEmpty();
  }

  TreeSet<Long> pidsIn(String slug) {
    TreeSet<Long> out = new TreeSet<>();
    try {
      for (String l : Files.readAllLines(dir(slug).resolve("cgroup.procs"))) {
        if (!l.isBlank()) {
          out.add(Long.parseLong(l.strip()));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return out;
    }
    return out;
  }

  /** Moves the cgroup's processes back where they came from and removes it; empty on success. */
  Optional<String> remove(String slug) {
    Path d = dir(slug);
    for (long pid : pidsIn(slug)) {
      String back = origin.getOrDefault(pid, "");
      Path target = mount.root().resolve(back.isEmpty() ? "" : back).resolve("cgroup.procs");
      if (!writeQuietly(target, pid)) {
        writeQuietly(mount.root().resolve("cgroup.procs"), pid);
      }
      origin.remove(pid);
    }
    try {
      Files.deleteIfExists(d);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("rmdir " + d + ": " + e.getMessage());
    }
  }

  /** Removes the parent cgroup when no app cgroup is left in it. */
  void removeParentIfEmpty() {
    if (list().isEmpty()) {
      try {
        Files.deleteIfExists(mount.root().resolve(parent));
      } catch (IOException ignored) {
        // still in use (someone else's cgroup or a process inside): stays
      }
    }
  }

  private static boolean writeQuietly(Path procs, long pid) {
    try {
      Files.writeString(procs, Long.toString(pid), StandardCharsets.US_ASCII);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      return e.getMessage() != null && e.getMessage().contains("No such process");
    }
  }

  /** The cgroup2 path of a process relative to the root (from its {@code 0::} line), "" if unknown. */
  private static String currentCgroup(long pid) {
    try {
      for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
        if (l.startsWith("0::")) {
          String p = l.substring(3);
          return p.startsWith("/") ? p.substring(1) : p;
        }
      }
    } catch (IOException e) {
      return "";
    }
    return "";
  }
}
