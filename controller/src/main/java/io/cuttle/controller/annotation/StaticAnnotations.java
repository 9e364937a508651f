package io.cuttle.controller.annotation;

import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.RouterSpec;
import io.cuttle.controller.topology.TopologySpec.SiteSpec;
import io.cuttle.controller.topology.TopologySpec.UplinkSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The static link rules and sites of the controller configuration. Resolving them against a spec
 * says which links each rule hits; rules that hit nothing and uplinks that cannot be placed are
 * reported as unresolved (the topology may simply not have learnt those links yet) and left out.
 */
public record StaticAnnotations(List<LinkRule> links, List<SiteRule> sites) {
  public static final StaticAnnotations NONE = new StaticAnnotations(List.of(), List.of());

  public StaticAnnotations {
    links = List.copyOf(links);
    sites = List.copyOf(sites);
  }

  /**
   * The rules as they apply to one spec.
   *
   * @param rulesByLink the rules hitting each link, in configuration order (later rules win)
   * @param sites       the declared sites with their uplinks resolved to link and node names
   * @param unresolved  one message per rule or uplink that could not be applied
   */
  public record Resolved(Map<String, List<LinkRule>> rulesByLink, List<SiteSpec> sites, List<String> unresolved) {
    public Resolved {
      rulesByLink = Collections.unmodifiableMap(new LinkedHashMap<>(rulesByLink));
      sites = List.copyOf(sites);
      unresolved = List.copyOf(unresolved);
    }
  }

  public Resolved resolve(TopologySpec spec) {
    Map<String, List<LinkRule>> byLink = new LinkedHashMap<>();
    List<String> unresolved = new ArrayList<>();
    for (LinkRule r : links) {
      List<String> hit = r.selector().resolve(spec);
      if (hit.isEmpty()) {
        unresolved.add(r.where() + ": " + r.selector().describe() + " matches no link of the topology");
      }
      hit.forEach(l -> byLink.computeIfAbsent(l, k -> new ArrayList<>()).add(r));
    }
    List<SiteSpec> out = new ArrayList<>();
    for (SiteRule s : sites) {
      List<UplinkSpec> uplinks = new ArrayList<>();
      for (SiteRule.Uplink u : s.uplinks()) {
        uplink(spec, u).ifPresentOrElse(uplinks::add, () -> unresolved.add(u.where() + ": site '" + s.name()
            + "': uplink " + u.selector().describe() + " inside '" + u.inside() + "': " + why(spec, u)));
      }
      out.add(new SiteSpec(s.name(), s.prefixes(), uplinks));
    }
    return new Resolved(byLink, out, unresolved);
  }

  private static Optional<UplinkSpec> uplink(TopologySpec spec, SiteRule.Uplink u) {
    List<String> hit = u.selector().resolve(spec);
    if (hit.size() != 1) {
      return Optional.empty();
    }
    LinkSpec link = spec.links().stream().filter(l -> l.name().equals(hit.get(0))).findFirst().orElseThrow();
    return node(spec, u.inside()).filter(n -> n.equals(link.a()) || n.equals(link.b()))
        .map(n -> new UplinkSpec(link.name(), n));
  }

  private static String why(TopologySpec spec, SiteRule.Uplink u) {
    List<String> hit = u.selector().resolve(spec);
    if (hit.size() != 1) {
      return "expected exactly one link, got " + hit.size() + (hit.isEmpty() ? "" : " " + hit);
    }
    if (node(spec, u.inside()).isEmpty()) {
      return "no router named or with router id '" + u.inside() + "'";
    }
    return "'" + u.inside() + "' is not an end of link '" + hit.get(0) + "'";
  }

  /** A node name, or the name of the router whose router id is {@code ref}. */
  static Optional<String> node(TopologySpec spec, String ref) {
    Map<String, String> byId = new HashMap<>();
    for (RouterSpec r : spec.routers()) {
      if (r.name().equals(ref)) {
        return Optional.of(r.name());
      }
      byId.put(LinkSelector.ByRouterIds.dotted(r.routerId()), r.name());
    }
    if (spec.networks().stream().anyMatch(n -> n.name().equals(ref))) {
      return Optional.of(ref);
    }
    return Optional.ofNullable(byId.get(ref));
  }
}
