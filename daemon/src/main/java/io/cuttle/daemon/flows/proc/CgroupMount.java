package io.cuttle.daemon.flows.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the cgroup v2 hierarchy is mounted: {@code /sys/fs/cgroup} on a v2-only host,
 * {@code /sys/fs/cgroup/unified} on a hybrid one; found in {@code mountinfo}, never assumed.
 */
public final class CgroupMount {
  private CgroupMount() {}

  /** The cgroup2 mount point named in a {@code mountinfo} file, if any. */
  public static Optional<Path> find(Path mountinfo) {
    try {
      for (String line : Files.readAllLines(mountinfo)) {
        int dash = line.indexOf(" - ");
        if (dash < 0) {
          continue;
        }
        String[] after = line.substring(dash + 3).split(" ");
        String[] before = line.substring(0, dash).split(" ");
        if (after.length > 0 && after[0].equals("cgroup2") && before.length > 4) {
          return Optional.of(Path.of(unescape(before[4])));
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** The mount point of this host's cgroup2 hierarchy. */
  public static Optional<Path> ofThisHost() {
    return find(Path.of("/proc/self/mountinfo"));
  }

  private static String unescape(String s) {
    return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
  }
}
