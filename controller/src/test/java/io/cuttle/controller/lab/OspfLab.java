package io.cuttle.controller.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A running OSPF lab (topology: {@code lab/ospf-lab.sh}): FRR routers r1-r4, the BIRD router b5,
 * the FRR listener {@code lst} with the OSPF API, a broadcast LAN. Every namespace is named
 * {@code <prefix>-<node>}. {@link #close} always tears everything down (daemons by pid file, then
 * any process left in the lab's namespaces, then the namespaces); {@link #start} tears down
 * leftovers of an earlier run with the same prefix first.
 *
 * <p>Needs root, frr and bird2: check {@link #unavailabilityCause()} and skip otherwise.
 */
public final class OspfLab implements AutoCloseable {
  /** FRR routers whose route tables can be compared (the listener excluded). */
  public static final List<String> FRR_ROUTERS = List.of("r1", "r2", "r3", "r4");
  public static final String LISTENER = "lst";
  public static final String BIRD = "b5";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String prefix;
  private final Path runDir;
  private final Path script;
  private final String ctlNet;

  private OspfLab(String prefix, Path runDir, Path script, String ctlNet) {
    this.prefix = prefix;
    this.runDir = runDir;
    this.script = script;
    this.ctlNet = ctlNet;
  }

  /** Why the lab cannot run here, or empty if it can. */
  public static Optional<String> unavailabilityCause() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("the OSPF lab needs root (network namespaces), running as " + System.getProperty("user.name"));
    }
    if (!Files.isExecutable(Path.of("/usr/lib/frr/ospfd"))) {
      return Optional.of("the OSPF lab needs FRR (apt package frr): /usr/lib/frr/ospfd not found");
    }
    if (Stream.of("/usr/sbin/bird", "/usr/bin/bird").noneMatch(p -> Files.isExecutable(Path.of(p)))) {
      return Optional.of("the OSPF lab needs BIRD 2 (apt package bird2): bird not found");
    }
    if (findScript().isEmpty()) {
      return Optional.of("lab/ospf-lab.sh not found above " + Path.of("").toAbsolutePath());
    }
    return Optional.empty();
  }

  /**
   * Builds and starts the lab.
   *
   * @param prefix 1-6 lower-case letters/digits, unique to the caller (namespaces, links)
   * @param ctlNet first three octets of the /30 between the root namespace and the listener
   */
  public static OspfLab start(String prefix, String ctlNet) throws IOException {
    Path script = findScript().orElseThrow(() -> new IOException("lab/ospf-lab.sh not found"));
    Path dir = Files.createTempDirectory(prefix + "-ospf-lab");
    OspfLab lab = new OspfLab(prefix, dir, script, ctlNet);
    lab.script("down", prefix, dir.toString());
    try {
      Result r = lab.script("up", prefix, dir.toString());
      if (r.exitCode() != 0) {
        throw new IOException("lab/ospf-lab.sh up: expected exit 0, got " + r.exitCode() + ": " + r.output());
      }
      return lab;
    } catch (IOException | RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  private static Optional<Path> findScript() {
    String explicit = System.getProperty("cuttle.lab.script");
    if (explicit != null) {
      return Optional.of(Path.of(explicit));
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path s = p.resolve("lab/ospf-lab.sh");
      if (Files.isExecutable(s)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Output and exit code of a command. */
  public record Result(int exitCode, String output) {}

  private Result script(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
    cmd.addAll(List.of(args));
    return run(cmd, Duration.ofSeconds(60));
  }

  private Result run(List<String> cmd, Duration timeout) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("CTL_NET", ctlNet);
    Process p = pb.start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException(cmd + ": expected to finish within " + timeout + ", got no exit");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted", e);
    }
  }

  /** Runs a command in a node's namespace (e.g. to start snmpd or iperf3 there). */
  public Result exec(String node, String... command) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace(node)));
    cmd.addAll(List.of(command));
    return run(cmd, Duration.ofSeconds(60));
  }

  /** Like {@link #exec} but fails unless the command exits 0. */
  public String execOk(String node, String... command) throws IOException {
    Result r = exec(node, command);
    if (r.exitCode() != 0) {
      throw new IOException(node + ": " + String.join(" ", command) + ": expected exit 0, got " + r.exitCode()
          + ": " + r.output());
    }
    return r.output();
  }

  /** Runs vtysh commands on an FRR node; each command is one {@code -c}. */
  public String vtysh(String node, String... commands) throws IOException {
    List<String> args = new ArrayList<>(List.of("vtysh", prefix, runDir.toString(), node));
    args.addAll(List.of(commands));
    Result r = script(args.toArray(String[]::new));
    if (r.exitCode() != 0) {
      throw new IOException("vtysh on " + node + ": expected exit 0, got " + r.exitCode() + ": " + r.output());
    }
    return r.output();
  }

  public JsonNode vtyshJson(String node, String command) throws IOException {
    return JSON.readTree(vtysh(node, command));
  }

  /** Configures an FRR node: each line is entered in {@code configure terminal}. */
  public void configure(String node, String... lines) throws IOException {
    List<String> cmds = new ArrayList<>(List.of("configure terminal"));
    cmds.addAll(List.of(lines));
    vtysh(node, cmds.toArray(String[]::new));
  }

  /** Stops one daemon ({@code zebra}, {@code ospfd}, {@code bird}) of a node by its pid file. */
  public void stopDaemon(String node, String daemon) throws IOException {
    Path pidFile = runDir.resolve(node).resolve(daemon + ".pid");
    String pid = Files.exists(pidFile) ? Files.readString(pidFile).trim() : "";
    script("stop", prefix, runDir.toString(), node, daemon);
    if (!pid.isEmpty()) {
      Path proc = Path.of("/proc", pid);
      awaitTrue(Duration.ofSeconds(10), () -> !Files.exists(proc), node + " " + daemon + " to exit");
    }
  }

  /** Starts one daemon of a node again (after {@link #stopDaemon}). */
  public void startDaemon(String node, String daemon) throws IOException {
    Result r = script("start", prefix, runDir.toString(), node, daemon);
    if (r.exitCode() != 0) {
      throw new IOException("start " + node + " " + daemon + ": expected exit 0, got " + r.exitCode() + ": "
          + r.output());
    }
  }

  /** The listener's OSPF API, reachable from the root namespace. */
  public InetSocketAddress apiAddress() {
    return new InetSocketAddress(ctlNet + ".2", 2607);
  }

  public String namespace(String node) {
    return prefix + "-" + node;
  }

  public Path runDir() {
    return runDir;
  }

  /**
   * Waits until every FRR router has a route to every stub LAN, the broadcast LAN and the external
   * prefix, i.e. both areas, the BIRD router and the ASBR are known everywhere.
   */
  public void awaitConverged(Duration timeout) throws IOException {
    List<String> expected = List.of("10.3.0.0/24", "10.4.0.0/24", "10.5.0.0/24", "10.0.100.0/24", "10.1.44.0/30");
    awaitTrue(timeout, () -> {
      for (String r : FRR_ROUTERS) {
        JsonNode routes = vtyshJsonQuietly(r, "show ip ospf route json");
        if (routes == null || !expected.stream().allMatch(routes::has)
            || (!r.equals("r1") && !routes.has("198.51.100.0/24"))) {
          return false;
        }
      }
      return true;
    }, "every router to learn every prefix");
  }

  private JsonNode vtyshJsonQuietly(String node, String command) {
    try {
      return vtyshJson(node, command);
    } catch (IOException e) {
      return null;
    }
  }

  /** Polls {@code condition} every 100 ms. */
  public static void awaitTrue(Duration timeout, BooleanSupplier condition, String what) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IOException("expected " + what + " within " + timeout.toSeconds() + " s, got a timeout");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + what, e);
      }
    }
  }

  /** Stops every daemon and deletes the namespaces and the run directory. Never throws. */
  @Override
  public void close() {
    try {
      script("down", prefix, runDir.toString());
    } catch (IOException e) {
      System.err.println("ospf lab " + prefix + ": teardown failed: " + e.getMessage());
    }
    try (Stream<Path> files = Files.walk(runDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory: the OS cleans it eventually
    }
  }
}
