package io.cuttle.bench.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.bench.failover.LineMonitor.Line;
import io.cuttle.bench.failover.StageProbe.Kind;
import io.cuttle.bench.failover.StageProbe.Stamp;
import io.cuttle.daemon.Daemon;
import io.cuttle.lab.AdapterObjects;
import io.cuttle.lab.WanLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Runs trials on a running lab, controller and daemon: takes the WAN link down, waits for both
 * routers' route changes and for the block in the host's kernel, collects every stamp, then takes
 * the link up and waits until routes, controller, daemon and kernel are back where they started.
 */
final class FailoverTrials {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long WAIT_MS = 60_000;

  private final WanLab lab;
  private final LineMonitor br;
  private final LineMonitor hub;
  private final LineMonitor nft;
  private final StageProbe probe;
  private final Daemon daemon;
  private final Path lsaRecord;
  private final boolean detail;

  FailoverTrials(WanLab lab, LineMonitor br, LineMonitor hub, LineMonitor nft, StageProbe probe, Daemon daemon,
      Path lsaRecord, boolean detail) {
    this.detail = detail;
    this.lab = lab;
    this.br = br;
    this.hub = hub;
    this.nft = nft;
    this.probe = probe;
    this.daemon = daemon;
    this.lsaRecord = lsaRecord;
  }

  /** Waits until both routers use the WAN, nothing is blocked and the bulk app is seen. */
  void awaitReady() throws InterruptedException {
    await("the branch routes to the data centre over the WAN",
        () -> lab.routeDevice("br", WanLab.SINK_IP).equals("wan"));
    await("the hub routes to the branch over the WAN", () -> lab.routeDevice("hub", WanLab.HOST_IP).equals("wan"));
    await("no block in the host's kernel", () -> !AdapterObjects.hasTable(lab.hostNs(1), lab.prefix()));
    await("flow accounting sees the bulk app with its process (apps: " + daemon.hostSnapshot().apps() + ")",
        () -> daemon.hostSnapshot().apps().stream().anyMatch(a -> a.app().equals("backup") && !a.pids().isEmpty()));
    await("the daemon's desired state is empty", () -> !daemon.policies().desired().byApp().containsKey("backup"));
  }

  TrialResult run(int n) throws Exception {
    awaitReady();
    Thread.sleep(1000); // let the last re-floods and reconciles pass
    Instant start = Instant.now();
    Instant command = Instant.now();
    var down = lab.wanLink(false);
    if (!down.ok()) {
      throw new IllegalStateException(down.describe());
    }
    Line link = need("link down event", br.await(start, l -> l.matches("^\\d+: wan[@:].*") && l.contains("state DOWN"), WAIT_MS));
    Line brRoute = need("branch reroute", br.await(start, l -> l.startsWith(WanLab.DC_PREFIX)
        && l.contains("dev to-bk"), WAIT_MS));
    Line hubRoute = need("hub reroute", hub.await(start, l -> l.startsWith(WanLab.BRANCH_PREFIX)
        && l.contains("dev to-bk"), WAIT_MS));
    Line block = need("block in the host's kernel", nft.await(start, l -> l.startsWith("add rule inet " + lab.prefix() + " ")
        && l.contains("reject"), WAIT_MS));
    await("the adapter's reconcile to end", () -> probe.first(Kind.RECONCILE_END, start, Stamp::blocking).isPresent());
    Instant t0 = command;
    Map<String, Double> stages = stages(start, t0, block);
    double lag = ms(brRoute.stamped().orElse(brRoute.read()), brRoute.read());
    if (detail) {
      probe.all().stream().filter(x -> !x.at().isBefore(start) && x.kind() != Kind.RECONCILE_END
              && !x.at().isAfter(block.read()))
          .forEach(x -> System.out.printf(java.util.Locale.ROOT, "#   %7.1f %-15s v%d %s%s%n", ms(t0, x.at()), x.kind(),
              x.version(), x.blocking() ? "blocking " : "", x.detail()));
    }
    Map<String, Double> recovery = recover();
    TrialResult r = new TrialResult(n, ms(t0, link.at()), ms(t0, brRoute.at()), ms(t0, hubRoute.at()), stages, recovery,
        lag);
    br.forget(start);
    hub.forget(start);
    nft.forget(start);
    probe.forget(start);
    return r;
  }

  private Map<String, Double> stages(Instant start, Instant t0, Line block) throws IOException {
    Map<String, Double> s = new LinkedHashMap<>();
    firstLsa(start).ifPresent(at -> s.put(TrialResult.LSA, ms(t0, at)));
    probe.first(Kind.COMMITTED, start, x -> true).ifPresent(x -> s.put(TrialResult.FIRST_COMMIT, ms(t0, x.at())));
    Optional<Stamp> desired = probe.first(Kind.DESIRED, start, Stamp::blocking);
    desired.ifPresent(d -> {
      probe.first(Kind.COMMITTED, start, x -> x.version() == d.version())
          .ifPresent(x -> s.put(TrialResult.COMMIT, ms(t0, x.at())));
      probe.first(Kind.RECEIVED, start, x -> x.version() == d.version())
          .ifPresent(x -> s.put(TrialResult.RECEIVED, ms(t0, x.at())));
      probe.first(Kind.RECEIVED, start, x -> true).flatMap(r -> probe.first(Kind.POLL, r.at(), x -> true))
          .ifPresent(x -> s.put(TrialResult.POLL, ms(t0, x.at())));
      s.put(TrialResult.DESIRED, ms(t0, d.at()));
    });
    probe.first(Kind.RECONCILE_START, start, Stamp::blocking)
        .ifPresent(x -> s.put(TrialResult.RECONCILE_START, ms(t0, x.at())));
    s.put(TrialResult.KERNEL, ms(t0, block.at()));
    Optional<Stamp> end = probe.first(Kind.RECONCILE_END, start, Stamp::blocking);
    end.ifPresent(x -> s.put(TrialResult.RECONCILE_END, ms(t0, x.at())));
    probe.first(Kind.RECONCILE_START, start, Stamp::blocking).ifPresent(b -> end.ifPresent(e -> {
      for (StageProbe.Command c : probe.commands(b.at(), e.at())) {
        s.merge("cmd " + c.what(), ms(c.start(), c.end()), Double::sum);
      }
    }));
    return s;
  }

  /** The first LSA notification the controller's provider recorded at or after {@code since}. */
  private Optional<Instant> firstLsa(Instant since) throws IOException {
    List<String> lines = Files.readAllLines(lsaRecord);
    for (String l : lines) {
      JsonNode n = JSON.readTree(l);
      String kind = n.path("kind").asText();
      if (kind.equals("UPDATE") || kind.equals("DELETE")) {
        Instant at = Instant.parse(n.path("at").asText());
        if (!at.isBefore(since)) {
          return Optional.of(at);
        }
      }
    }
    return Optional.empty();
  }

  /** Takes the link up and waits for the routes, the kernel and the daemon to be back. */
  private Map<String, Double> recover() throws Exception {
    Instant up = Instant.now();
    var r = lab.wanLink(true);
    if (!r.ok()) {
      throw new IllegalStateException(r.describe());
    }
    Map<String, Double> out = new LinkedHashMap<>();
    Line brBack = need("branch back on the WAN", br.await(up, l -> l.startsWith(WanLab.DC_PREFIX)
        && l.contains("dev wan"), WAIT_MS));
    Line hubBack = need("hub back on the WAN", hub.await(up, l -> l.startsWith(WanLab.BRANCH_PREFIX)
        && l.contains("dev wan"), WAIT_MS));
    out.put("rerouted", Math.max(ms(up, brBack.at()), ms(up, hubBack.at())));
    await("the block removed from the host's kernel", () -> !AdapterObjects.hasTable(lab.hostNs(1), lab.prefix())
        && probe.first(Kind.RECONCILE_END, up, x -> !x.blocking()).isPresent());
    probe.first(Kind.RECONCILE_END, up, x -> !x.blocking()).ifPresent(x -> out.put("unblocked", ms(up, x.at())));
    return out;
  }

  private static Line need(String what, Optional<Line> line) {
    return line.orElseThrow(() -> new IllegalStateException("expected " + what + " within " + WAIT_MS
        + " ms, got nothing"));
  }

  static double ms(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e6;
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + WAIT_MS * 1_000_000;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("expected " + what + " within " + WAIT_MS + " ms, got nothing");
      }
      Thread.sleep(20);
    }
  }
}
