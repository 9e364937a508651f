package io.cuttle.policy.api;

import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Prefix;
import io.cuttle.netstate.path.Endpoint;
import io.cuttle.netstate.path.PathSet;
import io.cuttle.policy.sandbox.ApiMisuse;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The {@code net} object: one version of the network state seen from this host. */
public final class NetView extends View {
  private static final List<String> NAMES = List.of("version", "staleness", "self", "sites", "links", "events",
      "site", "link", "linksWithLabel", "pathTo", "usesLabel");

  private final NetworkState state;
  private final Duration staleness;
  private final Optional<InetAddress> self;
  private final List<NetEvent> events;

  public NetView(Interop js, NetworkState state, Duration staleness, Optional<InetAddress> self, List<NetEvent> events) {
    super(js);
    this.state = state;
    this.staleness = staleness;
    this.self = self;
    this.events = List.copyOf(events);
  }

  @Override
  String typeName() {
    return "net";
  }

  @Override
  List<String> names() {
    return NAMES;
  }

  @Override
  Object compute(String key) {
    return switch (key) {
      case "version" -> (double) state.version();
      case "staleness" -> staleness.toMillis() / 1000.0;
      case "self" -> new SelfView(js, state, self);
      case "sites" -> js.array(state.sites().keySet().stream().sorted().map(this::siteView).toList());
      case "links" -> js.array(state.links().values().stream().map(l -> new LinkView(js, state, l)).toList());
      case "events" -> js.array(events.stream().map(e -> new EventView(js, e)).toList());
      case "site" -> method("net.site", 1, a -> state.site(stringArg("net.site", a[0], "name")).isPresent()
          ? siteView(a[0].asString()) : null);
      case "link" -> method("net.link", 1, a -> state.linkNamed(stringArg("net.link", a[0], "name"))
          .map(l -> (Object) new LinkView(js, state, l)).orElse(null));
      case "linksWithLabel" -> method("net.linksWithLabel", 1, a -> withLabel(stringArg("net.linksWithLabel", a[0],
          "label")));
      case "pathTo" -> method("net.pathTo", 1, a -> pathTo(stringArg("net.pathTo", a[0], "destination")));
      case "usesLabel" -> method("net.usesLabel", 1, a -> usesLabel(stringArg("net.usesLabel", a[0], "label")));
      default -> throw new IllegalStateException(key);
    };
  }

  private SiteView siteView(String name) {
    return new SiteView(js, state, state.site(name).orElseThrow());
  }

  private Object withLabel(String label) {
    return js.array(state.annotations().entrySet().stream()
        .filter(e -> e.getValue().hasLabel(label))
        .map(e -> state.links().get(e.getKey()))
        .filter(java.util.Objects::nonNull)
        .sorted(java.util.Comparator.comparing(Link::name))
        .map(l -> new LinkView(js, state, l)).toList());
  }

  private Object pathTo(String destination) {
    Optional<Endpoint> from = self.flatMap(a -> state.paths().endpointOf(a));
    if (from.isEmpty()) {
      return new PathView(js, state, PathSet.UNREACHABLE);
    }
    if (state.site(destination).isPresent()) {
      return new PathView(js, state, state.paths().toSite(from.get(), destination));
    }
    InetAddress to;
    try {
      to = Prefix.parseAddress(destination);
    } catch (IllegalArgumentException e) {
      throw new ApiMisuse("net.pathTo: destination: expected a site name or an IP address, got '" + destination + "'");
    }
    return state.paths().endpointOf(to)
        .map(e -> new PathView(js, state, state.paths().between(from.get(), e)))
        .orElse(new PathView(js, state, PathSet.UNREACHABLE));
  }

  /** True if any shortest path from this host to another site crosses a link labelled {@code label}. */
  private boolean usesLabel(String label) {
    Optional<Endpoint> from = self.flatMap(a -> state.paths().endpointOf(a));
    if (from.isEmpty()) {
      return false;
    }
    Optional<String> own = self.flatMap(a -> state.paths().siteOf(a)).map(s -> s.name());
    for (String site : state.sites().keySet()) {
      if (own.isPresent() && own.get().equals(site)) {
        continue;
      }
      if (PathView.anyHopLabelled(state, state.paths().toSite(from.get(), site), label)) {
        return true;
      }
    }
    return false;
  }
}
