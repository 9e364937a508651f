package io.cuttle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.ProcessCommandRunner;
import io.cuttle.enforce.linux.Cgroup2Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's lab ({@code lab/wan-lab.sh}: FRR routers br, hub and bk, two hosts on the branch LANs,
 * a sink behind the hub, snmpd in the hub) with iperf3 traffic and a byte meter per destination
 * port in the sink. Every namespace and link is named {@code <prefix>-...}, every cgroup the
 * daemons' adapters may leave {@code <prefix>-h1} or {@code <prefix>-h2}; {@link #close} removes all
 * of it.
 */
final class WanLabRunner implements AutoCloseable {
  static final String CTL_NET = "172.31.218";
  static final String HOST_IP = "10.207.2.10";
  static final String HOST2_IP = "10.207.3.10";
  static final int SNMP_PORT = 1161;
  static final String SINK_IP = "10.207.9.10";
  private static final ObjectMapper JSON = new ObjectMapper();
  final String prefix;
  private final Path script;
  private final Path runDir;
  private final List<Process> processes = new ArrayList<>();

  private WanLabRunner(String prefix, Path script, Path runDir) {
    this.prefix = prefix;
    this.script = script;
    this.runDir = runDir;
  }

  /** Why the lab cannot run here (not root, no FRR, iperf3 or nft, no lab script), or empty. */
  static Optional<String> unavailabilityCause() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("the lab needs root (network namespaces), running as " + System.getProperty("user.name"));
    }
    if (!Files.isExecutable(Path.of("/usr/lib/frr/ospfd"))) {
      return Optional.of("the lab needs FRR (apt package frr): /usr/lib/frr/ospfd not found");
    }
    for (String tool : List.of("iperf3", "nft", "tc", "snmpd", "snmpset")) {
      if (!ProcessCommandRunner.local().run(List.of("sh", "-c", "command -v " + tool)).ok()) {
        return Optional.of("the lab needs " + tool + " on the PATH");
      }
    }
    return findScript().isPresent() ? Optional.empty() : Optional.of("lab/wan-lab.sh not found");
  }

  /** The script beside the command's jar ({@code cli/target/cuttle.jar}), or above the working directory. */
  static Optional<Path> findScript() {
    List<Path> starts = new ArrayList<>();
    try {
      starts.add(Path.of(WanLabRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (Exception e) {
      // no code source: only the working directory is searched
    }
    starts.add(Path.of("").toAbsolutePath());
    for (Path start : starts) {
      for (Path p = start; p != null; p = p.getParent()) {
        Path s = p.resolve("lab/wan-lab.sh");
        if (Files.isRegularFile(s)) {
          return Optional.of(s);
        }
      }
    }
    return Optional.empty();
  }

  static WanLabRunner start(String prefix) throws IOException {
    Path script = findScript().orElseThrow(() -> new IOException("lab/wan-lab.sh not found"));
    WanLabRunner lab = new WanLabRunner(prefix, script, Files.createTempDirectory(prefix + "-wan-lab"));
    lab.script("down", lab.runDir.toString());
    CommandResult up = lab.script("up", lab.runDir.toString());
    if (!up.ok()) {
      lab.close();
      throw new IOException("lab/wan-lab.sh up: expected exit 0, got " + up.describe());
    }
    return lab;
  }

  private CommandResult script(String cmd, String arg) {
    List<String> argv = List.of("bash", script.toString(), cmd, prefix, arg);
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().put("CTL_NET", CTL_NET);
    try {
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new CommandResult(argv, -1, out, "no exit within 60 s");
      }
      return new CommandResult(argv, p.exitValue(), out, "");
    } catch (IOException e) {
      return new CommandResult(argv, -1, "", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new CommandResult(argv, -1, "", "interrupted");
    }
  }

  String api() {
    return CTL_NET + ".2:2607";
  }

  String ns(String node) {
    return prefix + "-" + node;
  }

  /** Host {@code n}'s (1 or 2) link to the branch router. */
  String uplink(int n) {
    return prefix + "-h" + n + "-up";
  }

  /** The hub's snmpd as seen from the root namespace, and its read community. */
  String snmpAgent() {
    return CTL_NET + ".2";
  }

  String snmpCommunity() {
    return prefix + "-ro";
  }

  /** The cgroup parent the demo gives host {@code n}'s adapter. */
  String cgroupParent(int n) {
    return prefix + "-h" + n;
  }

  /** What an adapter has in host {@code n}: its nft table, tc qdiscs and classes of its major, app cgroups. */
  List<String> adapterObjects(int n, String table, int tcMajor) {
    List<String> left = new ArrayList<>();
    String node = "h" + n;
    if (in(node, "nft", "list", "tables").stdout().lines().anyMatch(l -> l.trim().equals("table inet " + table))) {
      left.add("nft table " + table);
    }
    String handle = Integer.toHexString(tcMajor) + ":";
    in(node, "tc", "qdisc", "show", "dev", uplink(n)).stdout().lines()
        .filter(l -> l.contains(" " + handle + " ") || l.contains("parent " + handle))
        .forEach(l -> left.add("tc " + l.trim()));
    in(node, "tc", "class", "show", "dev", uplink(n)).stdout().lines().filter(l -> l.contains(handle))
        .forEach(l -> left.add("tc " + l.trim()));
    if (Cgroup2Mount.find() instanceof Cgroup2Mount.Lookup.Found f) {
      try (var dirs = Files.list(f.mount().root().resolve(cgroupParent(n)))) {
        dirs.filter(Files::isDirectory).forEach(d -> left.add("cgroup " + d.getFileName()));
      } catch (IOException e) {
        // no parent: no app cgroups
      }
    }
    return left;
  }

  void wan(boolean up) throws IOException {
    CommandResult r = script("wan", up ? "up" : "down");
    if (!r.ok()) {
      throw new IOException(r.describe());
    }
  }

  CommandResult in(String node, String... argv) {
    return ProcessCommandRunner.inNetns(Optional.of(ns(node))).run(List.of(argv));
  }

  /** The branch router's next-hop interface towards the sink. */
  String branchRoute() {
    Matcher m = Pattern.compile(" dev (\\S+)").matcher(in("br", "ip", "route", "get", SINK_IP).stdout());
    return m.find() ? m.group(1) : "none";
  }

  long backupPathBytes() {
    try {
      JsonNode j = JSON.readTree(in("bk", "ip", "-s", "-j", "link", "show", "to-hub").stdout());
      return j.path(0).path("stats64").path("tx").path("bytes").asLong();
    } catch (IOException e) {
      return 0;
    }
  }

  void installMeter(int... ports) throws IOException {
    StringBuilder s = new StringBuilder("table inet " + prefix + "meter {\n chain in {\n"
        + "  type filter hook input priority 0; policy accept;\n");
    for (int p : ports) {
      s.append("  tcp dport ").append(p).append(" counter\n");
    }
    s.append(" }\n}\n");
    CommandResult r = ProcessCommandRunner.inNetns(Optional.of(ns("sink"))).run(List.of("nft", "-f", "-"), s.toString());
    if (!r.ok()) {
      throw new IOException(r.describe());
    }
  }

  /** Bytes counted so far per metered port, read at one instant. */
  Map<Integer, Long> meteredBytes() {
    String out = in("sink", "nft", "list", "table", "inet", prefix + "meter").stdout();
    Matcher m = Pattern.compile("tcp dport (\\d+) counter packets \\d+ bytes (\\d+)").matcher(out);
    Map<Integer, Long> bytes = new TreeMap<>();
    while (m.find()) {
      bytes.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
    }
    return bytes;
  }

  Process startIn(String node, String... argv) throws IOException {
    List<String> full = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + ns(node)));
    full.addAll(List.of(argv));
    Process p = new ProcessBuilder(full).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    processes.add(p);
    return p;
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
    script("down", runDir.toString());
    if (Cgroup2Mount.find() instanceof Cgroup2Mount.Lookup.Found f) {
      for (int n = 1; n <= 2; n++) {
        removeCgroups(f.mount().root().resolve(cgroupParent(n)));
      }
    }
    try (var s = Files.walk(runDir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; best effort
    }
  }

  /** Removes a cgroup parent and its (by now empty: the lab's processes are gone) app cgroups. */
  private static void removeCgroups(Path parent) {
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (var s = Files.list(parent)) {
      for (Path d : s.filter(Files::isDirectory).toList()) {
        Files.deleteIfExists(d);
      }
      Files.deleteIfExists(parent);
    } catch (IOException ignored) {
      // a cgroup still in use; left for the next run, which removes it
    }
  }
}
