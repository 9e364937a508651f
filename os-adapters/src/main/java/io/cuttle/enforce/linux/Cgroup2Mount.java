package io.cuttle.enforce.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the cgroup2 hierarchy is mounted, and how nftables names a cgroup in it: nft resolves
 * {@code socket cgroupv2} paths relative to {@code /sys/fs/cgroup}, so on a hybrid host (cgroup2 at
 * {@code /sys/fs/cgroup/unified}) a cgroup {@code a/b} is {@code "unified/a/b"} at level 2.
 */
public record Cgroup2Mount(Path root, String nftBase) {
  static final Path NFT_ROOT = Path.of("/sys/fs/cgroup");

  /** The result of looking for the mount: found, or why not. */
  public sealed interface Lookup {
    record Found(Cgroup2Mount mount) implements Lookup {
    }

    record Missing(String cause) implements Lookup {
    }
  }

  /** Reads {@code /proc/self/mountinfo}. */
  public static Lookup find() {
    try {
      return fromMountinfo(Files.readAllLines(Path.of("/proc/self/mountinfo")));
    } catch (IOException e) {
      return new Lookup.Missing("cannot read /proc/self/mountinfo: " + e.getMessage());
    }
  }

  /** Parses mountinfo lines: "id parent maj:min root mountpoint opts [optional...] - fstype source superopts". */
  public static Lookup fromMountinfo(List<String> lines) {
    for (String line : lines) {
      String[] f = line.split(" ");
      int dash = List.of(f).indexOf("-");
      if (dash < 5 || dash + 1 >= f.length || !f[dash + 1].equals("cgroup2")) {
        continue;
      }
      Path mount = Path.of(unescape(f[4]));
      if (!mount.startsWith(NFT_ROOT)) {
        return new Lookup.Missing("expected the cgroup2 mount under " + NFT_ROOT + " (where nft resolves cgroup paths), got "
            + mount);
      }
      return new Lookup.Found(new Cgroup2Mount(mount, NFT_ROOT.relativize(mount).toString()));
    }
    return new Lookup.Missing("expected a cgroup2 mount in /proc/self/mountinfo, got none");
  }

  /** The nft path of a cgroup given relative to the cgroup2 root. */
  public String nftPath(String relative) {
    return nftBase.isEmpty() ? relative : nftBase + "/" + relative;
  }

  /** The nft {@code level} of a cgroup given relative to the cgroup2 root: its depth below that root. */
  public static int level(String relative) {
    return relative.split("/").length;
  }

  private static String unescape(String s) {
    return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
  }
}
