package io.cuttle.bench.policy;

import io.cuttle.host.model.HostSnapshot;
import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.AnnotationPatch;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.policy.conflict.Resolution;
import io.cuttle.policy.engine.EngineSettings;
import io.cuttle.policy.engine.EnforcementService;
import io.cuttle.policy.engine.HandlerEngine;
import io.cuttle.policy.engine.HandlerSource;
import io.cuttle.policy.engine.PollResult;
import io.cuttle.policy.manifest.Manifest;
import io.cuttle.policy.manifest.ManifestReader;
import io.cuttle.policy.sandbox.SandboxEngine;
import io.cuttle.policy.scenario.SteppingClock;
import io.cuttle.policy.triggers.TriggerPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code PolicyBench [links] [iterations]}: one tick of 100 handlers (the seven shipped policies,
 * each loaded about 14 times) against a state of {@code links} links; a tick right after a state
 * change; the Fig. 8 handler in JavaScript (through the engine) beside the same logic in Java;
 * and heap per loaded handler. Prints a Markdown table.
 */
public final class PolicyBench {
  private static final List<String> POLICIES = List.of("upstream-smoothing", "wan-failure", "backup-link-bulk",
      "metered-defer", "congestion-ef", "notify-restricted", "quarantine");
  private static final TriggerPolicy EVERY_TICK = new TriggerPolicy(Duration.ofSeconds(10), Duration.ZERO, 1,
      Duration.ZERO);

  private PolicyBench() {}

  public static void main(String[] args) throws Exception {
    int links = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    SteppingClock clock = new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"));
    NetworkState state = BenchNetwork.build(links, 1).build(1, clock.instant());
    HostSnapshot host = BenchNetwork.host(clock.instant());
    System.out.printf("state: %d links, %d nodes; host: %d apps; JVM %s%n", state.links().size(),
        state.nodes().size(), host.apps().size(), Runtime.version());
    try (SandboxEngine sandbox = SandboxEngine.create()) {
      System.out.println("polyglot engine: " + sandbox.implementationName() + (sandbox.isCompiling()
          ? " (Graal JIT compiling guest code)" : " (interpreter only)"));
      long heapBefore = usedHeap();
      HandlerEngine engine = new HandlerEngine(sandbox, settings(clock), EnforcementService.NONE);
      for (int i = 0; i < 100; i++) {
        String base = POLICIES.get(i % POLICIES.size());
        engine.load(source(base, base + "-" + i));
      }
      long heapAfter = usedHeap();
      engine.stateChanged(state);
      engine.hostChanged(host);
      PollResult first = engine.poll();
      System.out.printf("first poll: %d runs, %d failures, %d apps restricted%n", first.runs().size(),
          first.failures().size(), first.desired().byApp().size());
      first.failures().stream().limit(5).forEach(f -> System.out.println("  failure: " + f));
      long[] tick = ticks(engine, clock, iterations);
      long[] change = changes(engine, clock, state, Math.max(50, iterations / 10));
      engine.close();

      double[] fig8 = fig8(sandbox, state, host, clock, iterations * 5);
      System.out.println();
      System.out.println("| measurement | p50 | p99 | max | n |");
      System.out.println("|---|---|---|---|---|");
      row("tick, 100 handlers, " + state.links().size() + " links (all due, state unchanged)", tick);
      row("tick right after a state change (events diffed, paths recomputed)", change);
      System.out.printf("| Fig. 8 per run: JavaScript via engine | %.1f us | | | %d |%n", fig8[0], iterations * 5);
      System.out.printf("| Fig. 8 per run: same logic in Java | %.1f us | | | %d |%n", fig8[1], iterations * 5);
      System.out.printf("| Fig. 8 ratio JS / Java | %.2fx | | | |%n", fig8[0] / fig8[1]);
      System.out.printf("| heap per loaded handler (100 loaded, shared engine) | %.0f KiB | | | 100 |%n",
          (heapAfter - heapBefore) / 100.0 / 1024);
    }
  }

  private static EngineSettings settings(SteppingClock clock) throws IOException {
    return EngineSettings.defaults(clock, new SplittableRandom(1)).withSelf(InetAddress.getByName("10.1.0.10"))
        .withRetryAfter(Duration.ZERO);
  }

  static HandlerSource source(String base, String name) throws IOException {
    String js = resource(base + ".js");
    Manifest m = switch (ManifestReader.read(base + ".manifest.yaml", resource(base + ".manifest.yaml"), base)) {
      case ManifestReader.Result.Read r -> r.manifest();
      case ManifestReader.Result.Invalid i -> throw new IllegalStateException(i.diagnostics().toString());
    };
    Manifest every = new Manifest(name, m.description(), m.priority(), m.params(), EVERY_TICK);
    return new HandlerSource(name, name + ".js", js, every, every.values(Map.of()), every.priority());
  }

  /** A handler from inline source, due at every tick. */
  static HandlerSource inline(String name, String js) {
    Manifest every = new Manifest(name, name, 10, List.of(), EVERY_TICK);
    return new HandlerSource(name, name + ".js", js, every, every.values(Map.of()), every.priority());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = PolicyBench.class.getResourceAsStream("/io/cuttle/policies/" + name)) {
      if (in == null) {
        throw new IOException("missing policy resource " + name + " (is cuttle-policies on the class path?)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static long[] ticks(HandlerEngine engine, SteppingClock clock, int n) {
    for (int i = 0; i < n; i++) { // warm-up
      clock.advance(Duration.ofSeconds(10));
      engine.poll();
    }
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      clock.advance(Duration.ofSeconds(10));
      long t0 = System.nanoTime();
      PollResult r = engine.poll();
      out[i] = System.nanoTime() - t0;
      if (r.runs().size() != 100) {
        throw new IllegalStateException("expected 100 runs per tick, got " + r.runs().size());
      }
    }
    return out;
  }

  private static long[] changes(HandlerEngine engine, SteppingClock clock, NetworkState state, int n) {
    long[] out = new long[n];
    NetworkState s = state;
    int linkId = s.linkNamed("x1").orElseThrow().id();
    for (int i = 0; i < n; i++) {
      clock.advance(Duration.ofSeconds(1));
      s = s.apply(new Delta(s.version() + 1, clock.instant(), new TopologyEvent.AnnotationsUpdated(clock.instant(),
          List.of(AnnotationPatch.loads(linkId, 1000L + i, 2000L + i)))));
      engine.stateChanged(s);
      long t0 = System.nanoTime();
      engine.poll();
      out[i] = System.nanoTime() - t0;
    }
    return out;
  }

  /** Microseconds per run: {JS through the engine, Java}. */
  private static double[] fig8(SandboxEngine sandbox, NetworkState state, HostSnapshot host, SteppingClock clock,
      int n) throws IOException {
    double js;
    try (HandlerEngine one = new HandlerEngine(sandbox, settings(clock), EnforcementService.NONE)) {
      one.load(source("upstream-smoothing", "fig8"));
      one.stateChanged(state);
      one.hostChanged(host);
      for (int i = 0; i < n; i++) {
        clock.advance(Duration.ofSeconds(10));
        one.poll();
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        clock.advance(Duration.ofSeconds(10));
        one.poll();
      }
      js = (System.nanoTime() - t0) / 1e3 / n;
    }
    JavaFig8 java = new JavaFig8(List.of("cambridge"), 100e6);
    Resolution sink = Resolution.EMPTY;
    for (int i = 0; i < n; i++) {
      sink = java.run(state, host);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sink = java.run(state, host);
    }
    double jv = (System.nanoTime() - t0) / 1e3 / n;
    if (sink.desired().isEmpty()) {
      throw new IllegalStateException("the Java Fig. 8 restricted nothing; the comparison would be meaningless");
    }
    return new double[] {js, jv};
  }

  private static void row(String what, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    System.out.printf("| %s | %.2f ms | %.2f ms | %.2f ms | %d |%n", what, s[s.length / 2] / 1e6,
        s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] / 1e6, s[s.length - 1] / 1e6, s.length);
  }

  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
