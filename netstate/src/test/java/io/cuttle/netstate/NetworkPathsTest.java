package io.cuttle.netstate;

import static io.cuttle.netstate.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Prefix;
import io.cuttle.netstate.path.Endpoint;
import io.cuttle.netstate.path.Hop;
import io.cuttle.netstate.path.PathCrossing;
import io.cuttle.netstate.path.PathSet;
import io.cuttle.netstate.path.SiteLoad;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class NetworkPathsTest {
  private final NetworkState s = Fixtures.diamond();

  private static InetAddress ip(String a) {
    return Prefix.parseAddress(a);
  }

  private NetworkState with(NetworkState st, TopologyEvent e) {
    return st.apply(new Delta(st.version() + 1, st.at(), e));
  }

  @Test
  void equalCostPathsAreAllReturned() {
    PathSet p = s.paths().between(ip("10.1.1.5"), ip("10.2.1.9"));
    // h1 -> R1 (0) -> R2|R3 (10) -> R4 (10) -> stub (1)
    assertThat(p.cost()).isEqualTo(21);
    assertThat(p.paths()).hasSize(2);
    assertThat(p.paths()).anySatisfy(path -> assertThat(path.hops()).containsExactly(
        new Hop(L12, R1, R2), new Hop(L24, R2, R4)));
    assertThat(p.crossing(L12)).isEqualTo(PathCrossing.SOME);
    assertThat(p.crossing(L1LAN)).isEqualTo(PathCrossing.NONE);
  }

  @Test
  void costChangeAndLinkDownMovePaths() {
    NetworkState costly = with(s, new TopologyEvent.LinkCostChanged(L13, 50, 50));
    PathSet p = costly.paths().between(ip("10.1.1.5"), ip("10.2.1.9"));
    assertThat(p.paths()).hasSize(1);
    assertThat(p.crossing(L12)).isEqualTo(PathCrossing.ALL);
    assertThat(p.crossing(L13)).isEqualTo(PathCrossing.NONE);

    NetworkState down = with(costly, new TopologyEvent.LinkStateChanged(L12, LinkState.DOWN));
    PathSet q = down.paths().between(ip("10.1.1.5"), ip("10.2.1.9"));
    assertThat(q.cost()).isEqualTo(0 + 50 + 10 + 1);
    assertThat(q.crossing(L13)).isEqualTo(PathCrossing.ALL);
  }

  @Test
  void costsAreDirectional() {
    NetworkState asym = with(s, new TopologyEvent.LinkCostChanged(L12, 1, 100));
    assertThat(asym.paths().between(ip("10.1.1.5"), ip("10.2.1.9")).crossing(L12)).isEqualTo(PathCrossing.ALL);
    // The way back avoids r2->r1 (cost 100) and takes r3->r1.
    PathSet back = asym.paths().between(ip("10.2.1.9"), ip("10.1.1.5"));
    assertThat(back.crossing(L12)).isEqualTo(PathCrossing.NONE);
    assertThat(back.cost()).isEqualTo(10 + 10 + 1);
  }

  @Test
  void transitNetworkIsCrossedAndLeavingItIsFree() {
    PathSet p = s.paths().between(ip("10.1.1.5"), ip("10.9.0.7"));
    // R1 -> LAN (5) -> R5 (0) -> stub (1)
    assertThat(p.cost()).isEqualTo(6);
    assertThat(p.paths().get(0).hops()).containsExactly(new Hop(L1LAN, R1, LAN), new Hop(L5LAN, LAN, R5));
    // A host on the LAN itself starts at the network node.
    PathSet fromLan = s.paths().between(ip("10.1.0.20"), ip("10.9.0.7"));
    assertThat(fromLan.cost()).isEqualTo(1);
  }

  @Test
  void stubPrefixesAreNeverTransit() {
    // Announce h1's prefix also from R4: R1 -> h1 -> R4 must not become a shortcut.
    NetworkState dual = with(s, new TopologyEvent.PrefixAdded(
        new io.cuttle.netstate.model.StubPrefix(40, Prefix.parse("10.1.1.0/24"), R4, 0, "0.0.0.0")));
    PathSet p = dual.paths().fromNode(R1, Endpoint.stub(P_BRANCH));
    assertThat(p.cost()).isEqualTo(21);
  }

  @Test
  void pathToSiteAndUnreachable() {
    Endpoint h1 = s.paths().endpointOf(ip("10.1.1.5")).orElseThrow();
    PathSet toBranch = s.paths().toSite(h1, "branch");
    assertThat(toBranch.cost()).isEqualTo(21);
    assertThat(s.paths().toSite(h1, "nowhere").crossing(L12)).isEqualTo(PathCrossing.UNREACHABLE);
    assertThat(s.paths().endpointOf(ip("192.0.2.1"))).isEmpty();
    assertThat(s.paths().between(ip("192.0.2.1"), ip("10.1.1.5")).reachable()).isFalse();

    NetworkState cut = with(with(s, new TopologyEvent.LinkStateChanged(L24, LinkState.DOWN)),
        new TopologyEvent.LinkStateChanged(L34, LinkState.DOWN));
    assertThat(cut.paths().toSite(h1, "branch").crossing(L12)).isEqualTo(PathCrossing.UNREACHABLE);
  }

  @Test
  void siteUpstreamLoadSumsUplinksInTheOutwardDirection() {
    SiteLoad campus = s.paths().siteLoad("campus").orElseThrow();
    assertThat(campus.upstreamBps()).isEqualTo(40_000_000);
    assertThat(campus.downstreamBps()).isEqualTo(6_000_000);
    assertThat(campus.capacityBps()).isEqualTo(150_000_000);
    assertThat(campus.upstreamUtilisation()).hasValueCloseTo(40.0 / 150, org.assertj.core.data.Offset.offset(1e-9));
    // Branch's uplinks have R4 inside: its upstream is the b->a direction, unmeasured here.
    SiteLoad branch = s.paths().siteLoad("branch").orElseThrow();
    assertThat(branch.unmeasured()).isEqualTo(2);
    assertThat(branch.upstreamUtilisation()).isEmpty();

    NetworkState down = with(s, new TopologyEvent.LinkStateChanged(L13, LinkState.DOWN));
    SiteLoad degraded = down.paths().siteLoad("campus").orElseThrow();
    assertThat(degraded.uplinksUp()).isEqualTo(1);
    assertThat(degraded.upstreamBps()).isEqualTo(30_000_000);
    assertThat(s.paths().siteOf(ip("10.2.9.9")).orElseThrow().name()).isEqualTo("branch");
  }
}
