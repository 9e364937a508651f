package io.cuttle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.daemon.config.FlowsConfig;
import io.cuttle.daemon.flows.FlowAccounting;
import io.cuttle.daemon.flows.FlowsStarter;
import io.cuttle.daemon.flows.capture.CaptureStats;
import io.cuttle.daemon.flows.proc.CgroupMount;
import io.cuttle.host.model.HostSnapshot;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Flow accounting side by side with {@code nethogs -t} on the same load, in two namespaces this
 * harness creates ({@code cgfb-a} accounted, {@code cgfb-b} servers) and deletes at the end:
 * (a) bulk TCP at full speed, (b) 50,000 small UDP datagrams/s, (c) 1,000 new TCP connections/s
 * from a client in a cgroup of its own ({@code cg-bench-client}, created and removed here),
 * and idle phases after them: right away, and once their flows have expired (steady state). Per phase it prints CPU seconds and RSS of this JVM (which does the
 * accounting) and of nethogs, capture drops, and the share of bytes attributed.
 * Then, with nethogs stopped, UDP at the sender's full speed with the accounting running and
 * after it stopped (its kernel table removed), to show what the accounting costs the sender.
 * Usage: BenchFlows [seconds per phase = 10] [kernel|capture: how UDP is counted, default kernel],
 * or BenchFlows sender-cost [rounds = 5] [seconds = 4]: only the sender's cost, rounds alternating
 * no accounting, the kernel table, and the packet capture. Needs root.
 */
public final class BenchFlows {
  private static final String A = "cgfb-a";
  private static final String B = "cgfb-b";
  /** The cgroup (under the cgroup2 mount) phase (c)'s client runs in, as a systemd service would. */
  private static final String CLIENT_CGROUP = "cg-bench-client";
  private static final String B_ADDR = "10.99.5.2";
  private static final List<Process> started = new ArrayList<>();
  /** The sender's CPU (%) iperf3 reported for the last phase it ran. */
  private static double lastSenderCpu = Double.NaN;

  private BenchFlows() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("sender-cost")) {
      senderCost(args.length > 1 ? Integer.parseInt(args[1]) : 5, args.length > 2 ? Integer.parseInt(args[2]) : 4);
      return;
    }
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    boolean kernel = args.length < 2 || !args[1].equals("capture");
    Path dir = Files.createTempDirectory("cfb");
    for (String s : List.of("sink_server.py", "conn_rate.py")) {
      try (InputStream in = BenchFlows.class.getResourceAsStream("/flows/" + s)) {
        Files.write(dir.resolve(s), in.readAllBytes());
      }
    }
    teardown();
    try {
      setup();
      run(seconds, dir, kernel);
    } finally {
      for (Process p : started) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
      teardown();
    }
  }

  private static void run(int seconds, Path dir, boolean kernel) throws Exception {
    FlowsConfig cfg = FlowsConfig.defaults(true).withNetns(Optional.of(Path.of("/run/netns", A))).withKernelCounters(kernel);
    FlowsStarter.Started s = FlowsStarter.start(cfg, "bench", Clock.systemUTC(), true);
    FlowAccounting acc = s.accounting().orElseThrow(() -> new IllegalStateException(s.status().detail()));
    System.out.println("# " + s.status().detail() + "; kernel counting " + acc.kernelCounting().state());
    File hogsOut = dir.resolve("nethogs.out").toFile();
    Process hogs = new ProcessBuilder("nsenter", "--net=/run/netns/" + A, "nethogs", "-t", "-C", "-d", "1", "cgfb-va")
        .redirectOutput(hogsOut).redirectErrorStream(true).start();
    started.add(hogs);
    start(B, "iperf3", "-s", "-B", B_ADDR, "-p", "5301");
    start(B, "/usr/bin/python3", dir.resolve("sink_server.py").toString(), B_ADDR, "7300");
    Thread.sleep(3000);
    System.out.println("phase, jvm_cpu_s, nethogs_cpu_s, cpu_ratio, jvm_rss_mib, nethogs_rss_mib, capture_received,"
        + " capture_dropped, attributed_share, accounted_bytes, generator_bytes, live_flow_bytes_by_method,"
        + " kernel_unrecorded, sender_cpu_pct");
    phase("a-bulk-tcp", seconds, acc, hogs, () -> iperf("-t", Integer.toString(seconds)));
    phase("b-udp-50kpps", seconds, acc, hogs, () -> iperf("-u", "-l", "64", "-b", "25.6M", "-t",
        Integer.toString(seconds)));
    Path cgroup = clientCgroup();
    try {
      phase("c-1000-conn-per-s", seconds, acc, hogs, () -> {
        String procs = cgroup.resolve("cgroup.procs").toString();
        String out = outputIn(procs, "/usr/bin/python3", dir.resolve("conn_rate.py").toString(), B_ADDR, "7300",
            "1000", Integer.toString(seconds), "1000");
        return Long.parseLong(out.trim().split(" ")[1]);
      });
    } finally {
      removeCgroup(cgroup);
    }
    Thread.sleep(3000);
    phase("idle", 2 * seconds, acc, hogs, () -> 0L);
    Thread.sleep(cfg.idleTimeout().toMillis() + 5000); // every flow of the loads has expired
    phase("idle-empty-table", 2 * seconds, acc, hogs, () -> 0L);
    hogs.destroy();
    hogs.waitFor(5, TimeUnit.SECONDS);
    System.out.println("phase, jvm_cpu_s, sender_datagrams_per_s, sender_cpu_pct, sender_cpu_us_per_datagram"
        + " (iperf3 -u -b 0 -l 64, nethogs stopped)");
    udpMax("udp-max-accounting-on", seconds / 2);
    acc.close();
    udpMax("udp-max-accounting-off", seconds / 2);
  }

  /**
   * The sender's CPU per datagram at full speed (64-byte UDP) with no accounting, with the kernel
   * table only (capture off), and with the packet capture only, in alternating rounds.
   */
  private static void senderCost(int rounds, int seconds) throws Exception {
    teardown();
    try {
      setup();
      start(B, "iperf3", "-s", "-B", B_ADDR, "-p", "5301");
      Thread.sleep(1000);
      System.out.println("round, method, jvm_cpu_s, sender_datagrams_per_s, sender_cpu_pct, sender_cpu_us_per_datagram");
      FlowsConfig base = FlowsConfig.defaults(true).withNetns(Optional.of(Path.of("/run/netns", A)));
      for (int r = 1; r <= rounds; r++) {
        udpMax(r + ", none", seconds);
        FlowAccounting k = FlowsStarter.start(base.withCapture(false), "bench", Clock.systemUTC(), true).accounting()
            .orElseThrow();
        udpMax(r + ", nft-table", seconds);
        k.close();
        FlowAccounting c = FlowsStarter.start(base.withKernelCounters(false), "bench", Clock.systemUTC(), true)
            .accounting().orElseThrow();
        udpMax(r + ", capture", seconds);
        c.close();
      }
    } finally {
      for (Process p : started) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
      teardown();
    }
  }

  /** UDP at the sender's full speed: datagrams/s and the sender's CPU (iperf3's own figure). */
  private static void udpMax(String name, int seconds) throws Exception {
    double jvm0 = sum(cpu(ProcessHandle.current().pid()));
    List<String> cmd = List.of("iperf3", "-c", B_ADDR, "-p", "5301", "--json", "-u", "-b", "0", "-l", "64", "-t",
        Integer.toString(seconds));
    JsonNode end = new ObjectMapper().readTree(output(A, cmd.toArray(String[]::new))).path("end");
    double jvm = sum(cpu(ProcessHandle.current().pid())) - jvm0;
    double secs = end.path("sum").path("seconds").asDouble(1);
    double pps = end.path("sum").path("packets").asDouble() / secs;
    double cpuPct = end.path("cpu_utilization_percent").path("host_total").asDouble();
    System.out.printf(Locale.ROOT, "%s, %.2f, %.0f, %.1f, %.2f%n", name, jvm, pps, cpuPct, cpuPct / 100 * 1e6 / pps);
  }

  interface Load {
    long run() throws Exception;
  }

  private static void phase(String name, int seconds, FlowAccounting acc, Process hogs, Load load) throws Exception {
    HostSnapshot before = acc.tick();
    CaptureStats c0 = acc.captureStats();
    double[] jvm0 = cpu(ProcessHandle.current().pid());
    double[] hog0 = cpu(hogs.pid());
    long t0 = System.nanoTime();
    lastSenderCpu = Double.NaN;
    long generated = load.run();
    long left = TimeUnit.SECONDS.toNanos(seconds) - (System.nanoTime() - t0);
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
    Thread.sleep(1500);
    HostSnapshot after = acc.tick();
    double jvm = sum(cpu(ProcessHandle.current().pid())) - sum(jvm0);
    double hog = sum(cpu(hogs.pid())) - sum(hog0);
    CaptureStats c1 = acc.captureStats();
    long total = bytes(after, false) - bytes(before, false);
    long unknown = bytes(after, true) - bytes(before, true);
    double share = total == 0 ? 1.0 : 1.0 - (double) unknown / total;
    System.out.printf(Locale.ROOT, "%s, %.2f, %.2f, %.3f, %.1f, %.1f, %d, %d, %.4f, %d, %d, %s, %d, %.1f%n", name, jvm, hog,
        hog == 0 ? 0 : jvm / hog, rssMib(ProcessHandle.current().pid()), rssMib(hogs.pid()),
        c1.received() - c0.received(), c1.dropped() - c0.dropped(), share, total, generated,
        acc.bytesByMethod().toString().replace(",", ";"), acc.kernelUnrecorded(), lastSenderCpu);
  }

  private static long bytes(HostSnapshot s, boolean unknownOnly) {
    return s.apps().stream().filter(a -> !unknownOnly || a.app().equals("unknown"))
        .mapToLong(a -> a.total().bytes()).sum();
  }

  private static long iperf(String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("iperf3", "-c", B_ADDR, "-p", "5301", "--json"));
    cmd.addAll(List.of(extra));
    JsonNode j = new ObjectMapper().readTree(output(A, cmd.toArray(String[]::new)));
    JsonNode end = j.path("end");
    lastSenderCpu = end.path("cpu_utilization_percent").path("host_total").asDouble(Double.NaN);
    return end.has("sum_sent") ? end.path("sum_sent").path("bytes").asLong() : end.path("sum").path("bytes").asLong();
  }

  /**
   * utime and stime in seconds from /proc/PID/stat, plus cutime and cstime: the processes it ran
   * and reaped (the accounting's nft reads; the load generators are detached so that theirs is not).
   */
  private static double[] cpu(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return new double[] {Long.parseLong(f[11]) / 100.0, Long.parseLong(f[12]) / 100.0,
        (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0};
  }

  private static double sum(double[] v) {
    return v[0] + v[1] + (v.length > 2 ? v[2] : 0);
  }

  private static double rssMib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return -1;
  }

  private static Process start(String ns, String... cmd) throws IOException {
    List<String> c = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + ns, "--"));
    c.addAll(List.of(cmd));
    Process p = new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    started.add(p);
    return p;
  }

  /** Runs a load generator in namespace {@code ns} detached from this JVM (see {@link #detached}). */
  private static String output(String ns, String... cmd) throws Exception {
    return detached("exec nsenter --net=/run/netns/" + ns + " --" + quoted(cmd));
  }

  private static String quoted(String... cmd) {
    StringBuilder sb = new StringBuilder();
    for (String c : cmd) {
      sb.append(" '").append(c).append('\'');
    }
    return sb.toString();
  }

  /**
   * Runs shell command {@code inner} under a shell that {@code setsid -f} detaches, so that
   * neither is a child this JVM reaps and the generator's CPU does not land in this JVM's cutime
   * (which counts the accounting's own nft processes); its output goes through a file, and a
   * second file says it has ended.
   */
  private static String detached(String inner) throws Exception {
    Path out = Files.createTempFile("cfb-out", ".txt");
    Path done = Path.of(out + ".done");
    String sh = "sh -c \"$0\" > '" + out + "' 2>/dev/null; touch '" + done + "'";
    Process p = new ProcessBuilder("setsid", "-f", "/bin/sh", "-c", sh, inner).start();
    p.waitFor();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.exists(done) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    String text = Files.readString(out);
    Files.deleteIfExists(out);
    Files.deleteIfExists(done);
    return text;
  }

  /** Creates the client's cgroup under the host's cgroup2 mount (a leftover of an earlier run is removed first). */
  private static Path clientCgroup() throws Exception {
    Path mount = CgroupMount.ofThisHost().orElseThrow(() -> new IllegalStateException("no cgroup2 mount"));
    Path cg = mount.resolve(CLIENT_CGROUP);
    removeCgroup(cg);
    Files.createDirectory(cg);
    return cg;
  }

  /** Kills what is left in the client's cgroup (only the harness's client ever enters it) and removes it. */
  private static void removeCgroup(Path cg) throws Exception {
    for (int i = 0; i < 200 && Files.isDirectory(cg); i++) {
      List<String> left = Files.readAllLines(cg.resolve("cgroup.procs")).stream().filter(l -> !l.isBlank()).toList();
      if (left.isEmpty()) {
        Files.delete(cg);
        return;
      }
      left.forEach(p -> ProcessHandle.of(Long.parseLong(p.trim())).ifPresent(ProcessHandle::destroyForcibly));
      Thread.sleep(25);
    }
  }

  /** Runs a command in namespace A after moving itself into the cgroup whose {@code cgroup.procs} is given. */
  private static String outputIn(String procs, String... cmd) throws Exception {
    return detached("echo $$ > '" + procs + "' && exec nsenter --net=/run/netns/" + A + " --" + quoted(cmd));
  }

  private static void setup() throws Exception {
    sh("ip", "netns", "add", A);
    sh("ip", "netns", "add", B);
    sh("ip", "link", "add", "cgfb-va", "netns", A, "type", "veth", "peer", "name", "cgfb-vb", "netns", B);
    sh("ip", "-n", A, "addr", "add", "10.99.5.1/24", "dev", "cgfb-va");
    sh("ip", "-n", B, "addr", "add", B_ADDR + "/24", "dev", "cgfb-vb");
    for (String ns : List.of(A, B)) {
      sh("ip", "-n", ns, "link", "set", "lo", "up");
    }
    sh("ip", "-n", A, "link", "set", "cgfb-va", "up");
    sh("ip", "-n", B, "link", "set", "cgfb-vb", "up");
  }

  private static void teardown() throws Exception {
    for (String ns : List.of(A, B)) {
      if (Files.exists(Path.of("/run/netns", ns))) {
        sh("ip", "netns", "del", ns);
      }
    }
  }

  private static void sh(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
  }
}
