package io.cuttle.netstate;

import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Node;
import io.cuttle.netstate.model.Prefix;
import io.cuttle.netstate.model.Router;
import io.cuttle.netstate.model.Site;
import io.cuttle.netstate.model.StubPrefix;
import io.cuttle.netstate.model.TransitNetwork;
import io.cuttle.netstate.model.Uplink;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Optional;
import java.util.Set;

/**
 * A small network used across tests:
 *
 * <pre>
 *   campus 10.1.0.0/16                          branch 10.2.0.0/16
 *   h1 10.1.1.0/24 - R1 ==(1: r1-r2, 10)== R2 ==(3: r2-r4, 10)== R4 - 10.2.1.0/24
 *                     \\==(2: r1-r3, 10)== R3 ==(4: r3-r4, 10)==//
 *   R1 also sits on LAN 10.1.0.0/24 (id 20) with R5 (cost 5 each way into the LAN);
 *   R5 announces 10.9.0.0/24 (cost 1). Uplinks of campus: r1-r2 and r1-r3 (inside end R1).
 * </pre>
 */
public final class Fixtures {
  public static final Lineage LINEAGE = new Lineage(42, Instant.parse("2026-01-01T00:00:00Z"));
  public static final int R1 = 1, R2 = 2, R3 = 3, R4 = 4, R5 = 5, LAN = 20;
  public static final int L12 = 11, L13 = 12, L24 = 13, L34 = 14, L1LAN = 15, L5LAN = 16;
  public static final int P_H1 = 31, P_BRANCH = 32, P_R5 = 33;

  private Fixtures() {}

  public static NetworkState diamond() {
    List<Node> nodes = List.of(
        router(R1), router(R2), router(R3), router(R4), router(R5),
        new TransitNetwork(LAN, "lan", Prefix.parse("10.1.0.0/24"), "0.0.0.0"));
    List<Link> links = List.of(
        link(L12, R1, R2, 10, 10), link(L13, R1, R3, 10, 10),
        link(L24, R2, R4, 10, 10), link(L34, R3, R4, 10, 10),
        new Link(L1LAN, "r1-lan", R1, LAN, 5, 0, LinkState.UP, "0.0.0.0"),
        new Link(L5LAN, "r5-lan", R5, LAN, 5, 0, LinkState.UP, "0.0.0.0"));
    List<StubPrefix> prefixes = List.of(
        new StubPrefix(P_H1, Prefix.parse("10.1.1.0/24"), R1, 1, "0.0.0.0"),
        new StubPrefix(P_BRANCH, Prefix.parse("10.2.1.0/24"), R4, 1, "0.0.0.0"),
        new StubPrefix(P_R5, Prefix.parse("10.9.0.0/24"), R5, 1, "0.0.0.0"));
    List<Site> sites = List.of(
        new Site("campus", Set.of(Prefix.parse("10.1.0.0/16")), List.of(new Uplink(L12, R1), new Uplink(L13, R1))),
        new Site("branch", Set.of(Prefix.parse("10.2.0.0/16")), List.of(new Uplink(L24, R4), new Uplink(L34, R4))));
    Map<Integer, LinkAnnotation> ann = Map.of(
        L12, new LinkAnnotation(OptionalLong.of(100_000_000), OptionalLong.of(30_000_000), OptionalLong.of(5_000_000),
            OptionalLong.empty(), Set.of(), Map.of(), Optional.of(LINEAGE.epoch())),
        L13, new LinkAnnotation(OptionalLong.of(50_000_000), OptionalLong.of(10_000_000), OptionalLong.of(1_000_000),
            OptionalLong.of(20_000), Set.of("backup", "metered"), Map.of("errors", 3.0), Optional.of(LINEAGE.epoch())));
    return NetworkState.of(LINEAGE, 7, LINEAGE.epoch().plusSeconds(1), nodes, links, prefixes, sites, ann);
  }

  public static Router router(int id) {
    return new Router(id, "r" + id, 0x0a000000 + id, Set.of("0.0.0.0"));
  }

  public static Link link(int id, int a, int b, int costAb, int costBa) {
    return new Link(id, "r" + a + "-r" + b, a, b, costAb, costBa, LinkState.UP, "0.0.0.0");
  }
}
