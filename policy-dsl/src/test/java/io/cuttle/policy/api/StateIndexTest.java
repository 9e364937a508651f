package io.cuttle.policy.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.AnnotationPatch;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.policy.scenario.TopologyBuilder;
import io.cuttle.policy.scenario.TopologyBuilder.UplinkSpec;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StateIndexTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static NetworkState state() {
    return new TopologyBuilder().link("wan1", "r1", "r2", 10).link("bk1", "r1", "r3", 50).link("x", "r2", "r3", 5)
        .prefix("10.1.0.0/24", "r1").prefix("10.3.0.0/24", "r3")
        .site("c", List.of("10.1.0.0/16"), List.of(new UplinkSpec("wan1", "r1"), new UplinkSpec("bk1", "r1")))
        .site("d", List.of("10.3.0.0/16"), List.of(new UplinkSpec("x", "r3")))
        .siteLoad("c", OptionalLong.of(30_000_000), OptionalLong.of(8_000_000)).build(1, T0);
  }

  @Test
  void siteLoadAgreesWithThePathModule() throws Exception {
    NetworkState s = state();
    StateIndex i = new StateIndex(s, Optional.of(InetAddress.getByName("10.1.0.9")));
    for (String site : List.of("c", "d")) {
      assertThat(i.siteLoad(site)).isEqualTo(s.paths().siteLoad(site));
    }
    NetworkState down = s.apply(new Delta(2, T0, new TopologyEvent.LinkStateChanged(s.linkNamed("bk1").orElseThrow()
        .id(), LinkState.DOWN)));
    assertThat(i.next(down).siteLoad("c")).isEqualTo(down.paths().siteLoad("c"));
  }

  @Test
  void pathAnswersAreReusedOnlyWhileTheTopologyIsTheSame() throws Exception {
    NetworkState s = state();
    StateIndex i = new StateIndex(s, Optional.of(InetAddress.getByName("10.1.0.9")));
    var before = i.toSite("d");
    assertThat(before.reachable()).isTrue();
    NetworkState loads = s.apply(new Delta(2, T0, new TopologyEvent.AnnotationsUpdated(T0,
        List.of(AnnotationPatch.loads(s.linkNamed("x").orElseThrow().id(), 1, 2)))));
    assertThat(i.next(loads).toSite("d")).isSameAs(before);
    NetworkState cut = loads.apply(new Delta(3, T0, new TopologyEvent.LinkStateChanged(
        s.linkNamed("wan1").orElseThrow().id(), LinkState.DOWN)));
    var after = i.next(loads).next(cut).toSite("d");
    assertThat(after).isNotSameAs(before).isEqualTo(cut.paths().toSite(cut.paths().endpointOf(
        InetAddress.getByName("10.1.0.9")).orElseThrow(), "d"));
  }
}
