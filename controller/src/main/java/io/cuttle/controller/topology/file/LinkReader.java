package io.cuttle.controller.topology.file;

import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostics;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.file.Declarations.DeclaredNode;
import io.cuttle.controller.topology.file.Declarations.Kind;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code links} section: ends, OSPF cost (one number or {@code {a-b: N, b-a: M}}),
 * state and area. Declares link names for sites and annotations.
 */
final class LinkReader {
  static final String A_TO_B = "a-b";
  static final String B_TO_A = "b-a";

  private static final Set<String> FIELDS = Set.of("name", "a", "b", "cost", "state", "area");
  private static final Set<String> DIRECTIONS = Set.of(A_TO_B, B_TO_A);
  private static final String COST_SYNTAX = "a cost 0.." + Link.MAX_COST + " or {a-b: N, b-a: M}";
  private static final Set<Kind> ANY_NODE = EnumSet.allOf(Kind.class);

  private final Diagnostics d;
  private final Declarations declared;

  LinkReader(Diagnostics d, Declarations declared) {
    this.d = d;
    this.declared = declared;
  }

  List<LinkSpec> links(ConfigNode section) {
    List<LinkSpec> out = new ArrayList<>();
    for (ConfigNode entry : section.items(d)) {
      if (!entry.isMap()) {
        d.expected(entry, "a link mapping with name, a, b and cost");
        continue;
      }
      entry.allowOnly(d, FIELDS);
      link(entry).ifPresent(out::add);
    }
    return out;
  }

  private Optional<LinkSpec> link(ConfigNode entry) {
    Optional<String> name = Values.name(entry.get("name"), d);
    Optional<String> a = Values.name(entry.get("a"), d);
    Optional<String> b = Values.name(entry.get("b"), d);
    Optional<DeclaredNode> nodeA = a.flatMap(n -> declared.reference(d, entry.get("a"), n, ANY_NODE));
    Optional<DeclaredNode> nodeB = b.flatMap(n -> declared.reference(d, entry.get("b"), n, ANY_NODE));
    if (a.isPresent() && a.equals(b)) {
      d.error(entry.get("b"), "expected a node other than a, got '" + b.get()
          + "' (a link cannot join a node to itself)");
    } else if (isNetwork(nodeA) && isNetwork(nodeB)) {
      d.error(entry.get("b"), "expected a router at one end at least, got transit network '"
          + b.get() + "' (so are both ends)");
    }
    int[] costs = costs(entry.get("cost"), isNetwork(nodeA), isNetwork(nodeB));
    LinkState state = state(entry.get("state"));
    List<DeclaredNode> ends = new ArrayList<>();
    nodeA.ifPresent(ends::add);
    nodeB.ifPresent(ends::add);
    String area = AreaRule.resolve(entry.get("area"), d, ends);
    name.ifPresent(n -> declared.link(d, entry.get("name"), n, a.orElse(""), b.orElse("")));
    if (name.isEmpty() || a.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new LinkSpec(name.get(), a.get(), b.get(), costs[0], costs[1], state, area));
  }

  private static boolean isNetwork(Optional<DeclaredNode> n) {
    return n.map(x -> x.kind() == Kind.NETWORK).orElse(false);
  }

  /**
   * The costs {a->b, b->a}. One number is the cost in both directions, except that leaving a
   * transit network always costs 0.
   */
  private int[] costs(ConfigNode cost, boolean aIsNetwork, boolean bIsNetwork) {
    cost.require(d, COST_SYNTAX);
    if (cost.isMissing()) {
      return new int[] {0, 0};
    }
    if (cost.isList()) {
      d.expected(cost, COST_SYNTAX);
      return new int[] {0, 0};
    }
    if (!cost.isMap()) {
      int c = cost.intIn(d, 0, Link.MAX_COST, 0);
      return new int[] {aIsNetwork ? 0 : c, bIsNetwork ? 0 : c};
    }
    cost.allowOnly(d, DIRECTIONS);
    return new int[] {direction(cost.get(A_TO_B), aIsNetwork), direction(cost.get(B_TO_A), bIsNetwork)};
  }

  private int direction(ConfigNode n, boolean leavesNetwork) {
    n.require(d, "a cost 0.." + Link.MAX_COST);
    int c = n.intIn(d, 0, Link.MAX_COST, 0);
    if (leavesNetwork && c != 0) {
      d.error(n, "expected 0 (leaving a transit network costs nothing), got '" + c + "'");
      return 0;
    }
    return c;
  }

  private LinkState state(ConfigNode n) {
    String s = n.string(d, "up");
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "up" -> LinkState.UP;
      case "down" -> LinkState.DOWN;
      default -> {
        d.expected(n, "up or down");
        yield LinkState.UP;
      }
    };
  }
}
