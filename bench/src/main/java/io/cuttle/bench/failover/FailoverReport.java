package io.cuttle.bench.failover;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Prints the trials one per row, then percentiles, per-stage increments and ratios. */
final class FailoverReport {
  private static final List<String> STAGES = List.of(TrialResult.LSA, TrialResult.FIRST_COMMIT, TrialResult.COMMIT,
      TrialResult.RECEIVED, TrialResult.POLL, TrialResult.DESIRED, TrialResult.RECONCILE_START, TrialResult.KERNEL,
      TrialResult.RECONCILE_END);

  private final PrintStream out;

  FailoverReport(PrintStream out) {
    this.out = out;
  }

  void header() {
    StringBuilder b = new StringBuilder(String.format("%5s %7s %7s %7s %8s", "trial", "link", "br", "hub", "reroute"));
    STAGES.forEach(s -> b.append(String.format(" %9s", abbreviate(s))));
    b.append(String.format(" %9s %8s %8s", "host-rr", "rec.rr", "rec.unbl"));
    out.println("# ms after `ip link set wan down` started on the branch router (T0)");
    out.println(b);
  }

  void row(TrialResult t) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%5d %7.1f %7.1f %7.1f %8.1f", t.n(), t.linkEvent(),
        t.brRoute(), t.hubRoute(), t.rerouted()));
    STAGES.forEach(s -> b.append(String.format(Locale.ROOT, " %9.1f", t.stages().getOrDefault(s, Double.NaN))));
    b.append(String.format(Locale.ROOT, " %9.1f %8.0f %8.0f", t.kernel() - t.rerouted(),
        t.recovery().getOrDefault("rerouted", Double.NaN), t.recovery().getOrDefault("unblocked", Double.NaN)));
    out.println(b);
    out.flush();
  }

  void summary(List<TrialResult> trials, String label) {
    out.printf(Locale.ROOT, "%n# %s: %d trials (p99 of %d values is the nearest rank, i.e. the maximum below 100)%n",
        label, trials.size(), trials.size());
    line(label, "link down seen by ip monitor in the branch router", trials, TrialResult::linkEvent);
    line(label, "branch router reroute", trials, TrialResult::brRoute);
    line(label, "hub reroute", trials, TrialResult::hubRoute);
    line(label, "routers rerouted (later of the two)", trials, TrialResult::rerouted);
    line(label, "restriction in the host's kernel", trials, TrialResult::kernel);
    line(label, "host minus routers (per trial)", trials, t -> t.kernel() - t.rerouted());
    long met = trials.stream().filter(t -> t.kernel() <= t.rerouted()).count();
    out.printf(Locale.ROOT, "RESULT %s target met (kernel <= rerouted) in %d of %d trials%n", label, met,
        trials.size());
    out.printf(Locale.ROOT, "RESULT %s ratio host/routers: p50 %.2f (of p50s), p99 %.2f (of p99s)%n", label,
        pct(trials, TrialResult::kernel, 50) / pct(trials, TrialResult::rerouted, 50),
        pct(trials, TrialResult::kernel, 99) / pct(trials, TrialResult::rerouted, 99));
    out.println("# the host's chain, ms after T0, and each stage's share (increment from the stage before, p50)");
    String before = null;
    for (String s : STAGES) {
      String prev = before;
      ToDoubleFunction<TrialResult> at = t -> t.stages().getOrDefault(s, Double.NaN);
      ToDoubleFunction<TrialResult> inc = prev == null ? at
          : t -> t.stages().getOrDefault(s, Double.NaN) - t.stages().getOrDefault(prev, Double.NaN);
      out.printf(Locale.ROOT, "RESULT %s stage %-16s p50 %7.1f p99 %7.1f  increment p50 %7.1f p99 %7.1f%n", label,
          s, pct(trials, at, 50), pct(trials, at, 99), pct(trials, inc, 50), pct(trials, inc, 99));
      if (!s.equals(TrialResult.FIRST_COMMIT)) {
        before = s;
      }
    }
    out.println("# commands of the blocking reconcile (ms per trial, summed per command)");
    trials.stream().flatMap(t -> t.stages().keySet().stream()).filter(k -> k.startsWith("cmd ")).distinct().sorted()
        .forEach(k -> line(label, k, trials, t -> t.stages().getOrDefault(k, Double.NaN)));
    line(label, "ip monitor pipe lag (read here minus ip's stamp)", trials, TrialResult::ipPipeLag);
    line(label, "recovery: routers back on the WAN after link up", trials,
        t -> t.recovery().getOrDefault("rerouted", Double.NaN));
    line(label, "recovery: block removed (adapter end) after link up", trials,
        t -> t.recovery().getOrDefault("unblocked", Double.NaN));
  }

  private void line(String label, String what, List<TrialResult> trials, ToDoubleFunction<TrialResult> f) {
    out.printf(Locale.ROOT, "RESULT %s %-52s p50 %7.1f p99 %7.1f min %7.1f max %7.1f%n", label, what,
        pct(trials, f, 50), pct(trials, f, 99), pct(trials, f, 0), pct(trials, f, 100));
  }

  /** Nearest-rank percentile of the values that are present (NaN when none is). */
  static double pct(List<TrialResult> trials, ToDoubleFunction<TrialResult> f, double p) {
    List<Double> v = new ArrayList<>();
    trials.forEach(t -> {
      double x = f.applyAsDouble(t);
      if (!Double.isNaN(x)) {
        v.add(x);
      }
    });
    if (v.isEmpty()) {
      return Double.NaN;
    }
    double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    int rank = (int) Math.ceil(p / 100.0 * a.length);
    return a[Math.max(0, Math.min(a.length - 1, rank - 1))];
  }

  private static String abbreviate(String s) {
    return switch (s) {
      case TrialResult.LSA -> "lsa";
      case TrialResult.FIRST_COMMIT -> "commit1";
      case TrialResult.COMMIT -> "commit";
      case TrialResult.RECEIVED -> "received";
      case TrialResult.POLL -> "poll";
      case TrialResult.DESIRED -> "handler";
      case TrialResult.RECONCILE_START -> "adapt.in";
      case TrialResult.KERNEL -> "KERNEL";
      case TrialResult.RECONCILE_END -> "adapt.out";
      default -> s;
    };
  }
}
