package io.cuttle.controller.annotation;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two router namespaces joined by a veth, each running its own net-snmp {@code snmpd} on a
 * management veth to the test's namespace, so the controller polls them as it would poll routers:
 *
 * <pre>
 *   [test ns] ca-m1 10.233.41.1 ---- 10.233.41.2 ca-m1r [ca-r1] ca-l1 10.233.12.1
 *                                                                   |
 *   [test ns] ca-m2 10.233.42.1 ---- 10.233.42.2 ca-m2r [ca-r2] ca-l2 10.233.12.2
 * </pre>
 *
 * Each snmpd is started with {@code -C -c} (its own config only), a pid file and a log in a
 * temporary directory, and its interface cache is turned off through NET-SNMP-AGENT-MIB so that
 * counters are read when asked. {@link #close} kills every process it started and deletes the
 * namespaces, also after a failure; {@link #create} first removes leftovers of an earlier run.
 */
final class SnmpLab implements AutoCloseable {
  static final String R1 = "ca-r1";
  static final String R2 = "ca-r2";
  static final InetAddress LINK_R1 = addr("10.233.12.1");
  static final InetAddress LINK_R2 = addr("10.233.12.2");
  static final InetAddress AGENT_R1 = addr("10.233.41.2");
  static final InetAddress AGENT_R2 = addr("10.233.42.2");
  static final int AGENT_PORT = 16161;
  static final String COMMUNITY = "ca-lab-ro";
  private static final String RW_COMMUNITY = "ca-lab-rw";
  /** nsCacheTimeout for ifTable, whose cache also serves ifXTable. */
  private static final String IF_TABLE_CACHE_TIMEOUT = ".1.3.6.1.4.1.8072.1.5.3.1.2.1.3.6.1.2.1.2.2";

  private final Path dir;
  private final List<Process> processes = new ArrayList<>();

  private SnmpLab(Path dir) {
    this.dir = dir;
  }

  /** Why the lab cannot run here, or null if it can (root, ip, snmpd, snmpset, iperf3). */
  static String unavailabilityCause() {
    try {
      if (!"0".equals(output("id", "-u").trim())) {
        return "needs root to create network namespaces";
      }
      for (String tool : List.of("ip", "snmpd", "snmpset", "iperf3")) {
        if (exec(List.of("sh", "-c", "command -v " + tool)) != 0) {
          return tool + " is not installed";
        }
      }
      return null;
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  static SnmpLab create(Path dir) throws IOException {
    removeLeftovers();
    SnmpLab lab = new SnmpLab(dir);
    try {
      lab.build();
      return lab;
    } catch (IOException | RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  private void build() throws IOException {
    run("ip", "netns", "add", R1);
    run("ip", "netns", "add", R2);
    run("ip", "link", "add", "ca-l1", "netns", R1, "type", "veth", "peer", "name", "ca-l2", "netns", R2);
    nsAddress(R1, "ca-l1", "10.233.12.1/30");
    nsAddress(R2, "ca-l2", "10.233.12.2/30");
    management(R1, "ca-m1", "10.233.41");
    management(R2, "ca-m2", "10.233.42");
    startAgent(R1, AGENT_R1);
    startAgent(R2, AGENT_R2);
  }

  private static void nsAddress(String ns, String dev, String cidr) throws IOException {
    run("ip", "-n", ns, "addr", "add", cidr, "dev", dev);
    run("ip", "-n", ns, "link", "set", dev, "up");
    run("ip", "-n", ns, "link", "set", "lo", "up");
  }

  private static void management(String ns, String dev, String net) throws IOException {
    run("ip", "link", "add", dev, "type", "veth", "peer", "name", dev + "r", "netns", ns);
    run("ip", "addr", "add", net + ".1/30", "dev", dev);
    run("ip", "link", "set", dev, "up");
    nsAddress(ns, dev + "r", net + ".2/30");
  }

  private void startAgent(String ns, InetAddress address) throws IOException {
    Path conf = dir.resolve(ns + "-snmpd.conf");
    Files.writeString(conf, "rocommunity " + COMMUNITY + " 10.233.0.0/16\n"
        + "rwcommunity " + RW_COMMUNITY + " 10.233.0.0/16 .1.3.6.1.4.1.8072.1.5\n");
    String endpoint = "udp:" + address.getHostAddress() + ":" + AGENT_PORT;
    ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", ns, "snmpd", "-f", "-C", "-c", conf.toString(),
        "-p", dir.resolve(ns + "-snmpd.pid").toString(), "-Lf", dir.resolve(ns + "-snmpd.log").toString(), endpoint)
        .redirectErrorStream(true).redirectOutput(dir.resolve(ns + "-snmpd.out").toFile());
    pb.environment().put("SNMP_PERSISTENT_DIR", dir.toString());
    pb.environment().put("MIBS", "");
    processes.add(pb.start());
    SnmpAgent agent = new SnmpAgent(address, AGENT_PORT, COMMUNITY);
    try (Snmp4jCounterSource probe = new Snmp4jCounterSource(Clock.systemUTC(), Duration.ofMillis(200), 0)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!(probe.poll(agent) instanceof PollOutcome.Sampled)) {
        if (System.nanoTime() > deadline) {
          throw new IOException("snmpd in " + ns + " did not answer within 10 s; log: "
              + Files.readString(dir.resolve(ns + "-snmpd.out")));
        }
      }
    }
    run("snmpset", "-v2c", "-c", RW_COMMUNITY, address.getHostAddress() + ":" + AGENT_PORT,
        IF_TABLE_CACHE_TIMEOUT, "i", "0");
  }

  /**
   * Sends UDP at {@code rate} (iperf3 syntax, e.g. 50M) with 1400-byte datagrams for
   * {@code seconds} from one namespace to the other's link address; returns iperf3's JSON report.
   */
  String udp(String fromNs, String toNs, InetAddress to, String rate, int seconds) throws IOException {
    Process server = new ProcessBuilder("ip", "netns", "exec", toNs, "iperf3", "-s", "-1", "-B",
        to.getHostAddress(), "-p", "5301").redirectErrorStream(true).redirectOutput(dir.resolve("iperf3-server.out")
        .toFile()).start();
    processes.add(server);
    waitForListener(toNs);
    Process client = new ProcessBuilder("ip", "netns", "exec", fromNs, "iperf3", "-c", to.getHostAddress(),
        "-p", "5301", "-u", "-b", rate, "-l", "1400", "-t", Integer.toString(seconds), "-J")
        .redirectError(dir.resolve("iperf3-client.err").toFile()).start();
    processes.add(client);
    try {
      String json = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!client.waitFor(seconds + 10L, TimeUnit.SECONDS) || client.exitValue() != 0) {
        throw new IOException("iperf3 client failed: " + json + Files.readString(dir.resolve("iperf3-client.err")));
      }
      server.waitFor(5, TimeUnit.SECONDS);
      return json;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void waitForListener(String ns) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (output("ip", "netns", "exec", ns, "ss", "-Hltn", "sport", "=", ":5301").isBlank()) {
      if (System.nanoTime() > deadline) {
        throw new IOException("iperf3 server in " + ns + " did not listen within 5 s");
      }
      sleep(50);
    }
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (String ns : List.of(R1, R2)) {
      killFromPidFile(dir.resolve(ns + "-snmpd.pid"));
    }
    removeLeftovers();
  }

  private static void killFromPidFile(Path pidFile) {
    try {
      if (Files.exists(pidFile)) {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid).filter(h -> h.info().command().orElse("").contains("snmpd"))
            .ifPresent(ProcessHandle::destroyForcibly);
      }
    } catch (IOException | NumberFormatException e) {
      // nothing more to kill
    }
  }

  private static void removeLeftovers() {
    for (String ns : List.of(R1, R2)) {
      quietly("ip", "netns", "del", ns);
    }
    quietly("ip", "link", "del", "ca-m1");
    quietly("ip", "link", "del", "ca-m2");
  }

  private static void quietly(String... cmd) {
    try {
      exec(List.of(cmd));
    } catch (IOException e) {
      // best effort
    }
  }

  private static void run(String... cmd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + out.trim());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String output(String... cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  private static int exec(List<String> cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static InetAddress addr(String text) {
    return io.cuttle.netstate.model.Prefix.parseAddress(text);
  }
}
