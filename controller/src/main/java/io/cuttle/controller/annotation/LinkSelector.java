package io.cuttle.controller.annotation;

import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.InterfaceSpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.RouterSpec;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Picks links of a topology whose names the operator may not know in advance (a topology learnt
 * from OSPF): by link name, by the router ids of its two ends, or by the address of one of its
 * router interfaces.
 */
public sealed interface LinkSelector {
  /** The names of the matching links of {@code spec}, in spec order; empty if none matches. */
  List<String> resolve(TopologySpec spec);

  /** How the selector reads in the configuration, for messages. */
  String describe();

  /** The link with this name. */
  record ByName(String name) implements LinkSelector {
    public ByName {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public List<String> resolve(TopologySpec spec) {
      return spec.links().stream().map(LinkSpec::name).filter(name::equals).toList();
    }

    @Override
    public String describe() {
      return "link " + name;
    }
  }

  /** Every link joining the routers with these two router ids (in either order). */
  record ByRouterIds(int first, int second) implements LinkSelector {
    @Override
    public List<String> resolve(TopologySpec spec) {
      Map<String, Integer> ids = new HashMap<>();
      for (RouterSpec r : spec.routers()) {
        ids.put(r.name(), r.routerId());
      }
      return spec.links().stream().filter(l -> {
        Integer a = ids.get(l.a());
        Integer b = ids.get(l.b());
        return a != null && b != null
            && ((a == first && b == second) || (a == second && b == first));
      }).map(LinkSpec::name).toList();
    }

    @Override
    public String describe() {
      return "routers [" + dotted(first) + ", " + dotted(second) + "]";
    }

    static String dotted(int id) {
      return ((id >>> 24) & 0xff) + "." + ((id >>> 16) & 0xff) + "." + ((id >>> 8) & 0xff) + "." + (id & 0xff);
    }
  }

  /** The link a router interface with this address sits on. */
  record ByInterface(InetAddress address) implements LinkSelector {
    public ByInterface {
      Objects.requireNonNull(address, "address");
    }

    @Override
    public List<String> resolve(TopologySpec spec) {
      InterfaceSpec i = spec.interfaces().get(address);
      return i == null ? List.of() : List.of(i.link());
    }

    @Override
    public String describe() {
      return "interface " + address.getHostAddress();
    }
  }
}
