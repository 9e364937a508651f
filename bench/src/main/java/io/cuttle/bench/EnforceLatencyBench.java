package io.cuttle.bench;

import io.cuttle.enforce.EnforcementReport;
import io.cuttle.enforce.EnforcementSettings;
import io.cuttle.enforce.VerifyReport;
import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.CommandRunner;
import io.cuttle.enforce.exec.ProcessCommandRunner;
import io.cuttle.enforce.linux.Cgroup2Mount;
import io.cuttle.enforce.linux.LinuxEnforcer;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Desired state changed -> rules active in the kernel, for 1, 10 and 100 apps, with the Linux
 * adapter in a network namespace of its own ({@code <prefix>n}, veth {@code <prefix>n0}). Two
 * changes per app count: every app's limit changes, or one app's limit changes. "applied" is the
 * reconcile call; "visible" adds an independent read of tc that finds every new rate. After the
 * every-app rounds it also times reading the table back and {@code verify()} (in sync, and after a
 * rule was deleted behind the adapter's back).
 * Usage: EnforceLatencyBench [prefix=ce-b] [rounds for 1,10,100 apps=200,100,30]. Needs root.
 */
public final class EnforceLatencyBench {
  private static final Pattern HANDLE = Pattern.compile("meta priority set .*# handle (\\d+)");
  private static final Pattern CLASS = Pattern.compile("class htb \\S+ \\S+ prio \\d+ rate (\\S+)");

  private EnforceLatencyBench() {
  }

  public static void main(String[] args) throws Exception {
    String prefix = args.length > 0 ? args[0] : "ce-b";
    int[] rounds = args.length > 1 ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {200, 100, 30};
    String ns = prefix + "n";
    String dev = prefix + "n0";
    CommandRunner local = ProcessCommandRunner.local();
    local.run(List.of("ip", "netns", "del", ns));
    must(local, "ip", "netns", "add", ns);
    try {
      must(local, "ip", "link", "add", dev, "netns", ns, "type", "veth", "peer", "name", prefix + "n1", "netns", ns);
      must(local, "ip", "-n", ns, "link", "set", dev, "up");
      EnforcementSettings s = new EnforcementSettings(prefix, prefix + "-bench", List.of(dev), 0xbe, prefix + "ifb",
          Optional.of(ns), prefix, x -> { });
      int[] sizes = {1, 10, 100};
      for (int i = 0; i < sizes.length; i++) {
        run(s, ns, dev, sizes[i], rounds[i], true);
        run(s, ns, dev, sizes[i], rounds[i], false);
      }
    } finally {
      local.run(List.of("ip", "netns", "del", ns));
    }
  }

  private static void run(EnforcementSettings s, String ns, String dev, int apps, int rounds, boolean all)
      throws IOException, InterruptedException {
    List<Process> sleepers = new ArrayList<>();
    AppProcesses procs = AppProcesses.none();
    for (int a = 0; a < apps; a++) {
      Process p = new ProcessBuilder("nsenter", "--net=/run/netns/" + ns, "sleep", "3600").start();
      sleepers.add(p);
      procs = procs.with("app" + a, Set.of(p.pid()));
    }
    CommandRunner inNs = ProcessCommandRunner.inNetns(Optional.of(ns));
    TimingRunner timing = new TimingRunner(inNs);
    Cgroup2Mount mount = ((Cgroup2Mount.Lookup.Found) Cgroup2Mount.find()).mount();
    LinuxEnforcer e = new LinuxEnforcer(s, mount, List.of(dev), timing);
    Histogram applied = new Histogram(3);
    Histogram visible = new Histogram(3);
    String result;
    try {
      e.reconcile(state(apps, 0, true), procs);
      timing.reset();
      for (int r = 1; r <= rounds; r++) {
        DesiredState want = state(apps, r, all);
        long t0 = System.nanoTime();
        EnforcementReport rep = e.reconcile(want, procs);
        long t1 = System.nanoTime();
        awaitRates(inNs, dev, want);
        long t2 = System.nanoTime();
        if (!rep.all(RestrictionOutcome.APPLIED)) {
          throw new IllegalStateException("expected every limit APPLIED, got " + rep.outcomes());
        }
        applied.recordValue((t1 - t0) / 1000);
        visible.recordValue((t2 - t0) / 1000);
      }
      result = String.format("RESULT apps=%d change=%s rounds=%d applied_p50_ms=%.1f applied_p99_ms=%.1f"
          + " visible_p50_ms=%.1f visible_p99_ms=%.1f commands_per_round=%.1f command_ms_per_round=%.1f (%s)", apps,
          all ? "every-app" : "one-app", rounds, applied.getValueAtPercentile(50) / 1e3,
          applied.getValueAtPercentile(99) / 1e3, visible.getValueAtPercentile(50) / 1e3,
          visible.getValueAtPercentile(99) / 1e3, timing.count() / (double) rounds, timing.totalMs() / rounds,
          timing.breakdown(rounds));
      if (all) {
        compareStateReads(inNs, s.nftTable(), apps);
        measureVerify(e, timing, inNs, s.nftTable(), apps);
      }
    } finally {
      e.reconcile(DesiredState.empty(), AppProcesses.none());
      sleepers.forEach(Process::destroyForcibly);
    }
    System.out.println(result);
  }

  /**
   * How the adapter reads its state back: listing the whole table (nft resolves every
   * {@code socket cgroupv2} rule's cgroup id to a path) versus listing only the {@code apps} set.
   */
  private static void compareStateReads(CommandRunner inNs, String table, int apps) {
    Histogram whole = new Histogram(3);
    Histogram set = new Histogram(3);
    Histogram hidden = new Histogram(3);
    for (int i = 0; i < 10; i++) {
      long t0 = System.nanoTime();
      inNs.run(List.of("nft", "-j", "list", "table", "inet", table));
      long t1 = System.nanoTime();
      inNs.run(List.of("nft", "-j", "list", "set", "inet", table, "apps"));
      long t2 = System.nanoTime();
      CommandResult h = inNs.run(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
          "mount -t tmpfs cuttle-empty /sys/fs/cgroup && exec nft -j list table inet \"$0\"", table));
      long t3 = System.nanoTime();
      if (!h.ok()) {
        throw new IllegalStateException(h.describe());
      }
      whole.recordValue((t1 - t0) / 1000);
      set.recordValue((t2 - t1) / 1000);
      hidden.recordValue((t3 - t2) / 1000);
    }
    System.out.printf("RESULT apps=%d state_read list_table_p50_ms=%.1f list_apps_set_p50_ms=%.1f ratio=%.1f"
        + " list_table_cgroupfs_hidden_p50_ms=%.1f%n", apps, whole.getValueAtPercentile(50) / 1e3,
        set.getValueAtPercentile(50) / 1e3, whole.getValueAtPercentile(50) / (double) Math.max(1,
        set.getValueAtPercentile(50)), hidden.getValueAtPercentile(50) / 1e3);
  }

  /**
   * The cost of {@code verify()}: 20 calls with the kernel in sync, then 5 calls each after one rule
   * was deleted by handle from an app chain (verify finds it, reconciles, the rule is back).
   */
  private static void measureVerify(LinuxEnforcer e, TimingRunner timing, CommandRunner inNs, String table, int apps) {
    Histogram inSync = new Histogram(3);
    timing.reset();
    for (int i = 0; i < 20; i++) {
      long t0 = System.nanoTime();
      VerifyReport v = e.verify();
      inSync.recordValue((System.nanoTime() - t0) / 1000);
      if (!v.isInSync()) {
        throw new IllegalStateException("expected verify in sync, got " + v.drift());
      }
    }
    String syncCommands = String.format("commands_per_verify=%.1f command_ms_per_verify=%.1f (%s)",
        timing.count() / 20.0, timing.totalMs() / 20, timing.breakdown(20));
    Histogram repair = new Histogram(3);
    String chain = "app_" + e.classIdOf("app0").orElseThrow();
    for (int i = 0; i < 5; i++) {
      String handle = firstHandle(inNs.run(List.of("nft", "-a", "list", "chain", "inet", table, chain)).stdout());
      must(inNs, "nft", "delete", "rule", "inet", table, chain, "handle", handle);
      long t0 = System.nanoTime();
      VerifyReport v = e.verify();
      repair.recordValue((System.nanoTime() - t0) / 1000);
      if (v.drift().size() != 1 || !v.drift().get(0).what().contains(chain) || v.reapplied().isEmpty()
          || !inNs.run(List.of("nft", "list", "chain", "inet", table, chain)).stdout().contains("meta priority set")) {
        throw new IllegalStateException("expected one drift in " + chain + " and the rule back, got " + v.drift());
      }
    }
    System.out.printf("RESULT apps=%d verify in_sync_p50_ms=%.1f in_sync_p99_ms=%.1f rule_deleted_p50_ms=%.1f"
        + " rule_deleted_max_ms=%.1f %s%n", apps, inSync.getValueAtPercentile(50) / 1e3,
        inSync.getValueAtPercentile(99) / 1e3, repair.getValueAtPercentile(50) / 1e3, repair.getMaxValue() / 1e3,
        syncCommands);
  }

  private static String firstHandle(String listing) {
    Matcher m = HANDLE.matcher(listing);
    if (!m.find()) {
      throw new IllegalStateException("expected a rule with a handle, got " + listing);
    }
    return m.group(1);
  }

  /** Round r: with {@code all}, every app's limit changes each round; else only app (r mod n) changes. */
  private static DesiredState state(int apps, int round, boolean all) {
    List<AppRestriction> rs = new ArrayList<>();
    for (int a = 0; a < apps; a++) {
      int step = all || a == round % apps ? round : 0;
      rs.add(AppRestriction.of("app" + a).withMaxUp(1_000_000L * (1 + (a * 7 + step * 13) % 900)));
    }
    return DesiredState.combining(rs);
  }

  /** Reads tc until every wanted rate is there (the independent "visible in the kernel" check). */
  private static void awaitRates(CommandRunner inNs, String dev, DesiredState want) {
    List<Long> expected = want.byApp().values().stream().map(r -> r.maxUpBps().orElseThrow()).sorted().toList();
    for (int i = 0; i < 1000; i++) {
      List<Long> have = new ArrayList<>();
      Matcher m = CLASS.matcher(inNs.run(List.of("tc", "class", "show", "dev", dev)).stdout());
      while (m.find()) {
        have.add(parseRate(m.group(1)));
      }
      if (have.stream().sorted().toList().equals(expected)) {
        return;
      }
    }
    throw new IllegalStateException("expected tc to show rates " + expected + ", never did");
  }

  private static long parseRate(String s) {
    long mult = s.endsWith("Gbit") ? 1_000_000_000L : s.endsWith("Mbit") ? 1_000_000L : s.endsWith("Kbit") ? 1000L : 1L;
    return Math.round(Double.parseDouble(s.replaceAll("[A-Za-z]", "")) * mult);
  }

  private static void must(CommandRunner run, String... argv) {
    var r = run.run(List.of(argv));
    if (!r.ok()) {
      throw new IllegalStateException(r.describe());
    }
  }
}
