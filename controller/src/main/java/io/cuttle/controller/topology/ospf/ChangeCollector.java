package io.cuttle.controller.topology.ospf;

import io.cuttle.controller.topology.SpecChange;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.NetworkSpec;
import io.cuttle.controller.topology.TopologySpec.PrefixSpec;
import io.cuttle.controller.topology.TopologySpec.RouterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sorts the parts a change touched, each as it was and as it is (null: absent), into a {@link
 * SpecChange}: cost changes, and what appeared, disappeared or changed otherwise.
 */
final class ChangeCollector {
  private final List<LinkSpec> costLinks = new ArrayList<>();
  private final List<PrefixSpec> costPrefixes = new ArrayList<>();
  private final List<RouterSpec> routersUpserted = new ArrayList<>();
  private final List<String> routersRemoved = new ArrayList<>();
  private final List<NetworkSpec> networksUpserted = new ArrayList<>();
  private final List<String> networksRemoved = new ArrayList<>();
  private final List<LinkSpec> linksAdded = new ArrayList<>();
  private final List<String> linksRemoved = new ArrayList<>();
  private final List<PrefixSpec> prefixesAdded = new ArrayList<>();
  private final List<PrefixSpec> prefixesRemoved = new ArrayList<>();
  boolean routersChanged;
  boolean networksChanged;
  boolean linksChanged;
  boolean prefixesChanged;

  void link(LinkSpec was, LinkSpec now) {
    if (Objects.equals(was, now)) {
      return;
    }
    linksChanged = true;
    if (was != null && now != null && sameButCosts(was, now)) {
      costLinks.add(now);
      return;
    }
    if (was != null) {
      linksRemoved.add(was.name());
    }
    if (now != null) {
      linksAdded.add(now);
    }
  }

  private static boolean sameButCosts(LinkSpec x, LinkSpec y) {
    return x.a().equals(y.a()) && x.b().equals(y.b()) && x.state() == y.state() && x.area().equals(y.area());
  }

  void prefix(PrefixSpec was, PrefixSpec now) {
    if (Objects.equals(was, now)) {
      return;
    }
    prefixesChanged = true;
    if (was != null && now != null && was.area().equals(now.area())) {
      costPrefixes.add(now);
      return;
    }
    if (was != null) {
      prefixesRemoved.add(was);
    }
    if (now != null) {
      prefixesAdded.add(now);
    }
  }

  void router(RouterSpec was, RouterSpec now) {
    if (Objects.equals(was, now)) {
      return;
    }
    routersChanged = true;
    if (now == null) {
      routersRemoved.add(was.name());
    } else {
      routersUpserted.add(now);
    }
  }

  void network(NetworkSpec was, NetworkSpec now) {
    if (Objects.equals(was, now)) {
      return;
    }
    networksChanged = true;
    if (now == null) {
      networksRemoved.add(was.name());
    } else {
      networksUpserted.add(now);
    }
  }

  boolean isEmpty() {
    return !routersChanged && !networksChanged && !linksChanged && !prefixesChanged;
  }

  SpecChange change(TopologySpec base) {
    return new SpecChange(base, costLinks, costPrefixes, new SpecChange.Structure(routersUpserted, routersRemoved,
        networksUpserted, networksRemoved, linksAdded, linksRemoved, prefixesAdded, prefixesRemoved));
  }
}
