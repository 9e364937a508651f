package io.cuttle.enforce.linux;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cuttle.enforce.EnforcementSettings;
import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.ProcessCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces {@code P-<tag>a} and {@code P-<tag>b} joined by a veth pair
 * ({@code P-<tag>a0} 10.206.N.1 and {@code P-<tag>b0} 10.206.N.2), a test cgroup parent
 * {@code P-test/<tag>}, and every process started through it. P is the name prefix of every object
 * the tests create: {@code ce}, or the system property {@code cuttle.test.prefix} (so that two test
 * runs on one machine never touch each other's objects). {@link #close} removes all of it,
 * whatever state a failed test left.
 */
final class NetnsLab implements AutoCloseable {
  /** The prefix of every namespace, link, cgroup and nft table a kernel test creates. */
  static final String PREFIX = System.getProperty("cuttle.test.prefix", "ce");
  final String tag;
  final String nsA;
  final String nsB;
  final String devA;
  final String devB;
  final String ipA;
  final String ipB;
  private final List<Process> processes = new ArrayList<>();
  private final ProcessCommandRunner local = ProcessCommandRunner.local();

  private NetnsLab(String tag, int subnet) {
    this.tag = tag;
    this.nsA = PREFIX + "-" + tag + "a";
    this.nsB = PREFIX + "-" + tag + "b";
    this.devA = PREFIX + "-" + tag + "a0";
    this.devB = PREFIX + "-" + tag + "b0";
    this.ipA = "10.206." + subnet + ".1";
    this.ipB = "10.206." + subnet + ".2";
  }

  /** Skips the test (saying why) unless root with the kernel tools; else builds the namespaces. */
  static NetnsLab create(String tag, int subnet) {
    assumeTrue(new LinuxProvider().isAvailable(),
        () -> "kernel test needs root, cgroup2, nft, tc, ip: " + new LinuxProvider().unavailabilityCause().orElse(""));
    assumeTrue(ProcessCommandRunner.local().run(List.of("iperf3", "--version")).ok(), "kernel test needs iperf3");
    NetnsLab lab = new NetnsLab(tag, subnet);
    lab.close();
    lab.must("ip", "netns", "add", lab.nsA);
    lab.must("ip", "netns", "add", lab.nsB);
    lab.must("ip", "link", "add", lab.devA, "netns", lab.nsA, "type", "veth", "peer", "name", lab.devB, "netns", lab.nsB);
    lab.must("ip", "-n", lab.nsA, "addr", "add", lab.ipA + "/24", "dev", lab.devA);
    lab.must("ip", "-n", lab.nsB, "addr", "add", lab.ipB + "/24", "dev", lab.devB);
    for (String[] nd : new String[][] {{lab.nsA, lab.devA}, {lab.nsB, lab.devB}}) {
      lab.must("ip", "-n", nd[0], "link", "set", nd[1], "up");
      lab.must("ip", "-n", nd[0], "link", "set", "lo", "up");
    }
    return lab;
  }

  /** Settings whose every owned name carries this lab's prefix, acting in namespace A. */
  EnforcementSettings settings() {
    return new EnforcementSettings(PREFIX + "-" + tag, PREFIX + "-test/" + tag, List.of(devA), 0xce, PREFIX + "-" + tag + "ifb",
        java.util.Optional.of(nsA), PREFIX + tag, s -> { });
  }

  /** The adapter's nft table name in this lab. */
  String table() {
    return PREFIX + "-" + tag;
  }

  LinuxEnforcer enforcer() {
    return (LinuxEnforcer) new LinuxProvider().create(settings());
  }

  CommandResult inA(String... argv) {
    return ProcessCommandRunner.inNetns(java.util.Optional.of(nsA)).run(List.of(argv));
  }

  CommandResult inB(String... argv) {
    return ProcessCommandRunner.inNetns(java.util.Optional.of(nsB)).run(List.of(argv));
  }

  /** Starts a process in namespace A (nsenter execs it, so the PID is the command's). */
  Process startInA(String... argv) {
    return start(nsA, argv);
  }

  Process startInB(String... argv) {
    return start(nsB, argv);
  }

  /** Starts a process in namespace B whose output is discarded. */
  Process startQuietInB(String... argv) {
    List<String> full = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + nsB));
    full.addAll(List.of(argv));
    try {
      Process p = new ProcessBuilder(full).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      processes.add(p);
      return p;
    } catch (IOException e) {
      throw new IllegalStateException("expected to start " + full + ", got " + e, e);
    }
  }

  Process start(String ns, String... argv) {
    List<String> full = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + ns));
    full.addAll(List.of(argv));
    try {
      Process p = new ProcessBuilder(full).redirectErrorStream(false).start();
      processes.add(p);
      return p;
    } catch (IOException e) {
      throw new IllegalStateException("expected to start " + full + ", got " + e, e);
    }
  }

  /** A long-lived stand-in app process in namespace A. */
  long sleeper() {
    return startInA("sleep", "600").pid();
  }

  Path cgroupParent() {
    Cgroup2Mount m = ((Cgroup2Mount.Lookup.Found) Cgroup2Mount.find()).mount();
    return m.root().resolve(PREFIX + "-test").resolve(tag);
  }

  private void must(String... argv) {
    CommandResult r = local.run(List.of(argv));
    if (!r.ok()) {
      throw new IllegalStateException(r.describe());
    }
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : processes) {
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
    local.run(List.of("ip", "netns", "del", nsA));
    local.run(List.of("ip", "netns", "del", nsB));
    local.run(List.of("ip", "link", "del", PREFIX + "-" + tag + "ifb"));
    removeCgroups();
  }

  private void removeCgroups() {
    Cgroup2Mount.Lookup l = Cgroup2Mount.find();
    if (!(l instanceof Cgroup2Mount.Lookup.Found f)) {
      return;
    }
    Path parent = cgroupParent();
    if (Files.isDirectory(parent)) {
      try (var s = Files.list(parent)) {
        for (Path d : s.filter(Files::isDirectory).toList()) {
          for (String pid : Files.readAllLines(d.resolve("cgroup.procs"))) {
            try {
              Files.writeString(f.mount().root().resolve("cgroup.procs"), pid);
            } catch (IOException ignored) {
              // gone
            }
          }
          Files.deleteIfExists(d);
        }
        Files.deleteIfExists(parent);
      } catch (IOException ignored) {
        // best effort; leftover shows in the next run's create()
      }
    }
    try (var s = Files.list(parent.getParent())) {
      if (s.noneMatch(Files::isDirectory)) {
        Files.deleteIfExists(parent.getParent());
      }
    } catch (IOException ignored) {
      // other tests' cgroups still there
    }
  }
}
