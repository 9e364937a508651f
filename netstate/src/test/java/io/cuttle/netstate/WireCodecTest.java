package io.cuttle.netstate;

import static io.cuttle.netstate.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.AnnotationField;
import io.cuttle.netstate.model.AnnotationPatch;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Prefix;
import io.cuttle.netstate.model.Site;
import io.cuttle.netstate.model.StubPrefix;
import io.cuttle.netstate.model.Uplink;
import io.cuttle.netstate.wire.WireCodec;
import io.cuttle.netstate.wire.WireFormatException;
import io.cuttle.wire.v1.StateMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WireCodecTest {
  private final NetworkState s = Fixtures.diamond();
  private final Instant t = LINEAGE.epoch().plusSeconds(3600);

  @Test
  void snapshotRoundTripsToAnEqualState() throws Exception {
    byte[] bytes = WireCodec.snapshot(s).toByteArray();
    NetworkState back = WireCodec.state(io.cuttle.wire.v1.Snapshot.parseFrom(bytes));
    assertThat(back).isEqualTo(s);
  }

  @Test
  void everyEventKindRoundTripsAndAppliesIdentically() throws Exception {
    List<TopologyEvent> events = List.of(
        new TopologyEvent.LinkStateChanged(L24, LinkState.DOWN),
        new TopologyEvent.LinkCostChanged(L24, 7, 9),
        new TopologyEvent.AnnotationsUpdated(t, List.of(
            AnnotationPatch.loads(L12, 1, 2),
            new AnnotationPatch(L13, OptionalLong.of(1_000_000_000L), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), Set.of(AnnotationField.COST), Optional.of(Set.of("backup")),
                Map.of("drops", 12.5), Set.of("errors"), Optional.of(t.minusSeconds(5))))),
        new TopologyEvent.PrefixAdded(new StubPrefix(50, Prefix.parse("2001:db8::/48"), R2, 3, "0.0.0.1")),
        new TopologyEvent.PrefixRemoved(50),
        new TopologyEvent.RouterAdded(router(60)),
        new TopologyEvent.LinkAdded(link(61, R4, 60, 1, 2)),
        new TopologyEvent.SiteChanged(new Site("lab", Set.of(Prefix.parse("10.60.0.0/16")), List.of(new Uplink(61, 60)))),
        new TopologyEvent.SiteRemoved("lab"),
        new TopologyEvent.LinkRemoved(61),
        new TopologyEvent.NodeRemoved(60),
        new TopologyEvent.NetworkAdded(new io.cuttle.netstate.model.TransitNetwork(70, "lan2",
            Prefix.parse("10.70.0.0/24"), "0.0.0.0")));
    NetworkState direct = s;
    NetworkState viaWire = s;
    for (TopologyEvent e : events) {
      Delta d = new Delta(direct.version() + 1, t, e);
      byte[] bytes = WireCodec.delta(LINEAGE, d).toByteArray();
      Delta back = WireCodec.delta(LINEAGE, io.cuttle.wire.v1.Delta.parseFrom(bytes));
      assertThat(back).isEqualTo(d);
      direct = direct.apply(d);
      viaWire = viaWire.apply(back);
    }
    assertThat(viaWire).isEqualTo(direct);
    assertThat(direct.annotation(L13).costMicros()).isEmpty();
    assertThat(direct.annotation(L13).counters()).containsExactly(Map.entry("drops", 12.5));
  }

  @Test
  void topologyEventsAreSmallOnTheWire() {
    // A StateMessage carrying one delta, as a subscriber receives it (before gRPC's 5-byte prefix).
    long version = 1_000_000;
    for (TopologyEvent e : List.of(
        new TopologyEvent.LinkStateChanged(12_345, LinkState.DOWN),
        new TopologyEvent.LinkCostChanged(12_345, 100, 100))) {
      int size = message(version, e).length;
      assertThat(size).as("bytes for %s", e.kind()).isLessThanOrEqualTo(22);
    }
  }

  @Test
  void annotationUpdatesCostLittlePerLink() {
    List<AnnotationPatch> patches = new ArrayList<>();
    for (int link = 10_000; link < 20_000; link++) {
      patches.add(AnnotationPatch.loads(link, 734_000_000L + link, 81_000_000L + link));
    }
    int size = message(5, new TopologyEvent.AnnotationsUpdated(t, patches)).length;
    assertThat((double) size / patches.size()).as("bytes per link").isLessThan(20);
  }

  private byte[] message(long version, TopologyEvent e) {
    io.cuttle.wire.v1.Delta d = WireCodec.delta(LINEAGE, new Delta(version, t, e));
    return StateMessage.newBuilder().setDeltas(io.cuttle.wire.v1.DeltaBatch.newBuilder().addDelta(d))
        .build().toByteArray();
  }

  @Test
  void invalidMessagesAreWireFormatErrorsThatSayWhy() {
    var noKind = io.cuttle.wire.v1.Delta.newBuilder().setVersion(3).build();
    assertThatThrownBy(() -> WireCodec.delta(LINEAGE, noKind)).isInstanceOf(WireFormatException.class)
        .hasMessageContaining("event has no kind");
    var badPrefix = io.cuttle.wire.v1.Snapshot.newBuilder(WireCodec.snapshot(s))
        .setPrefixes(0, WireCodec.snapshot(s).getPrefixes(0).toBuilder()
            .setPrefix(io.cuttle.wire.v1.Prefix.newBuilder().setAddress(com.google.protobuf.ByteString.copyFrom(
                new byte[] {10, 1, 1, 1})).setLength(24)))
        .build();
    assertThatThrownBy(() -> WireCodec.state(badPrefix)).isInstanceOf(WireFormatException.class)
        .hasMessageContaining("host bits set");
    var danglingLink = io.cuttle.wire.v1.Snapshot.newBuilder(WireCodec.snapshot(s))
        .setLinks(0, WireCodec.snapshot(s).getLinks(0).toBuilder().setB(999)).build();
    assertThatThrownBy(() -> WireCodec.state(danglingLink)).isInstanceOf(WireFormatException.class)
        .hasMessageContaining("unknown node 999");
    var hugeCost = io.cuttle.wire.v1.Delta.newBuilder().setVersion(8)
        .setLinkCost(io.cuttle.wire.v1.LinkCostChanged.newBuilder().setLink(L12).setCostAb(-1)).build();
    assertThatThrownBy(() -> WireCodec.delta(LINEAGE, hugeCost)).isInstanceOf(WireFormatException.class)
        .hasMessageContaining("expected an OSPF cost 0..65535, got 4294967295");
  }
}
