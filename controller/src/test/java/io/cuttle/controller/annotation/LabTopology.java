package io.cuttle.controller.annotation;

import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.InterfaceSpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.RouterSpec;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.Prefix;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Specs shaped like what the OSPF provider delivers: routers, links and interface addresses. */
final class LabTopology {
  static final String AREA = "0.0.0.0";
  static final int R1_ID = 0x0affff01;
  static final int R2_ID = 0x0affff02;
  static final int R3_ID = 0x0affff03;

  private LabTopology() {}

  /** r1 -- r2 over link "r1-r2" with the lab's link addresses. */
  static TopologySpec twoRouters() {
    return new TopologySpec(
        List.of(router("r1", R1_ID), router("r2", R2_ID)), List.of(),
        List.of(new LinkSpec("r1-r2", "r1", "r2", 10, 10, LinkState.UP, AREA)), List.of(), List.of(), Map.of(),
        Map.of(SnmpLab.LINK_R1, new InterfaceSpec("r1-r2", "r1"), SnmpLab.LINK_R2, new InterfaceSpec("r1-r2", "r2")));
  }

  /** A triangle r1, r2, r3 with links r1-r2 (10.0.12.0/30), r2-r3 (10.0.23.0/30), r1-r3 (10.0.13.0/30). */
  static TopologySpec triangle() {
    return new TopologySpec(
        List.of(router("r1", R1_ID), router("r2", R2_ID), router("r3", R3_ID)), List.of(),
        List.of(link("r1-r2", "r1", "r2"), link("r2-r3", "r2", "r3"), link("r1-r3", "r1", "r3")),
        List.of(), List.of(), Map.of(),
        Map.of(ip("10.0.12.1"), new InterfaceSpec("r1-r2", "r1"), ip("10.0.12.2"), new InterfaceSpec("r1-r2", "r2"),
            ip("10.0.23.1"), new InterfaceSpec("r2-r3", "r2"), ip("10.0.23.2"), new InterfaceSpec("r2-r3", "r3"),
            ip("10.0.13.1"), new InterfaceSpec("r1-r3", "r1"), ip("10.0.13.2"), new InterfaceSpec("r1-r3", "r3")));
  }

  static InetAddress ip(String text) {
    return Prefix.parseAddress(text);
  }

  private static RouterSpec router(String name, int id) {
    return new RouterSpec(name, id, Set.of(AREA));
  }

  private static LinkSpec link(String name, String a, String b) {
    return new LinkSpec(name, a, b, 10, 10, LinkState.UP, AREA);
  }
}
