package io.cuttle.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WAN lab of {@code lab/wan-lab.sh} (FRR routers br, hub, bk; hosts {@code P-h1} and
 * {@code P-h2} on the branch LANs, sink {@code P-sink} behind the hub; the hub's OSPF API and its
 * snmpd over {@code P-ctl}), plus a byte meter
 * per destination port in the sink and every process started through it. {@link #close} stops all
 * of it, whatever state a failed test left. P is {@code cdw}.
 */
final class WanLab implements AutoCloseable {
  static final String PREFIX = System.getProperty("cuttle.test.prefix", "cd") + "w";
  static final String CTL_NET = "172.31.217";
  static final String HOST_IP = "10.207.2.10";
  static final String SINK_IP = "10.207.9.10";
  static final String HOST2_IP = "10.207.3.10";
  static final int SNMP_PORT = 1161;
  private static final ObjectMapper JSON = new ObjectMapper();
  final String hostNs = PREFIX + "-h1";
  final String sinkNs = PREFIX + "-sink";
  final String uplink = PREFIX + "-h1-up";
  private final Path runDir;
  private final Path script;
  private final List<Process> processes = new ArrayList<>();

  private WanLab(Path runDir, Path script) {
    this.runDir = runDir;
    this.script = script;
  }

  /** Skips (saying why) without root, FRR, iperf3 or the script; else builds and starts the lab. */
  static WanLab start() throws IOException {
    assumeTrue(new LinuxProvider().isAvailable(),
        () -> "WAN lab needs root, cgroup2, nft, tc, ip: " + new LinuxProvider().unavailabilityCause().orElse(""));
    assumeTrue(Files.isExecutable(Path.of("/usr/lib/frr/ospfd")), "WAN lab needs FRR (apt package frr)");
    assumeTrue(ProcessCommandRunner.local().run(List.of("iperf3", "--version")).ok(), "WAN lab needs iperf3");
    Optional<Path> script = findScript();
    assumeTrue(script.isPresent(), "lab/wan-lab.sh not found above the working directory");
    WanLab lab = new WanLab(Files.createTempDirectory(PREFIX + "-wan-lab"), script.get());
    lab.script("down");
    CommandResult up = lab.script("up");
    if (!up.ok()) {
      lab.close();
      throw new IOException("lab/wan-lab.sh up: expected exit 0, got " + up.describe());
    }
    return lab;
  }

  private static Optional<Path> findScript() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path s = p.resolve("lab/wan-lab.sh");
      if (Files.isExecutable(s)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private CommandResult script(String cmd, String... more) {
    List<String> argv = new ArrayList<>(List.of("bash", script.toString(), cmd, PREFIX));
    argv.addAll(cmd.equals("wan") ? List.of(more) : List.of(runDir.toString()));
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().put("CTL_NET", CTL_NET);
    try {
      Process p = pb.redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(60, TimeUnit.SECONDS);
      return new CommandResult(argv, p.exitValue(), out, "");
    } catch (IOException e) {
      return new CommandResult(argv, -1, "", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new CommandResult(argv, -1, "", "interrupted");
    }
  }

  /** Takes the WAN link down (carrier loss on both ends) or brings it up. */
  void wan(boolean up) {
    CommandResult r = script("wan", up ? "up" : "down");
    if (!r.ok()) {
      throw new IllegalStateException(r.describe());
    }
  }

  /** The OSPF API of the hub, reachable from the root namespace. */
  String api() {
    return CTL_NET + ".2:2607";
  }

  /** The hub's snmpd, reachable from the root namespace (community {@link #snmpCommunity}). */
  String snmpAgent() {
    return CTL_NET + ".2";
  }

  String snmpCommunity() {
    return PREFIX + "-ro";
  }

  /** The namespace of branch host {@code n} (1 or 2). */
  String hostNs(int n) {
    return PREFIX + "-h" + n;
  }

  String uplink(int n) {
    return PREFIX + "-h" + n + "-up";
  }

  /** The lab's namespaces that still exist. */
  List<String> namespacesLeft() {
    return ProcessCommandRunner.local().run(List.of("ip", "netns", "list")).stdout().lines()
        .map(l -> l.split(" ")[0]).filter(n -> n.startsWith(PREFIX + "-")).toList();
  }

  /**
   * What an adapter left in host {@code n}'s namespace and the cgroup tree: its nft table, tc qdiscs and
   * classes of its major on the host's uplink, app cgroups under its cgroup parent.
   */
  List<String> adapterLeftovers(int n, String table, int tcMajor, String cgroupParent) {
    List<String> left = new ArrayList<>();
    String node = "h" + n;
    if (ns(node, "nft", "list", "tables").stdout().lines().anyMatch(l -> l.trim().equals("table inet " + table))) {
      left.add(node + ": nft table inet " + table);
    }
    String handle = Integer.toHexString(tcMajor) + ":";
    ns(node, "tc", "qdisc", "show", "dev", uplink(n)).stdout().lines()
        .filter(l -> l.contains(" " + handle + " ") || l.contains("parent " + handle))
        .forEach(l -> left.add(node + ": " + "tc " + l.trim()));
    ns(node, "tc", "class", "show", "dev", uplink(n)).stdout().lines().filter(l -> l.contains(handle))
        .forEach(l -> left.add(node + ": tc " + l.trim()));
    if (Cgroup2Mount.find() instanceof Cgroup2Mount.Lookup.Found f
        && Files.isDirectory(f.mount().root().resolve(cgroupParent))) {
      try (var s = Files.list(f.mount().root().resolve(cgroupParent))) {
        s.filter(Files::isDirectory).forEach(d -> left.add(node + ": cgroup " + d));
      } catch (IOException e) {
        left.add("cgroup parent unreadable: " + e.getMessage());
      }
    }
    return left;
  }

  /** The branch router's next-hop interface towards the sink ({@code wan} or {@code to-bk}). */
  String branchRouteToSink() {
    String out = ns("br", "ip", "route", "get", SINK_IP).stdout();
    Matcher m = Pattern.compile(" dev (\\S+)").matcher(out);
    return m.find() ? m.group(1) : "none: " + out.strip();
  }

  /** Bytes sent by the backup router towards the hub so far. */
  long backupPathBytes() {
    try {
      JsonNode j = JSON.readTree(ns("bk", "ip", "-s", "-j", "link", "show", "to-hub").stdout());
      return j.get(0).path("stats64").path("tx").path("bytes").asLong();
    } catch (IOException e) {
      throw new IllegalStateException("expected ip -j output, got " + e, e);
    }
  }

  /** Counts, in the sink, the IP bytes arriving for each port. */
  void installMeter(int... ports) {
    StringBuilder s = new StringBuilder("table inet " + PREFIX + "meter {\n chain in {\n"
        + "  type filter hook input priority 0; policy accept;\n");
    for (int p : ports) {
      s.append("  tcp dport ").append(p).append(" counter\n");
    }
    s.append(" }\n}\n");
    CommandResult r = ProcessCommandRunner.inNetns(Optional.of(sinkNs)).run(List.of("nft", "-f", "-"), s.toString());
    if (!r.ok()) {
      throw new IllegalStateException(r.describe());
    }
  }

  /** IP bytes counted so far for every port of {@link #installMeter}, read at one instant. */
  java.util.Map<Integer, Long> meteredBytes() {
    String out = ProcessCommandRunner.inNetns(Optional.of(sinkNs))
        .run(List.of("nft", "list", "table", "inet", PREFIX + "meter")).stdout();
    Matcher m = Pattern.compile("tcp dport (\\d+) counter packets \\d+ bytes (\\d+)").matcher(out);
    java.util.Map<Integer, Long> bytes = new java.util.TreeMap<>();
    while (m.find()) {
      bytes.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
    }
    if (bytes.isEmpty()) {
      throw new IllegalStateException("expected port counters in the sink's meter, got " + out);
    }
    return bytes;
  }

  /** IP bytes counted so far for a port by {@link #installMeter}. */
  long meteredBytes(int port) {
    String out = ProcessCommandRunner.inNetns(Optional.of(sinkNs))
        .run(List.of("nft", "list", "table", "inet", PREFIX + "meter")).stdout();
    Matcher m = Pattern.compile("tcp dport " + port + " counter packets \\d+ bytes (\\d+)").matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("expected a counter for port " + port + ", got " + out);
    }
    return Long.parseLong(m.group(1));
  }

  /** The Linux adapter's settings: names {@code P}, acting in the host namespace on its uplink. */
  EnforcementSettings enforcement() {
    return new EnforcementSettings(PREFIX, PREFIX, List.of(uplink), HostLab.TC_MAJOR, PREFIX + "-ifb0",
        Optional.of(hostNs), PREFIX, s -> { });
  }

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

  CommandResult ns(String node, String... argv) {
    return ProcessCommandRunner.inNetns(Optional.of(PREFIX + "-" + node)).run(List.of(argv));
  }

  /** Whether a nft table, tc class or cgroup of the adapter is still there. */
  List<String> adapterLeftovers() {
    List<String> left = new ArrayList<>();
    if (ns("h1", "nft", "list", "tables").stdout().lines().anyMatch(l -> l.trim().equals("table inet " + PREFIX))) {
      left.add("nft table inet " + PREFIX);
    }
    String handle = Integer.toHexString(HostLab.TC_MAJOR) + ":";
    ns("h1", "tc", "class", "show", "dev", uplink).stdout().lines().filter(l -> l.contains(handle))
        .forEach(l -> left.add("tc " + l.trim()));
    if (Cgroup2Mount.find() instanceof Cgroup2Mount.Lookup.Found f && Files.isDirectory(f.mount().root().resolve(PREFIX))) {
      try (var s = Files.list(f.mount().root().resolve(PREFIX))) {
        s.filter(Files::isDirectory).forEach(d -> left.add("cgroup " + d));
      } catch (IOException e) {
        left.add("cgroup parent unreadable: " + e.getMessage());
      }
    }
    return left;
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
    script("down");
    ProcessCommandRunner.local().run(List.of("ip", "link", "del", PREFIX + "-ifb0"));
    if (Cgroup2Mount.find() instanceof Cgroup2Mount.Lookup.Found f) {
      for (String parent : List.of(PREFIX, PREFIX + "-h1", PREFIX + "-h2")) {
        HostLab.removeCgroups(f.mount().root().resolve(parent));
      }
    }
    try (var s = Files.walk(runDir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; best effort
    }
  }
}
