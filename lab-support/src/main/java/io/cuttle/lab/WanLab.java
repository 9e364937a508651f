package io.cuttle.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.enforce.EnforcementSettings;
import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.ProcessCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WAN lab of {@code lab/wan-lab.sh} under a name prefix P: FRR routers {@code P-br} (branch),
 * {@code P-hub} and {@code P-bk} (the backup path), hosts {@code P-h1} and {@code P-h2} on the branch
 * LANs, sink {@code P-sink} behind the hub, the hub's OSPF API and snmpd reached from the root
 * namespace over {@code P-ctl} in the /30 {@code CTL_NET}. It keeps every process started in it and an
 * optional byte meter in the sink; {@link #close} stops and removes all of it, with the cgroups and the
 * ifb device that adapters named after P (or {@code P-h1}, {@code P-h2}) may have left.
 */
public final class WanLab implements AutoCloseable {
  /** Host 1's address on the first branch LAN. */
  public static final String HOST_IP = "10.207.2.10";
  /** Host 2's address on the second branch LAN. */
  public static final String HOST2_IP = "10.207.3.10";
  /** The sink's address in the data centre. */
  public static final String SINK_IP = "10.207.9.10";
  /** The branch LANs of hosts 1 and 2, and the data centre's prefix. */
  public static final String BRANCH_PREFIX = "10.207.2.0/24";
  public static final String BRANCH2_PREFIX = "10.207.3.0/24";
  public static final String DC_PREFIX = "10.207.9.0/24";
  /** The hub's snmpd port (the script's default). */
  public static final int SNMP_PORT = 1161;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SCRIPT_SECONDS = 60;

  private final String prefix;
  private final String ctlNet;
  private final Path script;
  private final Path runDir;
  private final LabProcesses processes = new LabProcesses();
  private SinkMeter meter;

  private WanLab(String prefix, String ctlNet, Path script, Path runDir) {
    this.prefix = prefix;
    this.ctlNet = ctlNet;
    this.script = script;
    this.runDir = runDir;
  }

  /** Why the lab cannot run here (not root, no FRR, iperf3, nft, tc or snmpd, no lab script), or empty. */
  public static Optional<String> unavailabilityCause() {
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

  /**
   * {@code lab/wan-lab.sh} above the jar or classes directory this class was loaded from (a build of the
   * repository), else above the working directory.
   */
  public static Optional<Path> findScript() {
    List<Path> starts = new ArrayList<>();
    try {
      starts.add(Path.of(WanLab.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
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

  /**
   * Removes what a previous run under the prefix left, builds the lab and starts its routers.
   *
   * @throws IOException with the script's output when it fails, or when the script is not found
   */
  public static WanLab start(String prefix, String ctlNet) throws IOException {
    Path script = findScript().orElseThrow(() -> new IOException(
        "expected lab/wan-lab.sh above the working directory, got none"));
    WanLab lab = new WanLab(prefix, ctlNet, script, Files.createTempDirectory(prefix + "-wan-lab"));
    lab.script("down");
    CommandResult up = lab.script("up");
    if (!up.ok()) {
      lab.close();
      throw new IOException("lab/wan-lab.sh up: expected exit 0, got " + up.describe());
    }
    return lab;
  }

  private CommandResult script(String cmd) {
    List<String> argv = List.of("bash", script.toString(), cmd, prefix, runDir.toString());
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().put("CTL_NET", ctlNet);
    try {
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(SCRIPT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new CommandResult(argv, -1, out, "no exit within " + SCRIPT_SECONDS + " s");
      }
      return new CommandResult(argv, p.exitValue(), out, "");
    } catch (IOException e) {
      return new CommandResult(argv, -1, "", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new CommandResult(argv, -1, "", "interrupted");
    }
  }

  public String prefix() {
    return prefix;
  }

  /** The lab's run directory (routers' sockets and logs); removed by {@link #close}. */
  public Path runDir() {
    return runDir;
  }

  /** The namespace of a node: {@code br}, {@code hub}, {@code bk}, {@code h1}, {@code h2}, {@code sink}. */
  public String ns(String node) {
    return prefix + "-" + node;
  }

  /** The namespace of branch host {@code n} (1 or 2). */
  public String hostNs(int n) {
    return hostNs(prefix, n);
  }

  /** Host {@code n}'s link to the branch router. */
  public String uplink(int n) {
    return uplink(prefix, n);
  }

  /** The namespace of branch host {@code n} of the lab under {@code prefix}. */
  public static String hostNs(String prefix, int n) {
    return prefix + "-h" + n;
  }

  /** Host {@code n}'s link to the branch router in the lab under {@code prefix}. */
  public static String uplink(String prefix, int n) {
    return prefix + "-h" + n + "-up";
  }

  /** The hub's OSPF API, reached from the root namespace. */
  public String api() {
    return ctlNet + ".2:2607";
  }

  /** The hub's snmpd, reached from the root namespace (community {@link #snmpCommunity}). */
  public String snmpAgent() {
    return ctlNet + ".2";
  }

  public String snmpCommunity() {
    return prefix + "-ro";
  }

  /**
   * The controller's configuration for the lab's story: the topology from the hub's OSPF API, the WAN
   * link's load from the hub's snmpd every second (re-sent when it moves by 10% and at least 1M), both
   * links of the backup path labelled {@code backup}, and the sites {@code branch} (both branch LANs,
   * the WAN link as its uplink) and {@code dc}.
   */
  public String storyControllerYaml() {
    return """
        topology: {source: ospf, api: %s}
        annotations:
          interval: 1s
          change-threshold: 10%%
          change-floor: 1M
          snmp: {community: %s, port: %d, timeout: 500ms, retries: 1, agents: [%s]}
        """.formatted(api(), snmpCommunity(), SNMP_PORT, snmpAgent()) + labelsAndSitesYaml(List.of(BRANCH_PREFIX,
        BRANCH2_PREFIX));
  }

  /**
   * The lab's static annotations, to follow other keys of {@code annotations:}: both links of the backup
   * path labelled {@code backup}, the site {@code branch} (the given branch prefixes, the WAN link as its
   * uplink, the branch router inside) and the site {@code dc}.
   */
  public static String labelsAndSitesYaml(List<String> branchPrefixes) {
    return """
          links:
            - {routers: [10.255.7.1, 10.255.7.3], labels: [backup]}
            - {routers: [10.255.7.3, 10.255.7.2], labels: [backup]}
          sites:
            - name: branch
              prefixes: [%s]
              uplinks: [{routers: [10.255.7.1, 10.255.7.2], inside: 10.255.7.1}]
            - {name: dc, prefixes: [%s]}
        """.formatted(String.join(", ", branchPrefixes), DC_PREFIX);
  }

  /** Runs a command in a node's namespace and waits for it. */
  public CommandResult in(String node, String... argv) {
    return ProcessCommandRunner.inNetns(Optional.of(ns(node))).run(List.of(argv));
  }

  /** Starts a process in a node's namespace, stopped by {@link #close}; see {@link LabProcesses#start}. */
  public Process start(String node, boolean quiet, String... argv) {
    return processes.start(ns(node), quiet, argv);
  }

  /** {@code ip -n P-br link set wan up|down}: carrier loss on both ends of the WAN link, or its return. */
  public CommandResult wanLink(boolean up) {
    return ProcessCommandRunner.local().run(List.of("ip", "-n", ns("br"), "link", "set", "wan", up ? "up" : "down"));
  }

  /** {@link #wanLink}, failing with its output. */
  public void wan(boolean up) throws IOException {
    CommandResult r = wanLink(up);
    if (!r.ok()) {
      throw new IOException(r.describe());
    }
  }

  /** The device a router uses towards {@code ip} ({@code wan}, {@code to-bk}, or {@code none: <output>}). */
  public String routeDevice(String router, String ip) {
    String out = in(router, "ip", "route", "get", ip).stdout();
    Matcher m = Pattern.compile(" dev (\\S+)").matcher(out);
    return m.find() ? m.group(1) : "none: " + out.strip();
  }

  /** The branch router's next-hop interface towards the sink ({@code wan} or {@code to-bk}). */
  public String branchRouteToSink() {
    return routeDevice("br", SINK_IP);
  }

  /**
   * Bytes sent by the backup router towards the hub so far.
   *
   * @throws IllegalStateException when {@code ip -j} prints no JSON
   */
  public long backupPathBytes() {
    try {
      JsonNode j = JSON.readTree(in("bk", "ip", "-s", "-j", "link", "show", "to-hub").stdout());
      return j.path(0).path("stats64").path("tx").path("bytes").asLong();
    } catch (IOException e) {
      throw new IllegalStateException("expected ip -j output, got " + e, e);
    }
  }

  /** Counts, in the sink, the IP bytes arriving for each port (table {@code inet Pmeter}). */
  public void installMeter(int... ports) {
    meter = SinkMeter.install(ns("sink"), prefix + "meter", ports);
  }

  /** IP bytes counted so far for every port of {@link #installMeter}, read at one instant. */
  public Map<Integer, Long> meteredBytes() {
    return meter().bytes();
  }

  /** IP bytes counted so far for a port of {@link #installMeter}. */
  public long meteredBytes(int port) {
    return meter().bytes(port);
  }

  private SinkMeter meter() {
    if (meter == null) {
      throw new IllegalStateException("expected installMeter before reading the meter, got none installed");
    }
    return meter;
  }

  /** A Linux adapter's settings for host 1: every owned name P, acting in the host's namespace on its uplink. */
  public EnforcementSettings enforcement(int tcMajor) {
    return new EnforcementSettings(prefix, prefix, List.of(uplink(1)), tcMajor, prefix + "-ifb0",
        Optional.of(hostNs(1)), prefix, s -> { });
  }

  /** What the adapter of {@link #enforcement} has in the kernel; see {@link AdapterObjects#list}. */
  public List<String> adapterObjects(int tcMajor) {
    return AdapterObjects.list(hostNs(1), prefix, uplink(1), tcMajor, prefix);
  }

  /** The lab's namespaces that still exist. */
  public List<String> namespacesLeft() {
    return ProcessCommandRunner.local().run(List.of("ip", "netns", "list")).stdout().lines()
        .map(l -> l.split(" ")[0]).filter(n -> n.startsWith(prefix + "-")).toList();
  }

  @Override
  public void close() {
    processes.close();
    script("down");
    ProcessCommandRunner.local().run(List.of("ip", "link", "del", prefix + "-ifb0"));
    for (String parent : List.of(prefix, prefix + "-h1", prefix + "-h2")) {
      LabCgroups.remove(parent);
    }
    try (var s = Files.walk(runDir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; best effort
    }
  }
}
