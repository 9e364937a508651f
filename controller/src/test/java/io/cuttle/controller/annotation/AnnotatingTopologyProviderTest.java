package io.cuttle.controller.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.common.config.Diagnostic;
import io.cuttle.controller.store.TopologyStore;
import io.cuttle.controller.topology.TopologyProviderListener;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.AnnotationPatch;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Prefix;
import io.cuttle.netstate.model.Site;
import io.cuttle.netstate.model.Uplink;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The annotating layer against scripted agents and a hand-advanced clock, feeding a real store:
 * which links' annotations travel, static rules and sites on OSPF-style names, staleness.
 */
class AnnotatingTopologyProviderTest {
  private static final InetAddress AGENT_R1 = LabTopology.ip("192.0.2.1");
  private static final InetAddress AGENT_R2 = LabTopology.ip("192.0.2.2");
  private static final Duration INTERVAL = Duration.ofHours(1); // rounds are run by the test

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final ScriptedCounterSource source = new ScriptedCounterSource(clock);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final TopologyStore store = new TopologyStore(new Lineage(9, Instant.EPOCH), clock, 256);
  private final List<TopologyEvent.AnnotationsUpdated> rounds = new ArrayList<>();
  private final List<TopologySpec> delivered = new ArrayList<>();
  private final List<io.cuttle.controller.topology.SpecChange> updates = new ArrayList<>();
  private AnnotatingTopologyProvider provider;

  @AfterEach
  void stop() {
    if (provider != null) {
      provider.close();
    }
    scheduler.shutdownNow();
  }

  private StaticTopologyProvider start(StaticAnnotations statics, ChangeThreshold threshold) {
    store.addListener((s, deltas) -> deltas.forEach(d -> {
      if (d.event() instanceof TopologyEvent.AnnotationsUpdated a) {
        rounds.add(a);
      }
    }));
    AnnotationSettings settings = new AnnotationSettings(INTERVAL, threshold, INTERVAL.multipliedBy(3),
        List.of(new SnmpAgent(AGENT_R1, 161, "c"), new SnmpAgent(AGENT_R2, 161, "c")), Duration.ofSeconds(1), 0,
        statics);
    StaticTopologyProvider inner = new StaticTopologyProvider(LabTopology.triangle());
    provider = new AnnotatingTopologyProvider(inner, settings,
        Optional.of(new SnmpLoadPoller(settings.agents(), source)), scheduler, clock);
    provider.start(new TopologyProviderListener() {
      @Override
      public void specChanged(TopologySpec spec) {
        delivered.add(spec);
        assertThat(store.apply(spec)).isInstanceOf(io.cuttle.controller.store.CommitResult.Committed.class);
      }

      @Override
      public void specUpdated(TopologySpec spec, io.cuttle.controller.topology.SpecChange change) {
        delivered.add(spec);
        updates.add(change);
        assertThat(store.applyCosts(change.links(), change.prefixes()))
            .isInstanceOf(io.cuttle.controller.store.CommitResult.Committed.class);
      }

      @Override
      public void specRejected(String source, List<Diagnostic> problems) {
        throw new AssertionError(problems);
      }
    });
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (provider.lastRound().isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // the first, scheduled round takes the baselines
    }
    assertThat(provider.lastRound()).isPresent();
    return inner;
  }

  private LinkAnnotation annotation(String link) {
    NetworkState s = store.current();
    return s.annotation(s.linkNamed(link).orElseThrow().id());
  }

  private int linkId(String link) {
    return store.current().linkNamed(link).orElseThrow().id();
  }

  private void scriptTriangle(long r1r2Out, long r2r3Out) {
    source.set(AGENT_R1, "10.0.12.1", 2, 1_000, r1r2Out); // r1's end of r1-r2
    source.set(AGENT_R1, "10.0.13.1", 3, 2_000, 3_000); // r1's end of r1-r3
    source.set(AGENT_R2, "10.0.12.2", 2, r1r2Out, 1_000); // r2's end of r1-r2
    source.set(AGENT_R2, "10.0.23.1", 3, 4_000, r2r3Out); // r2's end of r2-r3
  }

  private void nextRound() {
    clock.advance(Duration.ofSeconds(10));
    provider.round();
  }

  @Test
  void onlyLinksWhoseLoadChangedBeyondTheThresholdTravel() {
    scriptTriangle(1_000_000, 500_000);
    start(StaticAnnotations.NONE, new ChangeThreshold(0.01, 1_000));
    nextRound();
    assertThat(annotation("r1-r2").loadAbBps()).hasValue(8_000_000); // r1 sends 1 MB/s
    assertThat(annotation("r1-r2").loadBaBps()).hasValue(8_000);
    assertThat(annotation("r2-r3").loadAbBps()).hasValue(4_000_000); // r2 is end a of r2-r3
    assertThat(annotation("r1-r3").loadAbBps()).hasValue(24_000);
    assertThat(annotation("r1-r2").capacityBps()).hasValue(1_000_000_000L);
    Instant r1r2MeasuredAt = annotation("r1-r2").measuredAt().orElseThrow();

    scriptTriangle(1_005_000, 600_000); // r1-r2 +0.5%, r2-r3 +20%
    int before = rounds.size();
    nextRound();
    assertThat(rounds).hasSize(before + 1);
    List<AnnotationPatch> patches = rounds.get(rounds.size() - 1).patches();
    assertThat(patches).extracting(AnnotationPatch::link).containsExactly(linkId("r2-r3"));
    assertThat(annotation("r2-r3").loadAbBps()).hasValue(4_800_000);
    assertThat(annotation("r1-r2").loadAbBps()).hasValue(8_000_000); // kept, with its time
    assertThat(annotation("r1-r2").measuredAt()).hasValue(r1r2MeasuredAt);
    assertThat(provider.lastRound().orElseThrow().linksSent()).containsExactly("r2-r3");

    long version = store.current().version();
    nextRound(); // nothing changed at all
    assertThat(store.current().version()).isEqualTo(version);
  }

  @Test
  void everyChangeThresholdSendsSmallChangesToo() {
    scriptTriangle(1_000_000, 500_000);
    start(StaticAnnotations.NONE, ChangeThreshold.EVERY_CHANGE);
    nextRound();
    scriptTriangle(1_005_000, 500_000);
    nextRound();
    assertThat(rounds.get(rounds.size() - 1).patches()).extracting(AnnotationPatch::link)
        .containsExactly(linkId("r1-r2"));
    assertThat(annotation("r1-r2").loadAbBps()).hasValue(8_040_000);
  }

  @Test
  void aSilentAgentsLinksLoseTheirLoadsOnceStale() {
    scriptTriangle(1_000_000, 500_000);
    start(StaticAnnotations.NONE, ChangeThreshold.DEFAULT);
    nextRound();
    source.down(AGENT_R2, true);
    clock.advance(INTERVAL);
    provider.round();
    assertThat(annotation("r2-r3").loadAbBps()).as("not stale yet").hasValue(4_000_000);
    assertThat(annotation("r1-r2").loadAbBps()).as("r1 still measures it").isPresent();
    clock.advance(INTERVAL.multipliedBy(3));
    provider.round();
    assertThat(annotation("r2-r3").loadAbBps()).isEmpty();
    assertThat(annotation("r2-r3").loadBaBps()).isEmpty();
    assertThat(provider.lastRound().orElseThrow().linksWithdrawn()).containsExactly("r2-r3");
    assertThat(provider.agentOutcomes().get(new SnmpAgent(AGENT_R2, 161, "c")))
        .isInstanceOfSatisfying(PollOutcome.Failed.class, f -> assertThat(f.reason()).isEqualTo(PollOutcome.Reason.TIMEOUT));
  }

  @Test
  void staticRulesAndSitesApplyToOspfNamesByRouterIdsAndInterfaces() {
    LinkRule metered = new LinkRule("controller.yaml:10", new LinkSelector.ByRouterIds(LabTopology.R3_ID,
        LabTopology.R1_ID), OptionalLong.of(50_000), OptionalLong.of(100_000_000), Set.of("metered"), Map.of("sla", 99.9));
    LinkRule backup = new LinkRule("controller.yaml:15", new LinkSelector.ByInterface(LabTopology.ip("10.0.23.2")),
        OptionalLong.empty(), OptionalLong.empty(), Set.of("backup"), Map.of());
    LinkRule nothing = new LinkRule("controller.yaml:18", new LinkSelector.ByName("r9-r10"),
        OptionalLong.of(1), OptionalLong.empty(), Set.of(), Map.of());
    SiteRule branch = new SiteRule("controller.yaml:20", "branch", Set.of(Prefix.parse("10.3.0.0/16")),
        List.of(new SiteRule.Uplink("controller.yaml:23", new LinkSelector.ByRouterIds(LabTopology.R1_ID,
            LabTopology.R3_ID), "10.255.255.3"),
            new SiteRule.Uplink("controller.yaml:24", new LinkSelector.ByName("r2-r3"), "r1")));
    scriptTriangle(1_000_000, 500_000);
    StaticTopologyProvider inner = start(new StaticAnnotations(List.of(metered, backup, nothing), List.of(branch)),
        ChangeThreshold.DEFAULT);
    nextRound();

    LinkAnnotation r1r3 = annotation("r1-r3");
    assertThat(r1r3.costMicros()).hasValue(50_000);
    assertThat(r1r3.labels()).containsExactly("metered");
    assertThat(r1r3.counters()).containsEntry("sla", 99.9);
    assertThat(r1r3.capacityBps()).as("declared capacity beats ifHighSpeed").hasValue(100_000_000);
    assertThat(r1r3.loadAbBps()).hasValue(24_000);
    assertThat(annotation("r2-r3").labels()).containsExactly("backup");
    assertThat(annotation("r1-r2").labels()).isEmpty();

    NetworkState s = store.current();
    int r3 = s.nodeNamed("r3").orElseThrow().id();
    assertThat(s.site("branch")).hasValueSatisfying((Site site) -> {
      assertThat(site.prefixes()).containsExactly(Prefix.parse("10.3.0.0/16"));
      assertThat(site.uplinks()).containsExactly(new Uplink(linkId("r1-r3"), r3));
    });
    assertThat(provider.unresolved()).hasSize(2)
        .anySatisfy(u -> assertThat(u).startsWith("controller.yaml:18: link r9-r10 matches no link"))
        .anySatisfy(u -> assertThat(u).contains("controller.yaml:24").contains("'r1' is not an end of link 'r2-r3'"));

    // The provider learns a topology without r3: rules that no longer match are dropped, nothing breaks.
    TopologySpec t = LabTopology.triangle();
    inner.deliver(new TopologySpec(t.routers().subList(0, 2), t.networks(), t.links().subList(0, 1), t.prefixes(),
        t.sites(), t.annotations(), Map.of(LabTopology.ip("10.0.12.1"), t.interfaces().get(LabTopology.ip("10.0.12.1")))));
    assertThat(store.current().links()).hasSize(1);
    assertThat(store.current().site("branch")).hasValueSatisfying(site -> assertThat(site.uplinks()).isEmpty());
    assertThat(annotation("r1-r2").loadAbBps()).as("measurements survive a topology change").hasValue(8_000_000);
  }

  @Test
  void aLinkCostChangePassesOnAsACostChangeKeepingTheAnnotations() {
    scriptTriangle(1_000_000, 500_000);
    StaticTopologyProvider inner = start(StaticAnnotations.NONE, ChangeThreshold.DEFAULT);
    nextRound();
    assertThat(annotation("r1-r2").loadAbBps()).hasValue(8_000_000);
    TopologySpec t = inner.initial(); // the base must be the very spec delivered before
    java.util.List<LinkSpec> links = new ArrayList<>(t.links());
    LinkSpec l = links.get(1);
    links.set(1, new LinkSpec(l.name(), l.a(), l.b(), 42, l.costBa(), l.state(), l.area()));
    TopologySpec next = t.withLinks(links);
    long version = store.current().version();
    inner.update(next, new io.cuttle.controller.topology.SpecChange(t, List.of(links.get(1))));
    assertThat(updates).hasSize(1);
    assertThat(updates.get(0).links()).containsExactly(links.get(1));
    // What goes on equals what a whole delivery of the same topology composes.
    TopologySpec updated = delivered.get(delivered.size() - 1);
    inner.deliver(next);
    assertThat(delivered.get(delivered.size() - 1)).isEqualTo(updated);
    assertThat(store.current().version()).isEqualTo(version + 1);
    assertThat(annotation("r1-r2").loadAbBps()).hasValue(8_000_000);
    NetworkState s = store.current();
    io.cuttle.netstate.model.Link r2r3 = s.linkNamed("r2-r3").orElseThrow();
    assertThat(s.nodes().get(r2r3.a()).name().equals("r2") ? r2r3.costAb() : r2r3.costBa()).isEqualTo(42);
  }
}
