package io.cuttle.bench;

import io.cuttle.controller.store.CommitResult;
import io.cuttle.controller.store.TopologyStore;
import io.cuttle.controller.topology.synthetic.SyntheticTopology;
import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.StubPrefix;
import io.cuttle.netstate.path.Endpoint;
import io.cuttle.netstate.path.NetworkPaths;
import io.cuttle.netstate.path.PathSet;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * SPF benchmark on synthetic topologies: full computation (graph + shortest-path tree from one
 * router, then the ECMP paths to a prefix) against incremental computation (the next version
 * after one random link change - cost change, down or up - derived from the previous version's
 * paths, then the same query). Both run in one process, alternating, on the same topology; wall
 * time and the thread's CPU time are reported (the CPU time is what other processes on a shared
 * machine cannot inflate, apart from cache effects).
 *
 * <p>Arguments: routers links rounds [seed]. Prints one RESULT line per measure.
 */
public final class BenchSpf {
  private static volatile long sink;

  public static void main(String[] args) {
    int routers = Integer.parseInt(args[0]);
    int links = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
    TopologyStore store = new TopologyStore(new Lineage(1, Instant.EPOCH), Clock.systemUTC(), 16);
    if (!(store.apply(SyntheticTopology.generate(routers, links, new Random(seed))) instanceof CommitResult.Committed)) {
      throw new IllegalStateException("synthetic topology rejected");
    }
    NetworkState state = store.current();
    Random random = new Random(seed + 1);
    List<Link> allLinks = new ArrayList<>(state.links().values());
    List<StubPrefix> prefixes = new ArrayList<>(state.prefixes().values());
    int source = allLinks.get(0).a();

    int warmup = Math.max(20, rounds / 5);
    long[] full = new long[rounds];
    long[] incremental = new long[rounds];
    long[] graphOnly = new long[rounds];
    long[] fullCpu = new long[rounds];
    long[] incrementalCpu = new long[rounds];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int reused = 0;
    for (int i = -warmup; i < rounds; i++) {
      StubPrefix target = prefixes.get(random.nextInt(prefixes.size()));
      // Make sure the current version has the source's tree, as a running controller would.
      state.paths().fromNode(source, Endpoint.stub(target.id()));
      NetworkState next = state.apply(new Delta(state.version() + 1, state.at(), change(state, allLinks, random)));

      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      PathSet inc = next.paths().fromNode(source, Endpoint.stub(target.id()));
      long t1 = System.nanoTime();
      long c1 = threads.getCurrentThreadCpuTime();
      NetworkPaths scratch = new NetworkPaths(next);
      long t2 = System.nanoTime();
      PathSet fromScratch = scratch.fromNode(source, Endpoint.stub(target.id()));
      long t3 = System.nanoTime();
      long c2 = threads.getCurrentThreadCpuTime();
      if (!inc.equals(fromScratch)) {
        throw new IllegalStateException("incremental and full SPF differ at version " + next.version());
      }
      sink += inc.cost();
      if (i >= 0) {
        incremental[i] = t1 - t0;
        full[i] = t3 - t1;
        graphOnly[i] = t2 - t1;
        incrementalCpu[i] = c1 - c0;
        fullCpu[i] = c2 - c1;
        reused += next.paths().reusedTrees();
      }
      state = next;
    }
    String machine = Runtime.getRuntime().availableProcessors() + " cpus, " + System.getProperty("java.vm.name")
        + " " + Runtime.version();
    System.out.printf(Locale.ROOT, "# %d routers, %d links, %d changes, source %d; %s%n", routers,
        state.links().size(), rounds, source, machine);
    print("full", routers, full);
    print("full-graph-build", routers, graphOnly);
    print("incremental", routers, incremental);
    print("full-thread-cpu", routers, fullCpu);
    print("incremental-thread-cpu", routers, incrementalCpu);
    System.out.printf(Locale.ROOT, "RESULT spf routers=%d measure=reused-trees value=%d of %d changes%n",
        routers, reused, rounds);
    System.out.printf(Locale.ROOT, "RESULT spf routers=%d measure=ratio full/incremental p50=%.1f mean=%.1f%n",
        routers, pct(full, 50) / (double) pct(incremental, 50), mean(full) / mean(incremental));
  }

  /** A random change of one link: a new cost (60%), or down if up / up if down (40%). */
  private static TopologyEvent change(NetworkState s, List<Link> links, Random random) {
    Link l = s.links().get(links.get(random.nextInt(links.size())).id());
    if (random.nextInt(10) < 6) {
      int cost = 1 + random.nextInt(100);
      return new TopologyEvent.LinkCostChanged(l.id(), cost, cost);
    }
    return new TopologyEvent.LinkStateChanged(l.id(), l.isUp() ? LinkState.DOWN : LinkState.UP);
  }

  private static void print(String measure, int routers, long[] ns) {
    System.out.printf(Locale.ROOT, "RESULT spf routers=%d measure=%s p50=%.3fms p90=%.3fms p99=%.3fms mean=%.3fms%n",
        routers, measure, pct(ns, 50) / 1e6, pct(ns, 90) / 1e6, pct(ns, 99) / 1e6, mean(ns) / 1e6);
  }

  private static long pct(long[] ns, int p) {
    long[] sorted = ns.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static double mean(long[] ns) {
    return Arrays.stream(ns).average().orElse(0);
  }
}
