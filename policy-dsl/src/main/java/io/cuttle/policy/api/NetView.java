package io.cuttle.policy.api;

import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Prefix;
import io.cuttle.policy.sandbox.ApiMisuse;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/** The {@code net} object: one version of the network state seen from this host. */
public final class NetView extends View {
  private static final List<String> NAMES = List.of("version", "staleness", "self", "sites", "links", "events",
      "site", "link", "linksWithLabel", "pathTo", "usesLabel");

  private final StateIndex index;
  private final NetworkState state;
  private final Duration staleness;
  private final List<NetEvent> events;

  public NetView(Interop js, StateIndex index, Duration staleness, List<NetEvent> events) {
    super(js);
    this.index = index;
    this.state = index == null ? null : index.state();
    this.staleness = staleness;
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
      case "self" -> new SelfView(js, index);
      case "sites" -> js.array(state.sites().keySet().stream().sorted().map(this::siteView).toList());
      case "links" -> js.array(state.links().values().stream().map(l -> new LinkView(js, state, l)).toList());
      case "events" -> js.array(events.stream().map(e -> new EventView(js, e)).toList());
      case "site" -> method("net.site", 1, a -> state.site(stringArg("net.site", a[0], "name")).isPresent()
          ? siteView(a[0].asString()) : null);
      case "link" -> method("net.link", 1, a -> state.linkNamed(stringArg("net.link", a[0], "name"))
          .map(l -> (Object) new LinkView(js, state, l)).orElse(null));
      case "linksWithLabel" -> method("net.linksWithLabel", 1, a -> js.array(index.linksWithLabel(
          stringArg("net.linksWithLabel", a[0], "label")).stream().map(l -> new LinkView(js, state, l)).toList()));
      case "pathTo" -> method("net.pathTo", 1, a -> pathTo(stringArg("net.pathTo", a[0], "destination")));
      case "usesLabel" -> method("net.usesLabel", 1, a -> index.usesLabel(stringArg("net.usesLabel", a[0], "label")));
      default -> throw new IllegalStateException(key);
    };
  }

  private SiteView siteView(String name) {
    return new SiteView(js, index, state.site(name).orElseThrow());
  }

  private Object pathTo(String destination) {
    if (state.site(destination).isPresent()) {
      return new PathView(js, state, index.toSite(destination));
    }
    InetAddress to;
    try {
      to = Prefix.parseAddress(destination);
    } catch (IllegalArgumentException e) {
      throw new ApiMisuse("net.pathTo: destination: expected a site name or an IP address, got '" + destination + "'");
    }
    return new PathView(js, state, index.toAddress(to));
  }
}
