package io.cuttle.bench.failover;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.HostPort;
import io.cuttle.controller.Controller;
import io.cuttle.controller.ControllerConfig;
import io.cuttle.controller.ControllerConfigParser;
import io.cuttle.controller.status.StatusOptions;
import io.cuttle.daemon.Daemon;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.daemon.config.DaemonConfigReader;
import io.cuttle.enforce.EnforcementAdapter;
import io.cuttle.enforce.EnforcementSettings;
import io.cuttle.enforce.exec.ProcessCommandRunner;
import io.cuttle.enforce.linux.Cgroup2Mount;
import io.cuttle.enforce.linux.LinuxEnforcer;
import io.cuttle.enforce.linux.LinuxProvider;
import io.cuttle.lab.LabDaemons;
import io.cuttle.lab.WanLab;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ip link set wan down} on the branch router to the block in the host's kernel, next to the
 * routers' own route changes, over many trials on one lab. The controller (live OSPF provider on
 * the hub's API, static annotations labelling the backup path, the configuration's defaults for
 * linger and annotation spread unless {@code linger=} is given) and the daemon (flow accounting,
 * the shipped backup-link-bulk handler reacting at once, the Linux adapter in the host namespace)
 * run in this JVM. Needs root and FRR.
 *
 * <p>Arguments, all {@code key=value} and optional: {@code prefix=cfo} (lab names, nft table,
 * cgroup), {@code trials=30}, {@code warmup=3}, {@code ctl-net=172.31.227}, {@code linger=} (e.g.
 * {@code 0ms}), {@code tc-major=207}, {@code nft=command} (the adapter starts {@code nft} for each
 * transaction instead of using libnftables; the only way with adapters that predate the library),
 * {@code detail=1} (print every stamp of each trial).
 */
public final class FailoverBench {
  private FailoverBench() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (String a : argv) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, got '" + a + "'");
      }
      args.put(a.substring(0, eq), a.substring(eq + 1));
    }
    String prefix = args.getOrDefault("prefix", "cfo");
    int trials = Integer.parseInt(args.getOrDefault("trials", "30"));
    int warmup = Integer.parseInt(args.getOrDefault("warmup", "3"));
    String ctlNet = args.getOrDefault("ctl-net", "172.31.227");
    Optional<Duration> linger = Optional.ofNullable(args.get("linger")).map(FailoverBench::duration);
    int tcMajor = Integer.parseInt(args.getOrDefault("tc-major", "207"));
    if (!new LinuxProvider().isAvailable()) {
      throw new IllegalStateException("expected root with cgroup2, nft, tc, ip, got: "
          + new LinuxProvider().unavailabilityCause().orElse("?"));
    }
    List<LineMonitor> monitors = new ArrayList<>();
    Controller controller = null;
    Daemon daemon = null;
    WanLab lab = WanLab.start(prefix, ctlNet);
    try {
      monitors.add(LineMonitor.start("br", realtime(List.of("ip", "-n", lab.ns("br"), "-ts", "monitor", "link",
          "route"))));
      monitors.add(LineMonitor.start("hub", realtime(List.of("ip", "-n", lab.ns("hub"), "-ts", "monitor", "route"))));
      // nft prints no time: a shell loop at the monitor's priority stamps each line as it reads it
      monitors.add(LineMonitor.start("nft", realtime(List.of("bash", "-c", "nsenter --net=/run/netns/" + lab.ns("h1")
          + " nft monitor | while IFS= read -r l; do printf '[%s] %s\\n' \"$EPOCHREALTIME\" \"$l\"; done"))));
      Path record = lab.runDir().resolve("lsa-events.jsonl");
      ControllerConfig config = controllerConfig(lab, record, linger);
      controller = Controller.start(config, Clock.systemUTC());
      Controller c = controller;
      waitFor("the controller to hold three router links and both sites", () -> c.store().current().links().size() >= 3
          && c.store().current().sites().size() == 2);
      StageProbe probe = new StageProbe();
      daemon = startDaemon(lab, tcMajor, probe, controller.port(), "command".equals(args.get("nft")));
      Daemon d = daemon;
      controller.store().addListener(probe.controllerListener());
      daemon.addListener(probe.daemonListener());
      daemon.policies().hostSource(() -> {
        probe.add(StageProbe.Kind.POLL, d.state().version(), false);
        return d.hostSnapshot();
      });
      daemon.policies().enforcement(probe.desiredTap(daemon.enforcement().orElseThrow(), () -> d.state().version()));
      lab.start("sink", true, "/usr/bin/python3", lab.runDir().resolve("sink_server.py").toString(), WanLab.SINK_IP, "5401");
      Thread.sleep(300);
      lab.start("h1", true, "/usr/bin/python3", lab.runDir().resolve("bulk_app.py").toString(), WanLab.SINK_IP, "5401");
      FailoverTrials runner = new FailoverTrials(lab, monitors.get(0), monitors.get(1), monitors.get(2), probe, daemon,
          record, args.containsKey("detail"));
      String label = "linger=" + ConfigNode.formatDuration(config.linger());
      System.out.printf("# failover benchmark: %d warm-up + %d trials, prefix %s, controller %s, annotation spread %s%n",
          warmup, trials, prefix, label, ConfigNode.formatDuration(config.annotationSpread()));
      FailoverReport report = new FailoverReport(System.out);
      report.header();
      List<TrialResult> results = new ArrayList<>();
      for (int i = 1; i <= warmup + trials; i++) {
        TrialResult t = runner.run(i - warmup);
        report.row(t);
        if (i > warmup) {
          results.add(t);
        }
      }
      report.summary(results, label);
    } finally {
      if (daemon != null) {
        daemon.close();
      }
      if (controller != null) {
        controller.close();
      }
      monitors.forEach(LineMonitor::close);
      lab.close();
    }
  }

  private static ControllerConfig controllerConfig(WanLab lab, Path record, Optional<Duration> linger)
      throws ConfigException {
    ControllerConfig parsed = ControllerConfigParser.parse("failover-controller.yaml", """
        topology: {source: ospf, api: %s, record: %s}
        annotations:
          interval: 1s
        """.formatted(lab.api(), record) + WanLab.labelsAndSitesYaml(List.of(WanLab.BRANCH_PREFIX)));
    return new ControllerConfig(new HostPort("127.0.0.1", 0), Optional.empty(), parsed.topology(),
        parsed.history(), parsed.subscriberBuffer(), parsed.heartbeat(), parsed.lineageId(),
        linger.orElse(parsed.linger()), parsed.annotationSpread(), parsed.annotations(), StatusOptions.inMemory());
  }

  private static Daemon startDaemon(WanLab lab, int tcMajor, StageProbe probe, int controllerPort,
      boolean commandNft) throws IOException, ConfigException {
    Path state = Files.createDirectories(lab.runDir().resolve("state"));
    Path handlers = Files.createDirectories(state.resolve("handlers"));
    LabDaemons.installHandler(handlers, "backup-link-bulk");
    copy("/failover/bulk_app.py", lab.runDir().resolve("bulk_app.py"));
    copy("/flows/sink_server.py", lab.runDir().resolve("sink_server.py"));
    DaemonConfig config = DaemonConfigReader.parse("failover-daemon.yaml", LabDaemons.yaml("branch-h1", WanLab.HOST_IP,
        lab.hostNs(1), List.of("idle-timeout: 10m"),
        List.of("{name: backup, exe: \"/usr/bin/python3*\", cmdline: \"bulk_app.py\", class: bulk}")))
        .withControllers(List.of(new HostPort("127.0.0.1", controllerPort))).withStateDir(state);
    EnforcementSettings settings = lab.enforcement(tcMajor);
    if (!(Cgroup2Mount.find() instanceof Cgroup2Mount.Lookup.Found found)) {
      throw new IllegalStateException("expected a cgroup2 mount, got none");
    }
    var run = probe.timed(ProcessCommandRunner.inNetns(settings.netns()));
    EnforcementAdapter adapter;
    if (commandNft) {
      adapter = new LinuxEnforcer(settings, found.mount(), settings.interfaces(), run);
      System.out.println("# adapter: nft transactions by the nft command");
    } else {
      LinuxEnforcer e = new LinuxEnforcer(settings, found.mount(), settings.interfaces(), run,
          LinuxEnforcer.NftBackend.LIBRARY);
      System.out.println("# adapter: nft transactions by " + e.nftBackend());
      adapter = e;
    }
    return Daemon.builder(config).clock(Clock.systemUTC()).enforcementAdapter(probe.timed(adapter)).start();
  }

  /**
   * Runs a monitor at real-time priority ({@code chrt -f 50}) when {@code chrt} can, so that on a
   * busy machine its stamps follow the kernel's events closely; else at normal priority.
   */
  private static List<String> realtime(List<String> argv) {
    if (ProcessCommandRunner.local().run(List.of("chrt", "-f", "50", "true")).ok()) {
      List<String> out = new ArrayList<>(List.of("chrt", "-f", "50"));
      out.addAll(argv);
      return out;
    }
    return argv;
  }

  private static void copy(String resource, Path to) throws IOException {
    try (InputStream in = FailoverBench.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("expected resource " + resource + " on the class path, got none");
      }
      Files.copy(in, to);
    }
  }

  private static Duration duration(String text) {
    String t = text.trim();
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
    }
    throw new IllegalArgumentException("linger: expected e.g. 0ms or 50ms, got '" + text + "'");
  }

  private static void waitFor(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + 30_000_000_000L;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("expected " + what + " within 30 s, got nothing");
      }
      Thread.sleep(50);
    }
  }
}
