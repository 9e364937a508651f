package io.cuttle.policy.engine;

import static io.cuttle.policy.engine.Fixtures.app;
import static io.cuttle.policy.engine.Fixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.Attribution;
import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.FlowRecord;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.host.model.Protocol;
import io.cuttle.host.model.Rate;
import io.cuttle.host.model.Traffic;
import java.net.InetAddress;
import java.util.OptionalInt;
import java.util.Set;
import io.cuttle.policy.sandbox.FailureKind;
import io.cuttle.policy.sandbox.HandlerFailure;
import io.cuttle.policy.sandbox.SandboxEngine;
import io.cuttle.policy.scenario.SteppingClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HandlerEngineTest {
  private static SandboxEngine sandbox;
  private SteppingClock clock;
  private HandlerEngine engine;
  private final List<DesiredState> enforced = new ArrayList<>();

  @BeforeAll
  static void startSandbox() {
    sandbox = SandboxEngine.create();
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  /** Generous time budget: the machine running tests may be loaded; limits are tested elsewhere. */
  private EngineSettings settings() {
    return EngineSettings.defaults(clock, new Random(1)).withLimits(new io.cuttle.policy.sandbox.SandboxLimits(
        1_000_000, Duration.ofSeconds(60), 256L << 20));
  }

  @BeforeEach
  void setUp() {
    clock = new SteppingClock(Fixtures.T0);
    engine = new HandlerEngine(sandbox, settings(), enforced::add);
    engine.hostChanged(host(app("backup", "low-priority", "alice", 40e6, 1e6), app("zoom", "interactive", "bob",
        2e6, 2e6)));
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  @Test
  void aPollReusingHostKeepsAHandlersViewOfASnapshotWithinTheAgeAndTakesTheLatestBeyondIt() {
    engine.load(Fixtures.source("apps", """
        function exception(net) { return true; }
        function fire(net, host) { register(h); }
        function h(net, host) { removeAllRestrictions(); for (const a of host.apps) block(a); }
        """));
    engine.stateChanged(Fixtures.withCambridgeUpstream(50_000_000, 1));
    engine.poll(); // the view of the setUp snapshot (backup, zoom) is built here
    HostSnapshot newer = new HostSnapshot("h1", Fixtures.T0.plusSeconds(2), Duration.ofSeconds(5),
        List.of(app("late", "bulk", "carol", 1e6, 1e6)), List.of());
    engine.hostChanged(newer);

    engine.stateChanged(Fixtures.withCambridgeUpstream(60_000_000, 2));
    PollResult reused = engine.pollReusingHost(Duration.ofSeconds(2));
    engine.stateChanged(Fixtures.withCambridgeUpstream(70_000_000, 3));
    PollResult latest = engine.pollReusingHost(Duration.ofSeconds(1));

    assertThat(reused.desired().byApp().keySet()).containsExactlyInAnyOrder("backup", "zoom");
    assertThat(latest.desired().byApp().keySet()).containsExactly("late");
  }

  @Test
  void viewsPreparedAheadOfTheRunAreTheOnesAStateChangeRunUses() {
    String blockAll = """
        function exception(net) { return true; }
        function fire(net, host) { register(h); }
        function h(net, host) { removeAllRestrictions(); for (const a of host.apps) block(a); }
        """;
    engine.load(Fixtures.source("a", blockAll));
    engine.load(Fixtures.source("b", blockAll));
    engine.stateChanged(Fixtures.withCambridgeUpstream(50_000_000, 1));
    engine.poll(); // both build the view of the setUp snapshot (backup, zoom)
    assertThat(engine.prepareHostView()).as("nothing newer to build").isFalse();
    engine.hostChanged(new HostSnapshot("h1", Fixtures.T0.plusSeconds(1), Duration.ofSeconds(5),
        List.of(app("late", "bulk", "carol", 1e6, 1e6)), List.of()));

    assertThat(engine.prepareHostView()).as("the second handler's view is still old").isTrue();
    assertThat(engine.prepareHostView()).as("both built").isFalse();
    engine.stateChanged(Fixtures.withCambridgeUpstream(60_000_000, 2));
    PollResult reaction = engine.pollReusingHost(Duration.ofSeconds(2));

    assertThat(reaction.runs()).hasSize(2);
    assertThat(reaction.desired().byApp().keySet()).as("the prepared views of the newest snapshot")
        .containsExactly("late");
  }

  @Test
  void flowsAreReadOnFirstUseAndFrozenLikeTheRestOfTheHost() {
    InetAddress local = address("10.1.0.10");
    FlowRecord f = new FlowRecord(new FlowKey(Protocol.TCP, local, 40000, address("10.3.0.7"), 443),
        new Attribution("backup", "alice", OptionalInt.of(100)), new Traffic(1234, 99, 3, 2), Fixtures.T0,
        Fixtures.T0);
    AppUsage withFlow = new AppUsage("backup", "bulk", Set.of("alice"), Set.of(100), Traffic.ZERO, Rate.ZERO,
        List.of(f));
    engine.hostChanged(host(withFlow, app("zoom", "interactive", "bob", 2e6, 2e6)));
    engine.load(Fixtures.source("reader", """
        function exception(net) { return true; }
        function fire(net, host) { register(h); }
        function h(net, host) {
          removeAllRestrictions();
          for (const a of host.apps) {
            const ok = a.flows.length === 1 && a.flows[0].remote === '10.3.0.7' && a.flows[0].remotePort === 443
                && a.flows[0].bytesUp === 1234 && a.flows[0].protocol === 'tcp' && a.flows === a.flows
                && Object.isFrozen(a) && Object.isFrozen(a.flows) && Object.isFrozen(a.flows[0])
                && Object.keys(a).includes('flows') && JSON.stringify(a).includes('"localPort":40000');
            if (ok) block(a);
          }
        }
        """));
    engine.load(Fixtures.source("writer", """
        function exception(net) { return true; }
        function fire(net, host) {
          const f = host.app('backup').flows[0];
          f.bytesUp = 0;
          if (f.bytesUp === 1234 && host.app('backup').flows.length === 1) block('zoom');
        }
        """));
    engine.stateChanged(Fixtures.withCambridgeUpstream(50_000_000, 1));

    PollResult r = engine.poll();

    assertThat(r.failures()).isEmpty();
    assertThat(r.desired().byApp().keySet()).as("backup: its flow read; zoom: the writes changed nothing")
        .containsExactlyInAnyOrder("backup", "zoom");
  }

  private static InetAddress address(String a) {
    try {
      return InetAddress.getByName(a);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void fig8LifecycleRestrictsThenRevertsWhenTheExceptionClears() {
    assertThat(engine.load(Fixtures.fig8("smooth", 0))).isEmpty();
    engine.stateChanged(Fixtures.withCambridgeUpstream(50_000_000, 1));
    PollResult quiet = engine.poll();
    assertThat(quiet.runs()).extracting(HandlerRun::outcome).containsExactly(RunOutcome.NO_EXCEPTION);
    assertThat(quiet.desired().isEmpty()).isTrue();

    engine.stateChanged(Fixtures.withCambridgeUpstream(200_000_000, 2));
    PollResult fired = engine.poll();
    assertThat(fired.runs()).extracting(HandlerRun::outcome).containsExactly(RunOutcome.FIRED);
    // ratio = 100/200; backup 40 Mbit/s -> 20 Mbit/s; zoom is not low priority.
    assertThat(fired.desired().of("backup").orElseThrow().maxUpBps()).hasValue(20_000_000);
    assertThat(fired.desired().of("zoom")).isEmpty();
    assertThat(enforced).hasSize(1);

    clock.advance(Duration.ofSeconds(10));
    PollResult tick = engine.poll();
    assertThat(tick.runs()).extracting(HandlerRun::outcome).containsExactly(RunOutcome.HANDLED);
    assertThat(engine.explain().handlers().get(0).status()).isEqualTo(HandlerStatus.REGISTERED);

    engine.stateChanged(Fixtures.withCambridgeUpstream(80_000_000, 3));
    PollResult cleared = engine.poll();
    assertThat(cleared.runs()).extracting(HandlerRun::outcome).containsExactly(RunOutcome.DEREGISTERED);
    assertThat(cleared.desired().isEmpty()).isTrue();
    assertThat(enforced.get(enforced.size() - 1).isEmpty()).isTrue();
    assertThat(engine.explain().handlers().get(0).status()).isEqualTo(HandlerStatus.WATCHING);
  }

  @Test
  void predicateWithSideEffectsFailsWithLineAndKeepsNothing() {
    engine.load(Fixtures.source("sneaky", """
        function exception(net) {
          block('zoom');
          return true;
        }
        function fire(net, host) {}
        """));
    engine.stateChanged(Fixtures.withCambridgeUpstream(1, 1));
    PollResult r = engine.poll();
    HandlerFailure f = r.failures().get(0);
    assertThat(f.handler()).isEqualTo("sneaky.js");
    assertThat(f.kind()).isEqualTo(FailureKind.API_MISUSE);
    assertThat(f.line()).isEqualTo(2);
    assertThat(f.message()).contains("no side effects");
    assertThat(r.desired().isEmpty()).isTrue();
  }

  @Test
  void failureRevertsTheHandlersRestrictions() {
    engine.load(Fixtures.source("flaky", """
        let n = 0;
        function exception(net) { return true; }
        function fire(net, host) { register(run); }
        function run(net, host) {
          block('zoom');
          if (++n === 2) throw new Error('boom');
        }
        """));
    engine.stateChanged(Fixtures.withCambridgeUpstream(1, 1));
    assertThat(engine.poll().desired().of("zoom").orElseThrow().blocked()).isTrue();
    clock.advance(Duration.ofSeconds(10));
    PollResult r = engine.poll();
    assertThat(r.failures()).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(FailureKind.THROWN);
      assertThat(f.line()).isEqualTo(6);
      assertThat(f.message()).contains("boom");
    });
    assertThat(r.desired().isEmpty()).isTrue();
    assertThat(engine.explain().handlers().get(0).status()).isEqualTo(HandlerStatus.FAILED);
  }

  @Test
  void failedHandlerIsRetriedAfterTheDelay() {
    engine.close();
    engine = new HandlerEngine(sandbox, settings()
        .withRetryAfter(Duration.ofSeconds(30)), enforced::add);
    engine.load(Fixtures.source("once", """
        function exception(net) { return net.version === 1; }
        function fire(net, host) { throw new Error('first fire fails'); }
        """));
    engine.stateChanged(Fixtures.withCambridgeUpstream(1, 1));
    assertThat(engine.poll().failures()).hasSize(1);
    clock.advance(Duration.ofSeconds(31));
    engine.poll();
    assertThat(engine.explain().handlers().get(0).failures()).isEqualTo(2);
  }

  @Test
  void fireWithoutRegisteringKeepsRestrictionsUntilTheExceptionClears() {
    engine.load(Fixtures.source("oneshot", """
        function exception(net) { return !net.link('wan1').up; }
        function fire(net, host) { restrict('backup', {maxUp: 1 * Mbit}); }
        """));
    engine.stateChanged(Fixtures.topology().linkState("wan1", false).build(1, Fixtures.T0));
    assertThat(engine.poll().desired().of("backup").orElseThrow().maxUpBps()).hasValue(1_000_000);
    clock.advance(Duration.ofSeconds(10));
    PollResult again = engine.poll();
    assertThat(again.runs()).extracting(HandlerRun::outcome).containsExactly(RunOutcome.ALREADY_FIRED);
    assertThat(again.desired().of("backup")).isPresent();
    engine.stateChanged(Fixtures.topology().build(2, Fixtures.T0));
    assertThat(engine.poll().desired().isEmpty()).isTrue();
  }

  @Test
  void unloadRevertsAndEnforcesTheEmptyState() {
    engine.load(Fixtures.source("stubborn", """
        function exception(net) { return true; }
        function fire(net, host) { register(h); }
        function h(net, host) { block('backup'); }
        """));
    engine.stateChanged(Fixtures.withCambridgeUpstream(1, 1));
    for (int i = 0; i < 5; i++) {
      engine.poll();
      clock.advance(Duration.ofSeconds(10));
    }
    assertThat(engine.explain().handlers().get(0).status()).isEqualTo(HandlerStatus.REGISTERED);
    assertThat(engine.explain().handlers().get(0).runs()).isEqualTo(5);
    assertThat(engine.unload("stubborn")).isTrue();
    assertThat(engine.desired().isEmpty()).isTrue();
    assertThat(enforced.get(enforced.size() - 1).isEmpty()).isTrue();
  }

  @Test
  void conflictsResolveToTheStrictestAndExplainNamesTheOwner() {
    engine.load(Fixtures.source("a", """
        function exception(net) { return true; }
        function fire(net, host) { register(h); }
        function h(net, host) { restrict('backup', {maxUp: 5 * Mbit, maxDown: 50 * Mbit}); mark('zoom', 'AF41'); }
        """));
    engine.load(new HandlerSource("b", "b.js", """
        function exception(net) { return true; }
        function fire(net, host) { register(h); }
        function h(net, host) { restrict('backup', {maxUp: 8 * Mbit, maxDown: 10 * Mbit}); mark('zoom', 'EF'); }
        """, Fixtures.manifest("b", 5, List.of()), java.util.Map.of(), 5));
    engine.stateChanged(Fixtures.withCambridgeUpstream(1, 1));
    DesiredState d = engine.poll().desired();
    assertThat(d.of("backup").orElseThrow().maxUpBps()).hasValue(5_000_000);
    assertThat(d.of("backup").orElseThrow().maxDownBps()).hasValue(10_000_000);
    assertThat(d.of("zoom").orElseThrow().dscp()).hasValue(46); // b has the higher priority
    Explanation e = engine.explain();
    assertThat(e.owners()).anySatisfy(o -> {
      assertThat(o.app()).isEqualTo("backup");
      assertThat(o.kind()).isEqualTo(io.cuttle.host.enforce.ActionKind.LIMIT_UP);
      assertThat(o.owner()).isEqualTo("a");
      assertThat(o.overridden()).extracting(c -> c.handler()).containsExactly("b");
    });
    assertThat(e.toText()).contains("backup maxUp 5 Mbit/s owned by a (overrides b maxUp 8 Mbit/s)");
  }

  @Test
  void eventsSinceTheLastRunAreVisible() {
    engine.load(Fixtures.source("events", """
        function exception(net) { return net.events.some(e => e.kind === 'link-down' && e.subject === 'wan2'); }
        function fire(net, host) { report('down', net.events.map(e => e.kind + ':' + e.subject).join(',')); }
        """));
    engine.stateChanged(Fixtures.topology().build(1, Fixtures.T0));
    engine.poll();
    engine.stateChanged(Fixtures.topology().linkState("wan2", false).build(2, Fixtures.T0));
    PollResult r = engine.poll();
    assertThat(r.reports()).singleElement().satisfies(x -> assertThat(x.value()).isEqualTo("link-down:wan2"));
  }

  @Test
  void pathQueriesFromThisHost() throws Exception {
    engine.close();
    engine = new HandlerEngine(sandbox, settings()
        .withSelf(java.net.InetAddress.getByName("10.1.0.7")), enforced::add);
    engine.load(Fixtures.source("paths", """
        function exception(net) { return true; }
        function fire(net, host) {
          const p = net.pathTo('redmond');
          report('crosses', p.crosses('wan2'));
          report('links', p.links.join(','));
          report('backup', net.usesLabel('backup'));
          report('site', net.self.site);
        }
        """));
    engine.stateChanged(Fixtures.topology().annotate("wan2", new io.cuttle.netstate.model.LinkAnnotation(
        java.util.OptionalLong.empty(), java.util.OptionalLong.empty(), java.util.OptionalLong.empty(),
        java.util.OptionalLong.empty(), java.util.Set.of("backup"), java.util.Map.of(), java.util.Optional.empty()))
        .build(1, Fixtures.T0));
    PollResult r = engine.poll();
    assertThat(r.reports()).extracting(ReportEntry::key, ReportEntry::value).containsExactly(
        org.assertj.core.groups.Tuple.tuple("crosses", "all"), org.assertj.core.groups.Tuple.tuple("links", "wan1,wan2"),
        org.assertj.core.groups.Tuple.tuple("backup", "true"), org.assertj.core.groups.Tuple.tuple("site", "cambridge"));
  }
}
