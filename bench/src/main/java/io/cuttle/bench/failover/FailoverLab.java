package io.cuttle.bench.failover;

import io.cuttle.enforce.EnforcementSettings;
import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.ProcessCommandRunner;
import io.cuttle.enforce.linux.Cgroup2Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WAN lab of {@code lab/wan-lab.sh} under a name prefix P (routers {@code P-br}, {@code P-hub},
 * {@code P-bk}; host {@code P-h1}; sink {@code P-sink}; the hub's OSPF API over {@code P-ctl} in
 * {@code CTL_NET}), the processes started in it, and the Linux adapter's settings for the host.
 * {@link #close} removes all of it.
 */
final class FailoverLab implements AutoCloseable {
  static final String HOST_IP = "10.207.2.10";
  static final String SINK_IP = "10.207.9.10";
  static final String BRANCH_PREFIX = "10.207.2.0/24";
  static final String DC_PREFIX = "10.207.9.0/24";

  final String prefix;
  final String ctlNet;
  private final Path script;
  private final Path runDir;
  private final List<Process> processes = new ArrayList<>();

  private FailoverLab(String prefix, String ctlNet, Path script, Path runDir) {
    this.prefix = prefix;
    this.ctlNet = ctlNet;
    this.script = script;
    this.runDir = runDir;
  }

  /** Builds the lab and starts its routers; fails with the script's output. */
  static FailoverLab up(String prefix, String ctlNet) throws IOException {
    Path script = findScript().orElseThrow(() -> new IOException(
        "expected lab/wan-lab.sh above the working directory, got none"));
    FailoverLab lab = new FailoverLab(prefix, ctlNet, script, Files.createTempDirectory(prefix + "-failover"));
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

  private CommandResult script(String cmd) {
    List<String> argv = List.of("bash", script.toString(), cmd, prefix, runDir.toString());
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().put("CTL_NET", ctlNet);
    try {
      Process p = pb.start();
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

  String ns(String node) {
    return prefix + "-" + node;
  }

  String uplink() {
    return prefix + "-h1-up";
  }

  /** The OSPF API of the hub, reached from the root namespace. */
  String api() {
    return ctlNet + ".2:2607";
  }

  Path runDir() {
    return runDir;
  }

  /** {@code ip -n P-br link set wan up|down}: the carrier loss of the WAN link. */
  CommandResult wan(boolean up) {
    return ProcessCommandRunner.local().run(List.of("ip", "-n", ns("br"), "link", "set", "wan", up ? "up" : "down"));
  }

  /** The device a router uses towards {@code ip} ({@code wan}, {@code to-bk}, or what went wrong). */
  String routeDevice(String router, String ip) {
    String out = ProcessCommandRunner.local().run(List.of("ip", "-n", ns(router), "route", "get", ip)).stdout();
    Matcher m = Pattern.compile(" dev (\\S+)").matcher(out);
    return m.find() ? m.group(1) : "none: " + out.strip();
  }

  /** Whether the adapter's nft table is in the host's namespace. */
  boolean hostTablePresent() {
    return ProcessCommandRunner.inNetns(Optional.of(ns("h1"))).run(List.of("nft", "list", "tables")).stdout()
        .lines().anyMatch(l -> l.trim().equals("table inet " + prefix));
  }

  /** The Linux adapter's settings: every owned name P, acting in the host namespace on its uplink. */
  EnforcementSettings enforcement(int tcMajor) {
    return new EnforcementSettings(prefix, prefix, List.of(uplink()), tcMajor, prefix + "-ifb0",
        Optional.of(ns("h1")), prefix, s -> { });
  }

  Process start(String node, String... argv) throws IOException {
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
    script("down");
    ProcessCommandRunner.local().run(List.of("ip", "link", "del", prefix + "-ifb0"));
    if (Cgroup2Mount.find() instanceof Cgroup2Mount.Lookup.Found f) {
      removeCgroups(f.mount().root().resolve(prefix));
    }
    try (var s = Files.walk(runDir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; best effort
    }
  }

  /** Moves processes left in the adapter's cgroups to the cgroup2 root and removes the cgroups. */
  private static void removeCgroups(Path parent) {
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
      // best effort
    }
  }
}
