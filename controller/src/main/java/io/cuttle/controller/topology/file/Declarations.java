package io.cuttle.controller.topology.file;

import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostics;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The names declared so far in one topology file, with where each was first declared, so that
 * later sections can check references and duplicates are reported with both lines.
 */
final class Declarations {
  enum Kind {
    ROUTER("router"),
    NETWORK("transit network");

    final String text;

    Kind(String text) {
      this.text = text;
    }
  }

  /** A router or transit network: its kind and the areas it is in. */
  record DeclaredNode(String name, Kind kind, Set<String> areas, int line) {}

  private record DeclaredId(String router, int line) {}

  /** A link and the names of its ends. */
  record DeclaredLink(String name, String a, String b, int line) {}

  private final Map<String, DeclaredNode> nodes = new HashMap<>();
  private final Map<String, DeclaredLink> links = new HashMap<>();
  private final Map<Integer, DeclaredId> routerIds = new HashMap<>();
  private final Map<String, Integer> sites = new HashMap<>();

  /** Declares a node; a name already taken by a router or network is reported at {@code at}. */
  void node(Diagnostics d, ConfigNode at, String name, Kind kind, Set<String> areas) {
    DeclaredNode first = nodes.putIfAbsent(name, new DeclaredNode(name, kind, areas, line(at)));
    if (first != null) {
      d.error(at, "duplicate node name '" + name + "': already a " + first.kind().text
          + " at line " + first.line() + "; routers and transit networks share one namespace");
    }
  }

  /** Declares a router id; a duplicate is reported at {@code at}. */
  void routerId(Diagnostics d, ConfigNode at, int routerId, String router) {
    DeclaredId first = routerIds.putIfAbsent(routerId, new DeclaredId(router, line(at)));
    if (first != null) {
      d.error(at, "duplicate router id " + Values.dottedQuad(routerId) + ": already the id of router '"
          + first.router() + "' at line " + first.line());
    }
  }

  void link(Diagnostics d, ConfigNode at, String name, String a, String b) {
    DeclaredLink first = links.putIfAbsent(name, new DeclaredLink(name, a, b, line(at)));
    if (first != null) {
      d.error(at, "duplicate link name '" + name + "' (first at line " + first.line() + ")");
    }
  }

  void site(Diagnostics d, ConfigNode at, String name) {
    Integer first = sites.putIfAbsent(name, line(at));
    if (first != null) {
      d.error(at, "duplicate site name '" + name + "' (first at line " + first + ")");
    }
  }

  Optional<DeclaredNode> node(String name) {
    return Optional.ofNullable(nodes.get(name));
  }

  Optional<DeclaredLink> link(String name) {
    return Optional.ofNullable(links.get(name));
  }

  /**
   * The node {@code at} names, if it is declared with one of {@code kinds}; otherwise records
   * "expected the name of a router..., got 'x'" and returns empty.
   */
  Optional<DeclaredNode> reference(Diagnostics d, ConfigNode at, String name, Set<Kind> kinds) {
    DeclaredNode n = nodes.get(name);
    String expected = kinds.size() == 1 ? "the name of a " + kinds.iterator().next().text
        : "the name of a router or transit network";
    if (n == null) {
      d.error(at, "expected " + expected + ", got '" + name + "' (no such node is declared)");
      return Optional.empty();
    }
    if (!kinds.contains(n.kind())) {
      d.error(at, "expected " + expected + ", got '" + name + "' (a " + n.kind().text + ")");
      return Optional.empty();
    }
    return Optional.of(n);
  }

  /** The link {@code at} names, or empty after recording "expected the name of a link". */
  Optional<DeclaredLink> linkReference(Diagnostics d, ConfigNode at, String name) {
    DeclaredLink l = links.get(name);
    if (l == null) {
      d.error(at, "expected the name of a link, got '" + name + "' (no such link is declared)");
    }
    return Optional.ofNullable(l);
  }

  private static int line(ConfigNode at) {
    return at.location().line();
  }
}
