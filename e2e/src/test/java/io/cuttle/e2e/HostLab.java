package io.cuttle.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cuttle.enforce.EnforcementSettings;
import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.ProcessCommandRunner;
import io.cuttle.enforce.linux.LinuxProvider;
import io.cuttle.lab.AdapterObjects;
import io.cuttle.lab.Iperf;
import io.cuttle.lab.LabCgroups;
import io.cuttle.lab.LabProcesses;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
  private final LabProcesses processes = new LabProcesses();
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

  /** A measured iperf3 server in the sink; returns once it listens. */
  Process iperfServer(int port) throws InterruptedException {
    return Iperf.server(processes, sinkNs, port);
  }

  /** A measured iperf3 client in the host paced to {@code bps} of payload; read it with {@link Iperf#finish}. */
  Process iperfClient(int port, int seconds, long bps) {
    return Iperf.client(processes, hostNs, sinkIp, port, seconds, bps);
  }

  /** What the adapter left in the kernel: empty when nothing of its own is there. */
  List<String> adapterLeftovers() {
    return AdapterObjects.list(hostNs, PREFIX, uplink, TC_MAJOR, PREFIX);
  }

  private void must(String... argv) {
    CommandResult r = local.run(List.of(argv));
    if (!r.ok()) {
      throw new IllegalStateException(r.describe());
    }
  }

  @Override
  public void close() {
    processes.close();
    local.run(List.of("ip", "netns", "del", hostNs));
    local.run(List.of("ip", "netns", "del", sinkNs));
    local.run(List.of("ip", "link", "del", PREFIX + "-ifb0"));
    LabCgroups.remove(PREFIX);
  }
}
