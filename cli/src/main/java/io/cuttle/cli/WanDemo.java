package io.cuttle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.common.config.HostPort;
import io.cuttle.controller.Controller;
import io.cuttle.controller.ControllerConfig;
import io.cuttle.controller.ControllerConfigParser;
import io.cuttle.controller.status.StatusApi;
import io.cuttle.controller.status.StatusOptions;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.RestrictionOutcome;
import io.cuttle.lab.LabHost;
import io.cuttle.lab.StoryTraffic;
import io.cuttle.lab.WanLab;
import io.cuttle.netstate.path.SiteLoad;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * The WAN story of {@code cuttle demo}: FRR routers with a branch WAN link and a backup path, snmpd
 * in the hub, the controller on the hub's OSPF API measuring the WAN link over SNMP, and two branch
 * hosts, each with a daemon (the {@code upstream-smoothing} and {@code backup-link-bulk} handlers,
 * the Linux adapter) and three iperf3 apps of different classes. The video calls start and the
 * branch's upstream passes 200 Mbit/s: the low-priority {@code sync} apps of both hosts are capped
 * in proportion; the WAN fails: traffic moves to the backup path and bulk is blocked; the calls end
 * and the WAN recovers: every restriction disappears. Prints a timeline of measured throughput per
 * app per host and the controller's status table; tears everything down.
 */
final class WanDemo {
  static final String PREFIX = "cdm";
  static final String CTL_NET = "172.31.218";
  private static final long M = 1_000_000L;
  /** The apps' clients outlast the story. */
  private static final int CLIENT_SECONDS = 300;

  private final PrintWriter out;
  private final List<LabHost> hosts = LabHost.story(PREFIX);
  private WanLab lab;
  private Controller controller;
  private DemoTimeline timeline;
  private StoryTraffic traffic;

  WanDemo(PrintWriter out) {
    this.out = out;
  }

  int run() throws Exception {
    Path dir = Files.createTempDirectory("cuttle-demo");
    try {
      out.printf("building the lab: FRR routers br (branch), hub, bk (backup path); hosts %s-h1, %s-h2; sink %s-sink%n",
          PREFIX, PREFIX, PREFIX);
      out.flush();
      lab = WanLab.start(PREFIX, CTL_NET);
      timeline = new DemoTimeline(out, lab, hosts, () -> upstreamBps().orElse(0));
      await("OSPF to route the branch over the WAN", Duration.ofSeconds(30),
          () -> lab.branchRouteToSink().equals("wan"));
      timeline.event("OSPF converged: branch -> data centre via the WAN link");
      controller = startController();
      await("the controller to measure the WAN link over SNMP", Duration.ofSeconds(30),
          () -> upstreamBps().isPresent());
      timeline.event("controller: %d links from OSPF, WAN load measured over SNMP on the hub (version %d)",
          controller.store().current().links().size(), controller.store().current().version());
      for (LabHost h : hosts) {
        h.start(dir, controller.port());
        timeline.event("daemon on %s (%s): handlers upstream-smoothing (site branch, threshold 200 Mbit/s) and"
            + " backup-link-bulk; linux adapter in %s, table %s, cgroup %s", h.id(), h.address, h.netns, h.table,
            h.cgroupParent);
      }
      play();
      return 0;
    } finally {
      hosts.forEach(LabHost::close);
      if (controller != null) {
        controller.close();
      }
      if (lab != null) {
        lab.close();
      }
      deleteTree(dir);
      out.println("lab torn down: routers, hosts, sink, daemons, controller, kernel rules and cgroups");
      out.flush();
    }
  }

  private void play() throws Exception {
    startTraffic();
    timeline.event("baseline: branch upstream %s, below the 200 Mbit/s threshold; nothing restricted",
        DemoTimeline.mbit(upstreamBps().orElse(0)));
    timeline.rates(4);

    traffic.startClients("video");
    timeline.event("video calls start on both hosts (interactive, 50 Mbit/s each)");
    await("both hosts to cap their low-priority app", Duration.ofSeconds(20), () -> hosts.stream()
        .allMatch(h -> h.outcome("sync", ActionKind.LIMIT_UP).equals(Optional.of(RestrictionOutcome.APPLIED))));
    timeline.event("upstream %s > 200 Mbit/s: upstream-smoothing caps the low-priority apps in proportion: %s",
        DemoTimeline.mbit(upstreamBps().orElse(0)), caps());
    timeline.event("the handler runs again on each change of the load and follows it (column 'sync cap')");
    timeline.rates(6);
    statusTable();

    timeline.event("WAN link br-hub DOWN (carrier loss)");
    lab.wan(false);
    await("OSPF to move the traffic to the backup path", Duration.ofSeconds(10),
        () -> lab.branchRouteToSink().equals("to-bk"));
    timeline.event("routers rerouted: branch -> data centre via bk (labelled backup)");
    await("bulk blocked on both hosts", Duration.ofSeconds(15), () -> hosts.stream()
        .allMatch(h -> h.outcome("backup", ActionKind.BLOCK).equals(Optional.of(RestrictionOutcome.APPLIED))));
    timeline.event("daemons: backup-link-bulk blocks 'backup' on both hosts (%s)",
        hosts.get(0).detail("backup", ActionKind.BLOCK));
    await("the caps lifted", Duration.ofSeconds(15), () -> hosts.stream().allMatch(h -> h.cap("sync").isEmpty()));
    timeline.event("upstream-smoothing lifts its caps: the WAN uplink carries nothing");
    timeline.rates(4);
    statusTable();

    traffic.endClients("video");
    timeline.event("the video calls end");
    timeline.event("WAN link br-hub UP");
    lab.wan(true);
    await("OSPF to route over the WAN again", Duration.ofSeconds(15), () -> lab.branchRouteToSink().equals("wan"));
    timeline.event("routers rerouted: back over the WAN");
    await("no restriction wanted on either host", Duration.ofSeconds(15),
        () -> hosts.stream().allMatch(LabHost::nothingWanted));
    await("no adapter object left in the kernel", Duration.ofSeconds(15),
        () -> hosts.stream().allMatch(h -> h.leftovers().isEmpty()));
    timeline.event("every restriction gone: no nft table, tc qdisc or class, or app cgroup of either adapter"
        + " in the kernel");
    traffic.restartBulk();
    timeline.event("the bulk transfers start again");
    Thread.sleep(1000);
    timeline.rates(4);
    statusTable();
  }

  private void startTraffic() throws Exception {
    traffic = new StoryTraffic(lab, hosts, CLIENT_SECONDS);
    traffic.startServers();
    traffic.startClients("sync", "backup");
    List<String> started = new ArrayList<>();
    for (LabHost h : hosts) {
      started.add(String.format("%s: sync (low-priority) %d, backup (bulk) %d", h.id(), h.app("sync").paceBps() / M,
          h.app("backup").paceBps() / M));
    }
    timeline.event("apps started (Mbit/s): %s", String.join("; ", started));
    await("flow accounting to see sync and backup on both hosts", Duration.ofSeconds(10),
        () -> hosts.stream().allMatch(h -> h.seesAll(List.of("sync", "backup"))));
    Thread.sleep(2000);
  }

  private String caps() {
    List<String> parts = new ArrayList<>();
    for (LabHost h : hosts) {
      parts.add(h.id() + " sync " + h.cap("sync").stream().mapToObj(DemoTimeline::mbit).findFirst().orElse("-")
          + " (of " + h.app("sync").paceBps() / M + ")");
    }
    return String.join(", ", parts);
  }

  /** The branch site's upstream as the controller holds it; empty while the WAN link is not measured. */
  private OptionalLong upstreamBps() {
    Optional<SiteLoad> load = controller == null ? Optional.empty()
        : controller.store().current().paths().siteLoad("branch");
    return load.isPresent() && load.get().unmeasured() == 0 && load.get().uplinksUp() > 0
        ? OptionalLong.of(load.get().upstreamBps()) : OptionalLong.empty();
  }

  private Controller startController() throws Exception {
    ControllerConfig parsed = ControllerConfigParser.parse("demo-controller.yaml", lab.storyControllerYaml());
    return Controller.start(new ControllerConfig(new HostPort("127.0.0.1", 0), Optional.of(new HostPort("127.0.0.1", 0)),
        parsed.topology(), 256, 64, Duration.ofSeconds(1), OptionalLong.empty(), Duration.ZERO, Duration.ZERO,
        parsed.annotations(), StatusOptions.inMemory()), Clock.systemUTC());
  }

  private void statusTable() throws Exception {
    Thread.sleep(1200); // one report interval, so that the table shows the latest outcomes
    HttpClient http = HttpClient.newHttpClient();
    String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controller.httpPort().orElseThrow()
        + StatusApi.HOSTS)).build(), HttpResponse.BodyHandlers.ofString()).body();
    out.printf("%n-- cuttle status (controller) --%n%s%n", StatusText.list(new ObjectMapper().readTree(body)));
    out.flush();
  }

  private static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException, IOException {
    long end = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new IOException("expected " + what + " within " + limit.toSeconds() + " s, got nothing");
      }
      Thread.sleep(50);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
