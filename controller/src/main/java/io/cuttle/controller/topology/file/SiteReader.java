package io.cuttle.controller.topology.file;

import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostics;
import io.cuttle.controller.topology.TopologySpec.SiteSpec;
import io.cuttle.controller.topology.TopologySpec.UplinkSpec;
import io.cuttle.controller.topology.file.Declarations.DeclaredLink;
import io.cuttle.netstate.model.Prefix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads the {@code sites} section: named prefix sets and the uplinks that leave them. */
final class SiteReader {
  private static final Set<String> FIELDS = Set.of("name", "prefixes", "uplinks");
  private static final Set<String> UPLINK_FIELDS = Set.of("link", "inside");

  private final Diagnostics d;
  private final Declarations declared;

  SiteReader(Diagnostics d, Declarations declared) {
    this.d = d;
    this.declared = declared;
  }

  List<SiteSpec> sites(ConfigNode section) {
    List<SiteSpec> out = new ArrayList<>();
    for (ConfigNode entry : section.items(d)) {
      if (!entry.isMap()) {
        d.expected(entry, "a site mapping with name, prefixes and uplinks");
        continue;
      }
      entry.allowOnly(d, FIELDS);
      Optional<String> name = Values.name(entry.get("name"), d);
      name.ifPresent(n -> declared.site(d, entry.get("name"), n));
      Set<Prefix> prefixes = prefixes(entry.get("prefixes"));
      List<UplinkSpec> uplinks = uplinks(entry.get("uplinks"));
      name.ifPresent(n -> out.add(new SiteSpec(n, prefixes, uplinks)));
    }
    return out;
  }

  private Set<Prefix> prefixes(ConfigNode list) {
    Set<Prefix> out = new TreeSet<>();
    for (ConfigNode item : list.items(d)) {
      Values.prefix(item, d).ifPresent(p -> {
        if (!out.add(p)) {
          d.error(item, "duplicate prefix " + p + " in this site");
        }
      });
    }
    return out;
  }

  private List<UplinkSpec> uplinks(ConfigNode list) {
    List<UplinkSpec> out = new ArrayList<>();
    Map<String, Integer> firstLine = new HashMap<>();
    for (ConfigNode item : list.items(d)) {
      if (!item.isMap()) {
        d.expected(item, "an uplink mapping like {link: wan1, inside: edge1}");
        continue;
      }
      item.allowOnly(d, UPLINK_FIELDS);
      Optional<String> link = Values.name(item.get("link"), d);
      Optional<String> inside = Values.name(item.get("inside"), d);
      Optional<DeclaredLink> declaredLink = link.flatMap(l -> declared.linkReference(d, item.get("link"), l));
      if (declaredLink.isPresent() && inside.isPresent()) {
        DeclaredLink l = declaredLink.get();
        if (!inside.get().equals(l.a()) && !inside.get().equals(l.b())) {
          d.error(item.get("inside"), "expected an end of link '" + l.name() + "' ('" + l.a() + "' or '"
              + l.b() + "'), got '" + inside.get() + "'");
          continue;
        }
      }
      if (link.isEmpty() || inside.isEmpty()) {
        continue;
      }
      Integer first = firstLine.putIfAbsent(link.get(), item.location().line());
      if (first != null) {
        d.error(item.get("link"), "duplicate uplink '" + link.get() + "' (first at line " + first + ")");
        continue;
      }
      out.add(new UplinkSpec(link.get(), inside.get()));
    }
    return out;
  }
}
