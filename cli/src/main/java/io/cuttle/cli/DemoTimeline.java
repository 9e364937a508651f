package io.cuttle.cli;

import io.cuttle.lab.LabHost;
import io.cuttle.lab.WanLab;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The demo's timeline: events with their time since the start, and once a second the throughput of
 * every app of every host as counted in the sink (IP bytes), the upload cap the host's handlers
 * want for its low-priority app, the branch's upstream load as the controller holds it (measured
 * over SNMP, re-sent when it moves by more than 10%), the bytes on the backup path and the branch
 * router's route.
 */
final class DemoTimeline {
  private final PrintWriter out;
  private final WanLab lab;
  private final List<LabHost> hosts;
  private final LongSupplier upstreamBps;
  private final long t0 = System.nanoTime();
  private Map<Integer, Long> lastBytes = Map.of();
  private long lastBackup;
  private long lastAt;

  DemoTimeline(PrintWriter out, WanLab lab, List<LabHost> hosts, LongSupplier upstreamBps) {
    this.out = out;
    this.lab = lab;
    this.hosts = List.copyOf(hosts);
    this.upstreamBps = upstreamBps;
  }

  void event(String format, Object... args) {
    out.printf(Locale.ROOT, "%7.1fs * %s%n", elapsed(), String.format(Locale.ROOT, format, args));
    out.flush();
  }

  /** The column header of {@link #rates} lines. */
  void header() {
    StringBuilder h = new StringBuilder("          ");
    for (LabHost host : hosts) {
      h.append(String.format(Locale.ROOT, "| %-37s", host.id() + " (Mbit/s)"));
    }
    out.println(h.append("| upstream  backup-path  route"));
    StringBuilder c = new StringBuilder("          ");
    for (LabHost host : hosts) {
      StringBuilder apps = new StringBuilder();
      host.apps.forEach(a -> apps.append(String.format(Locale.ROOT, "%9s", a.name())));
      c.append(String.format(Locale.ROOT, "|%-28s%10s", apps, "sync cap"));
    }
    out.println(c.append("|"));
    out.flush();
  }

  /** Prints one line per second for {@code seconds}; returns the last line's rates by port (bit/s). */
  Map<Integer, Double> rates(int seconds) throws InterruptedException {
    header();
    Map<Integer, Double> r = sample();
    for (int i = 0; i < seconds; i++) {
      Thread.sleep(1000);
      r = sample();
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%7.1fs  ", elapsed()));
      for (LabHost host : hosts) {
        StringBuilder apps = new StringBuilder();
        for (LabHost.App a : host.apps) {
          apps.append(String.format(Locale.ROOT, "%9.1f", r.getOrDefault(a.port(), 0.0) / 1e6));
        }
        String cap = host.cap("sync").stream().mapToObj(b -> String.format(Locale.ROOT, "%.1f", b / 1e6)).findFirst()
            .orElse("-");
        line.append(String.format(Locale.ROOT, "|%-28s%10s", apps, cap));
      }
      line.append(String.format(Locale.ROOT, "| %6.1f    %6.1f       %s", upstreamBps.getAsLong() / 1e6,
          r.getOrDefault(-1, 0.0) / 1e6, route()));
      out.println(line);
      out.flush();
    }
    return r;
  }

  /** The branch router's next hop towards the sink, or {@code none}. */
  private String route() {
    String r = lab.branchRouteToSink();
    return r.startsWith("none") ? "none" : r;
  }

  /** Rates since the previous sample, by port; -1 is the backup path. */
  private Map<Integer, Double> sample() {
    Map<Integer, Long> now = lab.meteredBytes();
    long backup = lab.backupPathBytes();
    long at = System.nanoTime();
    double secs = Math.max(1e-3, (at - lastAt) / 1e9);
    Map<Integer, Double> rates = new java.util.HashMap<>();
    now.forEach((port, bytes) -> rates.put(port, (bytes - lastBytes.getOrDefault(port, bytes)) * 8 / secs));
    rates.put(-1, lastAt == 0 ? 0.0 : (backup - lastBackup) * 8 / secs);
    lastBytes = now;
    lastBackup = backup;
    lastAt = at;
    return rates;
  }

  double elapsed() {
    return (System.nanoTime() - t0) / 1e9;
  }

  static String mbit(long bps) {
    return String.format(Locale.ROOT, "%.1f Mbit/s", bps / 1e6);
  }
}
