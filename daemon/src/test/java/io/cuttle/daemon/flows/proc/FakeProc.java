package io.cuttle.daemon.flows.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A directory laid out like {@code /proc} for the few files the readers use. */
public final class FakeProc {
  private final Path root;

  public FakeProc(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** Creates (or replaces) process {@code pid} started at {@code start}, running {@code exe}. */
  public FakeProc process(int pid, long start, String exe, int uid, String cgroup, String... args) throws IOException {
    Path dir = root.resolve(Integer.toString(pid));
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(dir.resolve("fd"));
    StringBuilder stat = new StringBuilder(pid + " (" + Path.of(exe).getFileName() + ") S");
    for (int field = 4; field <= 21; field++) {
      stat.append(" 0");
    }
    stat.append(' ').append(start).append(" 0 0\n");
    Files.writeString(dir.resolve("stat"), stat);
    Files.createSymbolicLink(dir.resolve("exe"), Path.of(exe));
    Files.write(dir.resolve("cmdline"), (String.join("\0", args) + "\0").getBytes());
    Files.writeString(dir.resolve("status"), "Name:\tx\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n");
    Files.writeString(dir.resolve("cgroup"), "12:name=systemd:" + cgroup + "\n0::/\n");
    return this;
  }

  /** Gives process {@code pid} an open socket {@code inode} as descriptor {@code fd}. */
  public FakeProc socket(int pid, int fd, long inode) throws IOException {
    Files.createSymbolicLink(root.resolve(Integer.toString(pid)).resolve("fd").resolve(Integer.toString(fd)),
        Path.of("socket:[" + inode + "]"));
    return this;
  }
}
