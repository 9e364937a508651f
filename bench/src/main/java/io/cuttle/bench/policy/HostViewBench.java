package io.cuttle.bench.policy;

import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.Attribution;
import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.FlowRecord;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.host.model.Protocol;
import io.cuttle.host.model.Rate;
import io.cuttle.host.model.Traffic;
import io.cuttle.host.model.UserUsage;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.policy.engine.EngineSettings;
import io.cuttle.policy.engine.EnforcementService;
import io.cuttle.policy.engine.HandlerEngine;
import io.cuttle.policy.engine.PollResult;
import io.cuttle.policy.engine.RunOutcome;
import io.cuttle.policy.sandbox.SandboxEngine;
import io.cuttle.policy.scenario.SteppingClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code HostViewBench [iterations] [flows...]}: what a handler run costs when the host snapshot is
 * new, so that the handler's {@code host} view must be built, against the number of flows the
 * host's apps have. The handler is the shipped {@code backup-link-bulk} (it reads {@code host.apps}
 * and each app's class, never a flow) registered and blocking; a second handler reads every flow
 * of every app ({@code flow-reader}), to show what reading them costs. Prints a Markdown table of
 * per-run times (one {@code HandlerEngine.poll()}) for each flow count.
 */
public final class HostViewBench {
  private static final String FLOW_READER = """
      function exception(net) { return true; }
      function fire(net, host) { register(handler); }
      function handler(net, host) {
        let bytes = 0;
        for (const app of host.apps) for (const f of app.flows) bytes += f.bytesUp;
        if (bytes < 0) block(host.apps[0]);
      }
      """;

  private HostViewBench() {}

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int[] flowCounts = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
        : new int[] {0, 100, 1000, 5000};
    SteppingClock clock = new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"));
    NetworkState state = BenchNetwork.build(100, 1).annotate("wan1", backup()).build(1, clock.instant());
    try (SandboxEngine sandbox = SandboxEngine.create()) {
      System.out.println("polyglot engine: " + sandbox.implementationName() + (sandbox.isCompiling()
          ? " (Graal JIT compiling guest code)" : " (interpreter only)") + "; JVM " + Runtime.version());
      System.out.println();
      System.out.println("| flows on the host | handler | run with a new host view p50 | p99 | run, same view p50 | n |");
      System.out.println("|---|---|---|---|---|---|");
      for (int flows : flowCounts) {
        measure(sandbox, clock, state, "backup-link-bulk", null, flows, iterations);
        measure(sandbox, clock, state, "flow-reader", FLOW_READER, flows, iterations);
      }
    }
  }

  private static void measure(SandboxEngine sandbox, SteppingClock clock, NetworkState state, String name,
      String js, int flows, int n) throws Exception {
    EngineSettings settings = EngineSettings.defaults(clock, new SplittableRandom(1))
        .withSelf(InetAddress.getByName("10.1.0.10")).withRetryAfter(Duration.ZERO);
    try (HandlerEngine engine = new HandlerEngine(sandbox, settings, EnforcementService.NONE)) {
      engine.load(js == null ? PolicyBench.source(name, name) : PolicyBench.inline(name, js));
      engine.stateChanged(state);
      long[] fresh = new long[n];
      long[] same = new long[n];
      for (int round = 0; round < 2; round++) { // the first round warms up
        for (int i = 0; i < n; i++) {
          clock.advance(Duration.ofSeconds(10));
          engine.hostChanged(host(clock.instant(), flows, i));
          fresh[i] = timedPoll(engine);
          clock.advance(Duration.ofSeconds(10));
          same[i] = timedPoll(engine);
        }
      }
      if (engine.desired().isEmpty() && js == null) {
        throw new IllegalStateException("expected " + name + " to block the bulk apps, got no restriction");
      }
      System.out.printf("| %d | %s | %.2f ms | %.2f ms | %.2f ms | %d |%n", flows, name, p(fresh, 0.5) / 1e6,
          p(fresh, 0.99) / 1e6, p(same, 0.5) / 1e6, n);
    }
  }

  /** The WAN link labelled backup, as if traffic had failed over to it: backup-link-bulk's exception holds. */
  private static LinkAnnotation backup() {
    return new LinkAnnotation(OptionalLong.of(1_000_000_000L), OptionalLong.empty(), OptionalLong.empty(),
        OptionalLong.empty(), Set.of("backup"), java.util.Map.of(), java.util.Optional.empty());
  }

  private static long timedPoll(HandlerEngine engine) {
    long t0 = System.nanoTime();
    PollResult r = engine.poll();
    long t = System.nanoTime() - t0;
    if (r.runs().size() != 1 || r.runs().get(0).outcome() == RunOutcome.FAILED) {
      throw new IllegalStateException("expected one successful run per poll, got " + r.runs() + " " + r.failures());
    }
    return t;
  }

  private static double p(long[] v, double q) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.ceil(s.length * q) - 1)];
  }

  /** 20 apps of five classes, {@code flows} flows spread over them; new values every iteration. */
  static HostSnapshot host(Instant at, int flows, int iteration) throws Exception {
    String[] classes = {"low-priority", "bulk", "interactive", "update", "critical"};
    InetAddress local = InetAddress.getByName("10.1.0.10");
    List<List<FlowRecord>> perApp = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      perApp.add(new ArrayList<>());
    }
    for (int f = 0; f < flows; f++) {
      InetAddress remote = InetAddress.getByAddress(new byte[] {10, 9, (byte) (f >> 8), (byte) f});
      FlowKey key = new FlowKey(Protocol.TCP, local, 20000 + f % 40000, remote, 443);
      perApp.get(f % 20).add(new FlowRecord(key, new Attribution("app" + f % 20, "user" + f % 7, OptionalInt.empty()),
          new Traffic(1000L * f + iteration, 500L * f, 10, 5), at, at));
    }
    List<AppUsage> apps = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      apps.add(new AppUsage("app" + i, classes[i % classes.length], Set.of("user" + (i % 7)), Set.of(1000 + i),
          Traffic.ZERO, new Rate(1e6 * (i + 1) + iteration, 5e5 * (i + 1)), perApp.get(i)));
    }
    List<UserUsage> users = new ArrayList<>();
    for (int u = 0; u < 7; u++) {
      users.add(new UserUsage("user" + u, Set.of(), Traffic.ZERO, new Rate(1e6, 1e6)));
    }
    return new HostSnapshot("bench-host", at, Duration.ofSeconds(10), apps, users);
  }
}
