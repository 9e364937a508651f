package io.cuttle.controller.topology.file;

import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostics;
import io.cuttle.controller.topology.TopologySpec.PrefixSpec;
import io.cuttle.controller.topology.file.Declarations.DeclaredNode;
import io.cuttle.controller.topology.file.Declarations.Kind;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.Prefix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code prefixes} section: stub networks announced by routers. */
final class PrefixReader {
  private static final Set<String> FIELDS = Set.of("prefix", "router", "cost", "area");

  private final Diagnostics d;
  private final Declarations declared;

  PrefixReader(Diagnostics d, Declarations declared) {
    this.d = d;
    this.declared = declared;
  }

  List<PrefixSpec> prefixes(ConfigNode section) {
    List<PrefixSpec> out = new ArrayList<>();
    Map<String, Integer> firstLine = new HashMap<>();
    for (ConfigNode entry : section.items(d)) {
      if (!entry.isMap()) {
        d.expected(entry, "a prefix mapping with prefix and router");
        continue;
      }
      entry.allowOnly(d, FIELDS);
      Optional<Prefix> prefix = Values.prefix(entry.get("prefix"), d);
      Optional<String> router = Values.name(entry.get("router"), d);
      Optional<DeclaredNode> node =
          router.flatMap(r -> declared.reference(d, entry.get("router"), r, Set.of(Kind.ROUTER)));
      int cost = entry.get("cost").intIn(d, 0, Link.MAX_COST, 0);
      String area = AreaRule.resolve(entry.get("area"), d, node.stream().toList());
      if (prefix.isEmpty() || router.isEmpty()) {
        continue;
      }
      String key = prefix.get() + " " + router.get();
      Integer first = firstLine.putIfAbsent(key, entry.location().line());
      if (first != null) {
        d.error(entry.get("prefix"), "duplicate prefix " + prefix.get() + ": already announced by '"
            + router.get() + "' at line " + first);
        continue;
      }
      out.add(new PrefixSpec(prefix.get(), router.get(), cost, area));
    }
    return out;
  }
}
