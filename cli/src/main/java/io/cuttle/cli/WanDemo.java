package io.cuttle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.common.config.HostPort;
import io.cuttle.controller.Controller;
import io.cuttle.controller.ControllerConfig;
import io.cuttle.controller.ControllerConfigParser;
import io.cuttle.controller.status.StatusApi;
import io.cuttle.controller.status.StatusOptions;
import io.cuttle.daemon.Daemon;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.daemon.config.DaemonConfigReader;
import io.cuttle.daemon.enforce.EnforcementBridge;
import io.cuttle.enforce.EnforcementSettings;
import io.cuttle.enforce.linux.LinuxProvider;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * The WAN story of {@code cuttle demo}: FRR routers with a branch WAN link and a backup path, the
 * controller on the hub's OSPF API, a daemon on the branch host with the {@code backup-link-bulk}
 * handler and the Linux adapter, and two iperf3 apps ({@code backup}: bulk, {@code video}:
 * interactive). The WAN fails, traffic moves to the backup path, bulk is blocked; the WAN recovers
 * and the block disappears. Prints a timeline of measured throughput per app and the controller's
 * status table; tears everything down.
 */
final class WanDemo {
  static final String PREFIX = "cdm";
  private static final int BULK_PORT = 5401;
  private static final int VIDEO_PORT = 5402;
  private static final long PACE_BPS = 100_000_000L;
  private static final String MANIFEST = """
      name: backup-link-bulk
      description: Block bulk transfers while this host's paths to other sites cross a link labelled backup.
      priority: 20
      params:
        label: {type: string, default: backup, description: link label marking backup links}
        bulkClass: {type: string, default: bulk, description: application class of bulk transfers}
      triggers: {tick: 1s, splay: 0s, debounce: 1, holdDown: 0s}
      """;

  private final PrintWriter out;
  private final long t0 = System.nanoTime();
  private WanLabRunner lab;
  private Controller controller;
  private Daemon daemon;
  private Process bulkServer;
  private long[] last = new long[3];
  private long lastAt;

  WanDemo(PrintWriter out) {
    this.out = out;
  }

  int run() throws Exception {
    Path dir = Files.createTempDirectory("cuttle-demo");
    try {
      event("building the lab: FRR routers br (branch), hub, bk (backup path); host %s-h1, sink %s-sink", PREFIX, PREFIX);
      lab = WanLabRunner.start(PREFIX);
      await(Duration.ofSeconds(30), () -> lab.branchRoute().equals("wan"));
      event("OSPF converged: branch -> data centre via the WAN link");
      controller = startController();
      await(Duration.ofSeconds(15), () -> controller.store().current().sites().size() == 2);
      event("controller learnt %d links from OSPF (version %d)", controller.store().current().links().size(),
          controller.store().current().version());
      daemon = startDaemon(dir);
      startTraffic();
      await(Duration.ofSeconds(10), () -> daemon.hostSnapshot().apps().size() >= 2);
      play();
      return 0;
    } finally {
      if (daemon != null) {
        daemon.close();
      }
      if (controller != null) {
        controller.close();
      }
      if (lab != null) {
        lab.close();
      }
      out.println("lab torn down");
      out.flush();
    }
  }

  private void play() throws Exception {
    sample();
    timeline(4);
    event("WAN link br-hub DOWN (carrier loss)");
    lab.wan(false);
    await(Duration.ofSeconds(10), () -> lab.branchRoute().equals("to-bk"));
    event("routers rerouted: branch -> data centre via bk (labelled backup)");
    await(Duration.ofSeconds(15), () -> outcome().equals(Optional.of(RestrictionOutcome.APPLIED)));
    event("daemon: backup-link-bulk blocks app 'backup' (%s)", detail());
    timeline(4);
    statusTable();
    event("WAN link br-hub UP");
    lab.wan(true);
    await(Duration.ofSeconds(15), () -> lab.branchRoute().equals("wan"));
    event("routers rerouted: back over the WAN");
    await(Duration.ofSeconds(15), () -> outcome().equals(Optional.of(RestrictionOutcome.REVERTED)));
    event("daemon: block removed; the bulk transfer starts again");
    restartBulk();
    timeline(4);
    statusTable();
  }

  private Controller startController() throws Exception {
    ControllerConfig parsed = ControllerConfigParser.parse("demo-controller.yaml", """
        topology: {source: ospf, api: %s}
        annotations:
          interval: 1s
          links:
            - {routers: [10.255.7.1, 10.255.7.3], labels: [backup]}
            - {routers: [10.255.7.3, 10.255.7.2], labels: [backup]}
          sites:
            - {name: branch, prefixes: [10.207.2.0/24], uplinks: [{routers: [10.255.7.1, 10.255.7.2], inside: 10.255.7.1}]}
            - {name: dc, prefixes: [10.207.9.0/24]}
        """.formatted(lab.api()));
    return Controller.start(new ControllerConfig(new HostPort("127.0.0.1", 0), Optional.of(new HostPort("127.0.0.1", 0)),
        parsed.topology(), 256, 64, Duration.ofSeconds(1), OptionalLong.empty(), Duration.ZERO, Duration.ZERO,
        parsed.annotations(), StatusOptions.inMemory()), Clock.systemUTC());
  }

  private Daemon startDaemon(Path dir) throws Exception {
    Path handlers = Files.createDirectories(dir.resolve("state/handlers"));
    try (InputStream js = WanDemo.class.getResourceAsStream("/io/cuttle/policies/backup-link-bulk.js")) {
      if (js == null) {
        throw new IOException("backup-link-bulk.js is not on the class path (module policies)");
      }
      Files.copy(js, handlers.resolve("backup-link-bulk.js"));
    }
    Files.writeString(handlers.resolve("backup-link-bulk.manifest.yaml"), MANIFEST);
    DaemonConfig config = DaemonConfigReader.parse("demo-daemon.yaml", """
        host-id: branch-h1
        address: %s
        report-interval: 1s
        admin-listen: off
        flows:
          interval: 500ms
          windows: [2s, 10s]
          capture: false
          netns: /run/netns/%s
          apps:
            - {name: backup, exe: /usr/bin/iperf3, cmdline: "-p %d", class: bulk}
            - {name: video, exe: /usr/bin/iperf3, cmdline: "-p %d", class: interactive}
        """.formatted(WanLabRunner.HOST_IP, lab.ns("h1"), BULK_PORT, VIDEO_PORT))
        .withControllers(List.of(new HostPort("127.0.0.1", controller.port()))).withStateDir(dir.resolve("state"));
    EnforcementSettings settings = new EnforcementSettings(PREFIX, PREFIX, List.of(lab.uplink()), 0xcd,
        PREFIX + "-ifb0", Optional.of(lab.ns("h1")), PREFIX, s -> { });
    Daemon d = Daemon.builder(config).clock(Clock.systemUTC())
        .enforcementAdapter(new LinuxProvider().create(settings)).start();
    event("daemon on branch-h1 (%s): handler backup-link-bulk, adapter linux in %s", WanLabRunner.HOST_IP,
        lab.ns("h1"));
    return d;
  }

  private void startTraffic() throws Exception {
    lab.installMeter(BULK_PORT, VIDEO_PORT);
    bulkServer = lab.startIn("sink", "iperf3", "-s", "-p", Integer.toString(BULK_PORT));
    lab.startIn("sink", "iperf3", "-s", "-p", Integer.toString(VIDEO_PORT));
    Thread.sleep(300);
    lab.startIn("h1", client(BULK_PORT, 120));
    lab.startIn("h1", client(VIDEO_PORT, 120));
    event("apps started on branch-h1: backup (bulk) and video (interactive), each paced at %d Mbit/s",
        PACE_BPS / 1_000_000);
  }

  private void restartBulk() throws Exception {
    // iperf3's server still waits for the transfer the block reset: restart it, then the client.
    bulkServer.destroyForcibly().waitFor();
    bulkServer = lab.startIn("sink", "iperf3", "-s", "-p", Integer.toString(BULK_PORT));
    Thread.sleep(300);
    lab.startIn("h1", client(BULK_PORT, 120));
  }

  private String[] client(int port, int seconds) {
    return new String[] {"iperf3", "-c", WanLabRunner.SINK_IP, "-p", Integer.toString(port), "-t",
        Integer.toString(seconds), "-b", Long.toString(PACE_BPS)};
  }

  private Optional<RestrictionOutcome> outcome() {
    return daemon.enforcement().flatMap(EnforcementBridge::latest).flatMap(r -> r.of("backup", ActionKind.BLOCK))
        .map(o -> o.outcome());
  }

  private String detail() {
    return daemon.enforcement().flatMap(EnforcementBridge::latest).flatMap(r -> r.of("backup", ActionKind.BLOCK))
        .map(o -> o.outcome() + ": " + o.detail()).orElse("-");
  }

  /** Prints one line per second for {@code seconds}: measured rates per app and on the backup path. */
  private void timeline(int seconds) throws InterruptedException {
    for (int i = 0; i < seconds; i++) {
      Thread.sleep(1000);
      double[] r = sample();
      out.printf(Locale.ROOT, "%7.1fs   backup %6.1f Mbit/s   video %6.1f Mbit/s   backup path %6.1f Mbit/s   route %s%n",
          elapsed(), r[0], r[1], r[2], lab.branchRoute());
      out.flush();
    }
  }

  private double[] sample() {
    long[] now = {lab.meteredBytes(BULK_PORT), lab.meteredBytes(VIDEO_PORT), lab.backupPathBytes()};
    long at = System.nanoTime();
    double secs = Math.max(1e-3, (at - lastAt) / 1e9);
    double[] rates = new double[3];
    for (int i = 0; i < 3; i++) {
      rates[i] = (now[i] - last[i]) * 8 / secs / 1e6;
    }
    last = now;
    lastAt = at;
    return rates;
  }

  private void statusTable() throws Exception {
    Thread.sleep(1200); // one report interval, so that the table shows the latest outcome
    HttpClient http = HttpClient.newHttpClient();
    String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controller.httpPort().orElseThrow()
        + StatusApi.HOSTS)).build(), HttpResponse.BodyHandlers.ofString()).body();
    out.printf("%n-- cuttle status (controller) --%n%s%n", StatusText.list(new ObjectMapper().readTree(body)));
    out.flush();
  }

  private void event(String format, Object... args) {
    out.printf(Locale.ROOT, "%7.1fs * %s%n", elapsed(), String.format(Locale.ROOT, format, args));
    out.flush();
  }

  private double elapsed() {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void await(Duration limit, BooleanSupplier done) throws InterruptedException, IOException {
    long end = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new IOException("expected the demo's next step within " + limit + ", got nothing");
      }
      Thread.sleep(50);
    }
  }
}
