package io.cuttle.policy.engine;

import static io.cuttle.policy.engine.Fixtures.app;
import static io.cuttle.policy.engine.Fixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.policy.sandbox.FailureKind;
import io.cuttle.policy.sandbox.HandlerFailure;
import io.cuttle.policy.sandbox.SandboxEngine;
import io.cuttle.policy.sandbox.SandboxLimits;
import io.cuttle.policy.scenario.SteppingClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Handlers that misbehave in every way we know, loaded beside well-behaved ones: the engine keeps
 * running, the good handlers' restrictions are in the desired state, and every failure is
 * reported with the handler's file name, the kind and the line.
 */
class HostileHandlersTest {
  /** Short time budget so the test is quick; memory budget well below the test JVM's heap. */
  private static final SandboxLimits LIMITS = new SandboxLimits(200_000, Duration.ofSeconds(3), 48L << 20);
  private static SandboxEngine sandbox;

  @BeforeAll
  static void start() {
    sandbox = SandboxEngine.create();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static final String PREFIX = "function exception(net) { return true; }\nfunction fire(net, host) {\n";

  /** name -> {body of fire (starting at line 3), expected kinds, expected line}. */
  private static final Map<String, Object[]> HOSTILE = Map.ofEntries(
      Map.entry("loop", new Object[] {"  while (true) {}\n}", List.of(FailureKind.STATEMENT_LIMIT,
          FailureKind.TIME_BUDGET), 3}),
      Map.entry("recursion", new Object[] {"  (function r(n) { return r(n + 1) + 1; })(0);\n}",
          List.of(FailureKind.THROWN), 3}),
      Map.entry("thrower", new Object[] {"  throw new TypeError('nope');\n}", List.of(FailureKind.THROWN), 3}),
      Map.entry("hog", new Object[] {"  const a = [];\n  for (let i = 0; ; i++) a.push(new Array(1 << 16).fill(i));\n}",
          List.of(FailureKind.MEMORY_BUDGET, FailureKind.STATEMENT_LIMIT, FailureKind.TIME_BUDGET), 4}),
      Map.entry("java", new Object[] {"  Java.type('java.lang.Runtime').getRuntime().exec('id');\n}",
          List.of(FailureKind.THROWN), 3}),
      Map.entry("hostclass", new Object[] {"  const c = host.getClass();\n}", List.of(FailureKind.THROWN,
          FailureKind.API_MISUSE), 3}),
      Map.entry("file", new Object[] {"  load('/etc/passwd');\n}", List.of(FailureKind.THROWN), 3}),
      Map.entry("net", new Object[] {"  fetch('http://127.0.0.1:9/');\n}", List.of(FailureKind.THROWN), 3}),
      Map.entry("proc", new Object[] {"  process.exit(1);\n}", List.of(FailureKind.THROWN), 3}),
      Map.entry("writer", new Object[] {"  net.version = 7;\n}", List.of(FailureKind.API_MISUSE), 3}),
      Map.entry("badarg", new Object[] {"  restrict('backup', {maxUp: 'fast'});\n}", List.of(FailureKind.API_MISUSE), 3}),
      Map.entry("syntax", new Object[] {"  return (;\n}", List.of(FailureKind.SYNTAX), 3}));

  @Test
  void hostileHandlersFailAloneAndAreReportedWithNameAndLine() {
    SteppingClock clock = new SteppingClock(Fixtures.T0);
    List<HandlerFailure> heard = new CopyOnWriteArrayList<>();
    try (HandlerEngine engine = new HandlerEngine(sandbox, EngineSettings.defaults(clock, new Random(7))
        .withLimits(LIMITS).withRetryAfter(Duration.ZERO), EnforcementService.NONE)) {
      engine.addListener(new EngineListener() {
        @Override
        public void failed(HandlerFailure f) {
          heard.add(f);
        }
      });
      engine.hostChanged(host(app("backup", "low-priority", "alice", 40e6, 1e6)));
      engine.load(Fixtures.fig8("good-before", 0));
      HOSTILE.forEach((name, spec) -> engine.load(Fixtures.source(name, PREFIX + spec[0])));
      engine.load(Fixtures.source("never-deregisters", """
          function exception(net) { return true; }
          function fire(net, host) { register(h); }
          function h(net, host) { mark('backup', 'CS1'); }
          """));
      engine.load(Fixtures.fig8("good-after", 0));
      engine.stateChanged(Fixtures.withCambridgeUpstream(200_000_000, 1));

      PollResult r = engine.poll();

      assertThat(r.desired().of("backup").orElseThrow().maxUpBps()).hasValue(20_000_000);
      assertThat(r.desired().of("backup").orElseThrow().dscp()).hasValue(8);
      HOSTILE.forEach((name, spec) -> {
        HandlerFailure f = heard.stream().filter(x -> x.handler().equals(name + ".js")).findFirst()
            .orElseThrow(() -> new AssertionError("no failure reported for " + name + ": " + heard));
        assertThat(f.kind()).as(name + ": " + f).isIn((List<?>) spec[1]);
        assertThat(f.line()).as(name + ": " + f).isEqualTo(spec[2]);
      });
      assertThat(engine.explain().handlers()).filteredOn(h -> h.status() == HandlerStatus.FAILED)
          .hasSize(HOSTILE.size());

      // The engine keeps running: ticks go on, the stubborn handler stays registered, the good ones keep working.
      for (int i = 0; i < 3; i++) {
        clock.advance(Duration.ofSeconds(10));
        r = engine.poll();
        assertThat(r.failures()).isEmpty();
      }
      assertThat(r.runs()).extracting(HandlerRun::handler)
          .containsExactlyInAnyOrder("good-after", "good-before", "never-deregisters");
      engine.stateChanged(Fixtures.withCambridgeUpstream(50_000_000, 2));
      r = engine.poll();
      assertThat(r.desired().of("backup").orElseThrow().maxUpBps()).isEmpty();
      assertThat(r.desired().of("backup").orElseThrow().dscp()).hasValue(8);
      engine.unload("never-deregisters");
      assertThat(engine.desired().isEmpty()).isTrue();
    }
  }

  @Test
  void aHundredHandlersAtOnceEachKeepTheirOwnState() {
    SteppingClock clock = new SteppingClock(Fixtures.T0);
    try (HandlerEngine engine = new HandlerEngine(sandbox, EngineSettings.defaults(clock, new Random(7))
        .withLimits(new SandboxLimits(1_000_000, Duration.ofSeconds(60), 256L << 20)), EnforcementService.NONE)) {
      List<io.cuttle.host.model.AppUsage> apps = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        apps.add(app("app" + i, "bulk", "u", 1e6, 1e6));
        // Each handler keeps a counter in its own global: contexts are separate, so every one counts to 1.
        engine.load(Fixtures.source("h" + i, """
            var count = 0;
            function exception(net) { return true; }
            function fire(net, host) { count++; restrict('app%d', {maxUp: (%d + count) * kbit}); }
            """.formatted(i, i * 1000)));
      }
      engine.hostChanged(host(apps.toArray(io.cuttle.host.model.AppUsage[]::new)));
      engine.stateChanged(Fixtures.withCambridgeUpstream(1, 1));
      PollResult r = engine.poll();
      assertThat(r.failures()).isEmpty();
      assertThat(r.runs()).hasSize(100).allSatisfy(x -> assertThat(x.outcome()).isEqualTo(RunOutcome.FIRED));
      for (int i = 0; i < 100; i++) {
        assertThat(r.desired().of("app" + i).orElseThrow().maxUpBps()).hasValue((i * 1000L + 1) * 1000);
      }
    }
  }
}
