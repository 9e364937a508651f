package io.cuttle.daemon.flows.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A cgroup v2 directory a test creates under the host's cgroup2 mount and removes in
 * {@link #close()}, after killing whatever the test left in it. Only processes the test started
 * ever enter it.
 */
final class TestCgroup implements AutoCloseable {
  private final Path dir;

  private TestCgroup(Path dir) {
    this.dir = dir;
  }

  /** Creates {@code mount/name}, removing a leftover of an earlier run first. */
  static TestCgroup create(Path mount, String name) throws IOException, InterruptedException {
    TestCgroup c = new TestCgroup(mount.resolve(name));
    c.close();
    Files.createDirectory(c.dir);
    return c;
  }

  Path dir() {
    return dir;
  }

  /** The PIDs in the cgroup now. */
  List<Integer> members() throws IOException {
    return Files.readString(dir.resolve("cgroup.procs"), StandardCharsets.ISO_8859_1).lines()
        .filter(l -> !l.isBlank()).map(Integer::parseInt).toList();
  }

  /**
   * A shell command that moves itself into this cgroup and then runs {@code command} (exec, so
   * the command's process is the one in the cgroup, from its first socket on).
   */
  List<String> wrap(String... command) {
    StringBuilder sh = new StringBuilder("echo $$ > '" + dir.resolve("cgroup.procs") + "' && exec");
    for (String c : command) {
      sh.append(" '").append(c.replace("'", "'\\''")).append('\'');
    }
    return List.of("/bin/sh", "-c", sh.toString());
  }

  /** Waits until {@code count} processes are in the cgroup. */
  void awaitMembers(int count) throws IOException, InterruptedException {
    for (int i = 0; i < 200 && members().size() < count; i++) {
      Thread.sleep(25);
    }
    if (members().size() < count) {
      throw new IOException("expected " + count + " processes in " + dir + ", got " + members());
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    for (int i = 0; i < 200; i++) {
      List<Integer> left = members();
      if (left.isEmpty()) {
        break;
      }
      left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      Thread.sleep(25);
    }
    Files.delete(dir);
  }
}
