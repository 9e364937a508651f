package io.cuttle.policy.api;

import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.path.Hop;
import io.cuttle.netstate.path.Path;
import io.cuttle.netstate.path.PathSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/** The equal-cost shortest paths from this host to a destination. */
final class PathView extends View {
  private final NetworkState state;
  private final PathSet paths;

  PathView(Interop js, NetworkState state, PathSet paths) {
    super(js);
    this.state = state;
    this.paths = paths;
  }

  @Override
  String typeName() {
    return "Path";
  }

  @Override
  List<String> names() {
    return List.of("reachable", "cost", "links", "crosses", "usesLabel");
  }

  @Override
  Object compute(String key) {
    return switch (key) {
      case "reachable" -> paths.reachable();
      case "cost" -> paths.reachable() ? (Object) (double) paths.cost() : null;
      case "links" -> js.array(List.copyOf(linkNames()));
      case "crosses" -> method("Path.crosses", 1, a -> crossing(stringArg("Path.crosses", a[0], "link")));
      case "usesLabel" -> method("Path.usesLabel", 1, a -> anyHopLabelled(state, paths,
          stringArg("Path.usesLabel", a[0], "label")));
      default -> throw new IllegalStateException(key);
    };
  }

  private TreeSet<String> linkNames() {
    TreeSet<String> out = new TreeSet<>();
    for (Path p : paths.paths()) {
      for (Hop h : p.hops()) {
        Link l = state.links().get(h.link());
        if (l != null) {
          out.add(l.name());
        }
      }
    }
    return out;
  }

  /** "all", "some" (ECMP), "none" or "unreachable"; an unknown link crosses none. */
  private String crossing(String linkName) {
    return state.linkNamed(linkName).map(l -> paths.crossing(l.id()).name().toLowerCase(Locale.ROOT))
        .orElse(paths.reachable() ? "none" : "unreachable");
  }

  static boolean anyHopLabelled(NetworkState state, PathSet paths, String label) {
    return paths.paths().stream().flatMap(p -> p.hops().stream()).map(Hop::link).distinct()
        .map(id -> state.annotation(id)).filter(Objects::nonNull).anyMatch(a -> a.hasLabel(label));
  }
}
