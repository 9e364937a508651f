package io.cuttle.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cuttle.enforce.EnforcementSettings;
import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.ProcessCommandRunner;
import io.cuttle.enforce.linux.Cgroup2Mount;
import io.cuttle.enforce.linux.LinuxProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One host and a sink: namespaces {@code P-h1} and {@code P-sink} joined by the host's uplink veth
 * {@code P-h1-up} (10.207.1.1/24) and {@code P-sink-dn} (10.207.1.2/24), the enforcement settings
 * whose every owned name carries the prefix P (nft table and cgroup parent {@code P}, tc major
 * 0xcd, acting inside the host namespace on its uplink), and every process started through it.
 * P is {@code cd}, or the system property {@code cuttle.test.prefix}. {@link #close} removes all of
 * it, whatever state a failed test left.
 */
final class HostLab implements AutoCloseable {
  static final String PREFIX = System.getProperty("cuttle.test.prefix", "cd");
  static final int TC_MAJOR = 0xcd;
  final String hostNs = PREFIX + "-h1";
  final String sinkNs = PREFIX + "-sink";
  final String uplink = PREFIX + "-h1-up";
  final String sinkDev = PREFIX + "-sink-dn";
  final String hostIp = "10.207.1.1";
  final String sinkIp = "10.207.1.2";
  private final List<Process> processes = new ArrayList<>();
  private final ProcessCommandRunner local = ProcessCommandRunner.local();

  private HostLab() {
  }

  /** Skips the test (saying why) unless root with the kernel tools and iperf3; else builds the namespaces. */
  static HostLab create() {
    assumeTrue(new LinuxProvider().isAvailable(),
        () -> "end-to-end test needs root, cgroup2, nft, tc, ip: " + new LinuxProvider().unavailabilityCause().orElse(""));
    assumeTrue(ProcessCommandRunner.local().run(List.of("iperf3", "--version")).ok(), "end-to-end test needs iperf3");
    HostLab lab = new HostLab();
    lab.close();
    lab.must("ip", "netns", "add", lab.hostNs);
    lab.must("ip", "netns", "add", lab.sinkNs);
    lab.must("ip", "link", "add", lab.uplink, "netns", lab.hostNs, "type", "veth", "peer", "name", lab.sinkDev,
        "netns", lab.sinkNs);
    lab.must("ip", "-n", lab.hostNs, "addr", "add", lab.hostIp + "/24", "dev", lab.uplink);
    lab.must("ip", "-n", lab.sinkNs, "addr", "add", lab.sinkIp + "/24", "dev", lab.sinkDev);
    for (String[] nd : new String[][] {{lab.hostNs, lab.uplink}, {lab.sinkNs, lab.sinkDev}}) {
      lab.must("ip", "-n", nd[0], "link", "set", nd[1], "up");
      lab.must("ip", "-n", nd[0], "link", "set", "lo", "up");
    }
    return lab;
  }

  /** The Linux adapter's settings: prefixed names, inside the host namespace, shaping its uplink. */
  EnforcementSettings enforcement() {
    return new EnforcementSettings(PREFIX, PREFIX, List.of(uplink), TC_MAJOR, PREFIX + "-ifb0", Optional.of(hostNs),
        PREFIX, s -> { });
  }

  /** The namespace file of the host, for the daemon's flow accounting. */
  Path hostNsFile() {
    return Path.of("/run/netns", hostNs);
  }

  CommandResult inHost(String... argv) {
    return ProcessCommandRunner.inNetns(Optional.of(hostNs)).run(List.of(argv));
  }

  CommandResult inSink(String... argv) {
    return ProcessCommandRunner.inNetns(Optional.of(sinkNs)).run(List.of(argv));
  }

  /** Starts a process in a namespace with nsenter (which execs it: the PID is the command's). */
  Process start(String ns, boolean quiet, String... argv) {
    List<String> full = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + ns));
    full.addAll(List.of(argv));
    ProcessBuilder pb = new ProcessBuilder(full);
    if (quiet) {
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    try {
      Process p = pb.start();
      processes.add(p);
      return p;
    } catch (IOException e) {
      throw new IllegalStateException("expected to start " + full + ", got " + e, e);
    }
  }

  /** The adapter's cgroup parent under the cgroup2 root (it may not exist). */
  Optional<Path> cgroupParent() {
    return Cgroup2Mount.find() instanceof Cgroup2Mount.Lookup.Found f
        ? Optional.of(f.mount().root().resolve(PREFIX)) : Optional.empty();
  }

  /** What the adapter left in the kernel: empty when nothing of its own is there. */
  List<String> adapterLeftovers() {
    List<String> left = new ArrayList<>();
    String tables = inHost("nft", "list", "tables").stdout();
    if (tables.lines().anyMatch(l -> l.trim().equals("table inet " + PREFIX))) {
      left.add("nft table inet " + PREFIX);
    }
    String qdiscs = inHost("tc", "qdisc", "show", "dev", uplink).stdout();
    String handle = Integer.toHexString(TC_MAJOR) + ":";
    qdiscs.lines().filter(l -> l.contains(" " + handle + " ") || l.contains("parent " + handle))
        .forEach(l -> left.add("tc " + l.trim()));
    String classes = inHost("tc", "class", "show", "dev", uplink).stdout();
    classes.lines().filter(l -> l.contains(handle)).forEach(l -> left.add("tc " + l.trim()));
    cgroupParent().filter(Files::isDirectory).ifPresent(p -> {
      try (var s = Files.list(p)) {
        s.filter(Files::isDirectory).forEach(d -> left.add("cgroup " + d));
      } catch (IOException e) {
        left.add("cgroup parent unreadable: " + e.getMessage());
      }
    });
    return left;
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
    local.run(List.of("ip", "netns", "del", hostNs));
    local.run(List.of("ip", "netns", "del", sinkNs));
    local.run(List.of("ip", "link", "del", PREFIX + "-ifb0"));
    cgroupParent().ifPresent(HostLab::removeCgroups);
  }

  /** Moves any process left in the adapter's cgroups back to the root and removes them. */
  static void removeCgroups(Path parent) {
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
      // best effort; a leftover is removed by the next run's create()
    }
  }
}
