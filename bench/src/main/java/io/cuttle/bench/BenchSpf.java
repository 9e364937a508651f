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
 * machine cannot inflate, apart from cache effects). Side by side, on the same versions, the same
 * queries on JGraphT ({@link JgraphtSpf}): full (sparse graph built from the version, then
 * Dijkstra) and reusing the graph of the first version with the changed link's weights set in place
 * (with JGraphT's default pairing heap, and with a binary array heap); their costs and ECMP paths
 * are checked against the project's SPF every round.
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
    long[] jgFullCpu = new long[rounds];
    long[] jgBuildCpu = new long[rounds];
    long[] jgReuseCpu = new long[rounds];
    long[] jgReuseBinaryCpu = new long[rounds];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    JgraphtSpf jgShape = new JgraphtSpf(state, null);
    JgraphtSpf jgShapeBinary = new JgraphtSpf(state, org.jheaps.array.BinaryArrayAddressableHeap::new);
    int reused = 0;
    for (int i = -warmup; i < rounds; i++) {
      StubPrefix target = prefixes.get(random.nextInt(prefixes.size()));
      // Make sure the current version has the source's tree, as a running controller would.
      state.paths().fromNode(source, Endpoint.stub(target.id()));
      TopologyEvent event = change(state, allLinks, random);
      NetworkState next = state.apply(new Delta(state.version() + 1, state.at(), event));

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
      Link changed = next.links().get(changedLink(event));
      long j0 = threads.getCurrentThreadCpuTime();
      JgraphtSpf jgFresh = new JgraphtSpf(next, null);
      long j1 = threads.getCurrentThreadCpuTime();
      JgraphtSpf.Result jgFull = jgFresh.paths(source, target.id());
      long j2 = threads.getCurrentThreadCpuTime();
      jgShape.update(changed);
      JgraphtSpf.Result jgReuse = jgShape.paths(source, target.id());
      long j3 = threads.getCurrentThreadCpuTime();
      jgShapeBinary.update(changed);
      JgraphtSpf.Result jgReuseBinary = jgShapeBinary.paths(source, target.id());
      long j4 = threads.getCurrentThreadCpuTime();
      for (JgraphtSpf.Result r : List.of(jgFull, jgReuse, jgReuseBinary)) {
        check(inc, r, next.version());
      }
      if (i >= 0) {
        jgBuildCpu[i] = j1 - j0;
        jgFullCpu[i] = j2 - j0;
        jgReuseCpu[i] = j3 - j2;
        jgReuseBinaryCpu[i] = j4 - j3;
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
    print("jgrapht-full-thread-cpu", routers, jgFullCpu);
    print("jgrapht-full-graph-build-thread-cpu", routers, jgBuildCpu);
    print("jgrapht-reused-graph-thread-cpu", routers, jgReuseCpu);
    print("jgrapht-reused-graph-binary-heap-thread-cpu", routers, jgReuseBinaryCpu);
    System.out.printf(Locale.ROOT, "RESULT spf routers=%d measure=reused-trees value=%d of %d changes%n",
        routers, reused, rounds);
    System.out.printf(Locale.ROOT, "RESULT spf routers=%d measure=ratio full/incremental p50=%.1f mean=%.1f%n",
        routers, pct(full, 50) / (double) pct(incremental, 50), mean(full) / mean(incremental));
  }

  private static int changedLink(TopologyEvent e) {
    return switch (e) {
      case TopologyEvent.LinkCostChanged c -> c.link();
      case TopologyEvent.LinkStateChanged c -> c.link();
      default -> throw new IllegalStateException("not a link change: " + e);
    };
  }

  /** JGraphT's answer must have the project's cost and, when neither is truncated, the same paths. */
  private static void check(PathSet want, JgraphtSpf.Result got, long version) {
    long cost = want.reachable() ? want.cost() : -1;
    java.util.Set<List<Integer>> paths = new java.util.HashSet<>();
    want.paths().forEach(p -> paths.add(p.hops().stream().map(io.cuttle.netstate.path.Hop::link).toList()));
    if (cost != got.cost() || !want.truncated() && !got.truncated() && !paths.equals(new java.util.HashSet<>(got.paths()))) {
      throw new IllegalStateException("JGraphT SPF differs at version " + version + ": expected cost " + cost
          + " and paths " + paths + ", got " + got);
    }
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
