package io.cuttle.controller.topology.file;

import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostics;
import io.cuttle.controller.topology.TopologySpec.NetworkSpec;
import io.cuttle.controller.topology.TopologySpec.RouterSpec;
import io.cuttle.controller.topology.file.Declarations.Kind;
import io.cuttle.netstate.model.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads the {@code routers} and {@code networks} sections and declares their names. */
final class NodeReader {
  private static final Set<String> ROUTER_FIELDS = Set.of("name", "router-id", "areas");
  private static final Set<String> NETWORK_FIELDS = Set.of("name", "prefix", "area");

  private final Diagnostics d;
  private final Declarations declared;

  NodeReader(Diagnostics d, Declarations declared) {
    this.d = d;
    this.declared = declared;
  }

  List<RouterSpec> routers(ConfigNode section) {
    List<RouterSpec> out = new ArrayList<>();
    for (ConfigNode entry : section.items(d)) {
      if (!entry.isMap()) {
        d.expected(entry, "a router mapping with name, router-id and areas");
        continue;
      }
      entry.allowOnly(d, ROUTER_FIELDS);
      Optional<String> name = Values.name(entry.get("name"), d);
      Optional<Integer> routerId = Values.routerId(entry.get("router-id"), d);
      Set<String> areas = areas(entry.get("areas"));
      name.ifPresent(n -> declared.node(d, entry.get("name"), n, Kind.ROUTER, areas));
      routerId.ifPresent(id -> declared.routerId(d, entry.get("router-id"), id, name.orElse("(unnamed)")));
      if (name.isPresent() && routerId.isPresent()) {
        out.add(new RouterSpec(name.get(), routerId.get(), areas));
      }
    }
    return out;
  }

  private Set<String> areas(ConfigNode n) {
    if (n.isMissing()) {
      return Set.of(Values.BACKBONE);
    }
    Set<String> out = new TreeSet<>();
    if (n.isList()) {
      List<ConfigNode> items = n.items(d);
      if (items.isEmpty()) {
        d.error(n, "expected at least one area, got an empty list");
      }
      for (ConfigNode item : items) {
        Values.area(item, d).ifPresent(a -> {
          if (!out.add(a)) {
            d.error(item, "duplicate area " + a);
          }
        });
      }
    } else {
      Values.area(n, d).ifPresent(out::add);
    }
    return out;
  }

  List<NetworkSpec> networks(ConfigNode section) {
    List<NetworkSpec> out = new ArrayList<>();
    for (ConfigNode entry : section.items(d)) {
      if (!entry.isMap()) {
        d.expected(entry, "a transit network mapping with name, prefix and area");
        continue;
      }
      entry.allowOnly(d, NETWORK_FIELDS);
      Optional<String> name = Values.name(entry.get("name"), d);
      Optional<Prefix> prefix = Values.prefix(entry.get("prefix"), d);
      String area = Values.area(entry.get("area"), d).orElse(Values.BACKBONE);
      name.ifPresent(n -> declared.node(d, entry.get("name"), n, Kind.NETWORK, Set.of(area)));
      if (name.isPresent() && prefix.isPresent()) {
        out.add(new NetworkSpec(name.get(), prefix.get(), area));
      }
    }
    return out;
  }
}
