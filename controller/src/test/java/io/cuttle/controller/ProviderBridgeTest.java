package io.cuttle.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.controller.store.TopologyStore;
import io.cuttle.controller.topology.SpecChange;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.synthetic.SyntheticTopology;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.NetworkState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProviderBridgeTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:10:00Z"), ZoneOffset.UTC);
  private final TopologyStore store = new TopologyStore(new Lineage(3, Instant.EPOCH), clock, 64);
  private final ProviderBridge bridge = new ProviderBridge("test", store, Optional.empty(), clock,
      new SimpleMeterRegistry());
  private final TopologySpec spec = SyntheticTopology.generate(20, 30, new Random(2));

  private static TopologySpec withCost(TopologySpec s, int index, int costAb) {
    List<LinkSpec> links = new ArrayList<>(s.links());
    LinkSpec l = links.get(index);
    links.set(index, new LinkSpec(l.name(), l.a(), l.b(), costAb, l.costBa(), l.state(), l.area()));
    return s.withLinks(links);
  }

  private int costAb(String link, String a) {
    NetworkState s = store.current();
    Link l = s.linkNamed(link).orElseThrow();
    return s.nodes().get(l.a()).name().equals(a) ? l.costAb() : l.costBa();
  }

  @Test
  void anUpdateOnTheAppliedSpecCommitsTheCostsOnly() {
    bridge.specChanged(spec);
    long version = store.current().version();
    TopologySpec next = withCost(spec, 5, 777);
    bridge.specUpdated(next, new SpecChange(spec, List.of(next.links().get(5))));
    assertThat(store.current().version()).isEqualTo(version + 1);
    assertThat(costAb(next.links().get(5).name(), next.links().get(5).a())).isEqualTo(777);
    TopologySpec third = withCost(next, 6, 555);
    bridge.specUpdated(third, new SpecChange(next, List.of(third.links().get(6))));
    assertThat(store.current().version()).isEqualTo(version + 2);
    assertThat(costAb(third.links().get(6).name(), third.links().get(6).a())).isEqualTo(555);
  }

  @Test
  void anUpdateOnAnotherBaseAppliesTheWholeSpec() {
    bridge.specChanged(spec);
    TopologySpec other = withCost(spec, 7, 321); // never applied
    TopologySpec next = withCost(other, 5, 777);
    // The change names only link 5, but the state is not at its base: the whole spec goes in.
    bridge.specUpdated(next, new SpecChange(other, List.of(next.links().get(5))));
    assertThat(costAb(next.links().get(5).name(), next.links().get(5).a())).isEqualTo(777);
    assertThat(costAb(next.links().get(7).name(), next.links().get(7).a())).isEqualTo(321);
    assertThat(bridge.lastRejection()).isEmpty();
  }
}
