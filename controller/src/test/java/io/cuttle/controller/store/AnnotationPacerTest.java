package io.cuttle.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.synthetic.SyntheticTopology;
import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.NetworkState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnnotationPacerTest {
  private static final Lineage LINEAGE = new Lineage(7, Instant.parse("2026-01-01T00:00:00Z"));
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:10:00Z"), ZoneOffset.UTC);
  private final TopologyStore store = new TopologyStore(LINEAGE, clock, 4096);
  private final TopologySpec spec = SyntheticTopology.generate(200, 1000, new Random(1));
  private final List<Delta> committed = new ArrayList<>();

  AnnotationPacerTest() {
    store.addListener((state, deltas) -> committed.addAll(deltas));
  }

  @Test
  void aTopologyAppliedWithoutAnnotationsGetsThemThroughThePacerInChunksOverTheSpread() {
    store.apply(spec, AnnotationHandling.LEFT_OUT);
    assertThat(store.current().annotations()).isEmpty();
    committed.clear();
    // 1,000 links over a 1 s spread at 100 ms ticks: 10 rounds of 100 links.
    AnnotationPacer pacer = new AnnotationPacer(store, clock, Duration.ofSeconds(1), Duration.ofMillis(100), 10);
    pacer.submit(AnnotationTargets.of(store.current(), spec));
    assertThat(pacer.pending()).isEqualTo(1000);
    List<Integer> perTick = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      perTick.add(pacer.tick());
    }
    assertThat(perTick).containsExactly(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 0, 0);
    assertThat(committed).hasSize(10).allMatch(d -> d.event() instanceof TopologyEvent.AnnotationsUpdated);

    TopologyStore direct = new TopologyStore(LINEAGE, clock, 64);
    direct.apply(spec);
    assertThat(store.current().annotations()).isEqualTo(direct.current().annotations());
  }

  @Test
  void aSmallRoundGoesOutWholeAtTheNextTickAndANewerTargetReplacesAPendingOne() {
    store.apply(spec);
    NetworkState s = store.current();
    AnnotationPacer pacer = new AnnotationPacer(store, clock, Duration.ofSeconds(10), Duration.ofMillis(100), 64);
    int link = s.links().keySet().iterator().next();
    pacer.submit(Map.of(link, loads(1_000, 2_000)));
    pacer.submit(Map.of(link, loads(3_000, 4_000)));
    committed.clear();
    assertThat(pacer.tick()).isEqualTo(1);
    assertThat(committed).hasSize(1);
    assertThat(store.current().annotation(link).loadAbBps()).isEqualTo(OptionalLong.of(3_000));
    assertThat(store.current().annotation(link).loadBaBps()).isEqualTo(OptionalLong.of(4_000));
    assertThat(pacer.tick()).isZero();
  }

  @Test
  void targetsFollowTheStatesOrientationOfALinkAndSkipRemovedLinks() {
    store.apply(spec);
    LinkSpec l = spec.links().get(0);
    // The same link, its ends named the other way round: loads must be swapped into the state's orientation.
    List<LinkSpec> links = new ArrayList<>(spec.links());
    links.set(0, new LinkSpec(l.name(), l.b(), l.a(), l.costBa(), l.costAb(), l.state(), l.area()));
    Map<String, LinkAnnotation> ann = new HashMap<>(spec.annotations());
    ann.put(l.name(), loads(10, 20));
    TopologySpec reversed = new TopologySpec(spec.routers(), spec.networks(), links, spec.prefixes(), spec.sites(), ann);
    int id = store.current().linkNamed(l.name()).orElseThrow().id();
    Map<Integer, LinkAnnotation> targets = AnnotationTargets.of(store.current(), reversed);
    assertThat(targets.get(id).loadAbBps()).isEqualTo(OptionalLong.of(20));
    assertThat(targets.get(id).loadBaBps()).isEqualTo(OptionalLong.of(10));

    AnnotationPacer pacer = new AnnotationPacer(store, clock, Duration.ofSeconds(1), Duration.ofMillis(100), 64);
    pacer.submit(Map.of(Integer.MAX_VALUE, loads(1, 1))); // no such link
    long version = store.current().version();
    assertThat(pacer.tick()).isZero();
    assertThat(store.current().version()).isEqualTo(version);
  }

  @Test
  void badSettingsAreRejectedWithWhatWasExpected() {
    assertThatThrownBy(() -> new AnnotationPacer(store, clock, Duration.ofMillis(50), Duration.ofMillis(100), 1))
        .hasMessage("spread: expected at least the tick (PT0.1S), got PT0.05S");
    assertThatThrownBy(() -> new AnnotationPacer(store, clock, Duration.ofSeconds(1), Duration.ZERO, 1))
        .hasMessage("tick: expected a positive duration, got PT0S");
  }

  private static LinkAnnotation loads(long ab, long ba) {
    return new LinkAnnotation(OptionalLong.empty(), OptionalLong.of(ab), OptionalLong.of(ba), OptionalLong.empty(),
        Set.of(), Map.of(), Optional.empty());
  }
}
