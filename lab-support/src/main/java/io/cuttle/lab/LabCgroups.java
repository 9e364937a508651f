package io.cuttle.lab;

import io.cuttle.enforce.linux.Cgroup2Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The cgroups an adapter of the lab creates under its cgroup parent, found and removed by name. */
public final class LabCgroups {
  private LabCgroups() {
  }

  /** The cgroup parent {@code name} under the cgroup2 root (it may not exist); empty without cgroup2. */
  public static Optional<Path> parent(String name) {
    return Cgroup2Mount.find() instanceof Cgroup2Mount.Lookup.Found f
        ? Optional.of(f.mount().root().resolve(name)) : Optional.empty();
  }

  /** Removes the cgroup parent {@code name} and its app cgroups (see {@link #remove(Path)}). */
  public static void remove(String name) {
    parent(name).ifPresent(LabCgroups::remove);
  }

  /**
   * Moves any process left in the parent's app cgroups to the parent's parent and removes the app
   * cgroups and the parent. Best effort: a cgroup still in use stays, for the next run to remove.
   */
  public static void remove(Path parent) {
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (var s = Files.list(parent)) {
      for (Path d : s.filter(Files::isDirectory).toList()) {
        for (String pid : Files.readAllLines(d.resolve("cgroup.procs"))) {
          try {
            Files.writeString(parent.getParent().resolve("cgroup.procs"), pid);
          } catch (IOException ignored) {
            // the process is gone
          }
        }
        Files.deleteIfExists(d);
      }
      Files.deleteIfExists(parent);
    } catch (IOException ignored) {
      // best effort; a leftover is removed by the next run
    }
  }
}
