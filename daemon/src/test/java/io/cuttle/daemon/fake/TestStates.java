package io.cuttle.daemon.fake;

import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.AnnotationPatch;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Prefix;
import io.cuttle.netstate.model.Router;
import io.cuttle.netstate.model.Site;
import io.cuttle.netstate.model.StubPrefix;
import io.cuttle.netstate.model.TransitNetwork;
import io.cuttle.netstate.model.Uplink;
import io.cuttle.netstate.wire.WireCodec;
import io.cuttle.wire.v1.DeltaBatch;
import io.cuttle.wire.v1.Heartbeat;
import io.cuttle.wire.v1.StateMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A small office network at version 5: routers r1 and r2 and the ISP's edge {@code isp}, a LAN
 * (transit network) between r1 and r2, a backbone link r1-r2, the site {@code hq} with one
 * uplink r2 -> isp (measured at 120 Mbit/s up, 80 down, of 1 Gbit/s), and a stub prefix on r1.
 */
public final class TestStates {
  public static final Lineage LINEAGE = new Lineage(0xC0FFEEL, Instant.parse("2026-01-01T00:00:00Z"));
  public static final int R1 = 1;
  public static final int R2 = 2;
  public static final int ISP = 3;
  public static final int LAN = 4;
  public static final int BACKBONE = 10;
  public static final int UPLINK = 11;
  public static final int LAN_R1 = 12;
  public static final int LAN_R2 = 13;
  public static final int STUB = 20;

  private TestStates() {}

  public static NetworkState office() {
    Instant at = LINEAGE.epoch().plusSeconds(5);
    return NetworkState.of(LINEAGE, 5, at,
        List.of(new Router(R1, "r1", Router.parseRouterId("10.0.0.1"), Set.of("0")),
            new Router(R2, "r2", Router.parseRouterId("10.0.0.2"), Set.of("0")),
            new Router(ISP, "isp", Router.parseRouterId("192.0.2.1"), Set.of("0")),
            new TransitNetwork(LAN, "lan", Prefix.parse("10.9.0.0/24"), "0")),
        List.of(new Link(BACKBONE, "r1-r2", R1, R2, 10, 10, LinkState.UP, "0"),
            new Link(UPLINK, "r2-isp", R2, ISP, 5, 7, LinkState.UP, "0"),
            new Link(LAN_R1, "lan-r1", LAN, R1, 0, 1, LinkState.UP, "0"),
            new Link(LAN_R2, "lan-r2", LAN, R2, 0, 1, LinkState.UP, "0")),
        List.of(new StubPrefix(STUB, Prefix.parse("10.1.0.0/24"), R1, 1, "0")),
        List.of(new Site("hq", Set.of(Prefix.parse("10.1.0.0/16")), List.of(new Uplink(UPLINK, R2)))),
        Map.of(UPLINK, new LinkAnnotation(OptionalLong.of(1_000_000_000L), OptionalLong.of(120_000_000L),
            OptionalLong.of(80_000_000L), OptionalLong.of(25_000L), Set.of("metered"), Map.of("drops", 3.0),
            Optional.of(at))));
  }

  /** Version 6: the backbone's cost goes up. */
  public static Delta costUp() {
    return new Delta(6, LINEAGE.epoch().plusSeconds(6), new TopologyEvent.LinkCostChanged(BACKBONE, 50, 50));
  }

  /** Version 7: the backbone goes down. */
  public static Delta backboneDown() {
    return new Delta(7, LINEAGE.epoch().plusSeconds(7), new TopologyEvent.LinkStateChanged(BACKBONE, LinkState.DOWN));
  }

  /** Version 8: new uplink loads. */
  public static Delta loads() {
    return new Delta(8, LINEAGE.epoch().plusSeconds(8), new TopologyEvent.AnnotationsUpdated(
        LINEAGE.epoch().plusSeconds(8), List.of(AnnotationPatch.loads(UPLINK, 300_000_000L, 10_000_000L))));
  }

  public static StateMessage snapshot(NetworkState state) {
    return StateMessage.newBuilder().setSnapshot(WireCodec.snapshot(state)).build();
  }

  public static StateMessage deltas(Delta... deltas) {
    DeltaBatch.Builder b = DeltaBatch.newBuilder();
    for (Delta d : deltas) {
      b.addDelta(WireCodec.delta(LINEAGE, d));
    }
    return StateMessage.newBuilder().setDeltas(b).build();
  }

  public static StateMessage heartbeat(long version) {
    return StateMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setVersion(version)).build();
  }
}
