package io.cuttle.netstate;

import static io.cuttle.netstate.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.StateConflictException;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.AnnotationPatch;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Prefix;
import io.cuttle.netstate.model.StubPrefix;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkStateTest {
  private final NetworkState s = Fixtures.diamond();
  private final Instant t = LINEAGE.epoch().plusSeconds(60);

  private NetworkState apply(NetworkState st, TopologyEvent e) {
    return st.apply(new Delta(st.version() + 1, t, e));
  }

  @Test
  void eventMovesVersionByOneAndLeavesOldStateUntouched() {
    NetworkState next = apply(s, new TopologyEvent.LinkStateChanged(L12, LinkState.DOWN));
    assertThat(next.version()).isEqualTo(s.version() + 1);
    assertThat(next.at()).isEqualTo(t);
    assertThat(next.link(L12).orElseThrow().state()).isEqualTo(LinkState.DOWN);
    assertThat(s.link(L12).orElseThrow().state()).isEqualTo(LinkState.UP);
    assertThat(next.links()).hasSameSizeAs(s.links());
  }

  @Test
  void deltaForWrongVersionIsAConflictNamingBothVersions() {
    Delta d = new Delta(s.version() + 2, t, new TopologyEvent.LinkStateChanged(L12, LinkState.DOWN));
    assertThatThrownBy(() -> s.apply(d)).isInstanceOf(StateConflictException.class)
        .hasMessageContaining("version 9").hasMessageContaining("expected 8");
  }

  @Test
  void eventsAboutUnknownEntitiesAreConflicts() {
    assertThatThrownBy(() -> apply(s, new TopologyEvent.LinkCostChanged(999, 1, 1)))
        .isInstanceOf(StateConflictException.class).hasMessageContaining("no link with id 999");
    assertThatThrownBy(() -> apply(s, new TopologyEvent.PrefixAdded(
        new StubPrefix(100, Prefix.parse("10.7.0.0/24"), 999, 1, "0.0.0.0"))))
        .isInstanceOf(StateConflictException.class).hasMessageContaining("unknown router 999");
    assertThatThrownBy(() -> apply(s, new TopologyEvent.LinkAdded(link(R1, R2, R3, 1, 1))))
        .isInstanceOf(StateConflictException.class).hasMessageContaining("already in use");
  }

  @Test
  void nodeWithLinksCannotBeRemovedAndUplinkCannotDisappearUnderASite() {
    assertThatThrownBy(() -> apply(s, new TopologyEvent.NodeRemoved(R2)))
        .isInstanceOf(StateConflictException.class).hasMessageContaining("still has link");
    assertThatThrownBy(() -> apply(s, new TopologyEvent.LinkRemoved(L12)))
        .isInstanceOf(StateConflictException.class).hasMessageContaining("uplink of site 'campus'");
  }

  @Test
  void removingALinkDropsItsAnnotation() {
    NetworkState noSite = apply(s, new TopologyEvent.SiteRemoved("campus"));
    NetworkState next = apply(noSite, new TopologyEvent.LinkRemoved(L13));
    assertThat(next.annotations()).doesNotContainKey(L13);
    assertThat(next.link(L13)).isEmpty();
  }

  @Test
  void annotationRoundChangesOnlyPatchedFieldsAndStampsMeasurementTime() {
    NetworkState next = apply(s, new TopologyEvent.AnnotationsUpdated(t,
        List.of(AnnotationPatch.loads(L12, 1_000, 2_000))));
    assertThat(next.annotation(L12).loadAbBps()).hasValue(1_000);
    assertThat(next.annotation(L12).capacityBps()).hasValue(100_000_000);
    assertThat(next.annotation(L12).measuredAt()).contains(t);
    assertThat(next.annotation(L13)).isEqualTo(s.annotation(L13));
  }

  @Test
  void lookupsByNameAndAreas() {
    assertThat(s.linkNamed("r1-r2").orElseThrow().id()).isEqualTo(L12);
    assertThat(s.nodeNamed("lan").orElseThrow().id()).isEqualTo(LAN);
    assertThat(s.areas()).containsExactly("0.0.0.0");
    assertThat(s.annotation(L24).isEmpty()).isTrue();
  }

  @Test
  void equalContentEqualStates() {
    assertThat(Fixtures.diamond()).isEqualTo(s).hasSameHashCodeAs(s);
    assertThat(apply(s, new TopologyEvent.LinkCostChanged(L12, 5, 5))).isNotEqualTo(s);
  }
}
