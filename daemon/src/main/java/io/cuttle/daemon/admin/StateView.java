package io.cuttle.daemon.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cuttle.daemon.subscription.SubscriptionStatus;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Node;
import io.cuttle.netstate.model.Router;
import io.cuttle.netstate.model.Site;
import io.cuttle.netstate.model.StubPrefix;
import io.cuttle.netstate.model.TransitNetwork;
import io.cuttle.netstate.model.Uplink;
import io.cuttle.netstate.path.SiteLoad;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JSON view of a daemon's state served at {@code GET /state} and printed by
 * {@code cuttle state show --json}. Entities are sorted by id (sites by name); nodes and links
 * referred to by id also carry their names. Absent annotation values are left out.
 *
 * <pre>
 * {"hostId": .., "lineage": {"id": "hex", "epoch": ISO-8601}, "version": n, "committedAt": ISO-8601,
 *  "controller": "host:port", "status": "STREAMING", "statusSince": .., "error": ..,
 *  "stalenessMs": n, "lastHeard": ..,
 *  "state": {"routers": [..], "networks": [..], "links": [..], "prefixes": [..],
 *            "sites": [{.., "load": {"upstreamBps": .., ..}}], "annotations": [..]}}
 * </pre>
 *
 * The daemon fields ({@code hostId} to {@code lastHeard}) are present only when a subscription
 * status is given.
 */
public final class StateView {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private StateView() {}

  /** The view of a state alone (read from a file, for example). */
  public static ObjectNode of(NetworkState state) {
    return build(state, null, null);
  }

  /** The view of the state a daemon holds, with its subscription status. */
  public static ObjectNode of(String hostId, NetworkState state, SubscriptionStatus status) {
    return build(state, hostId, status);
  }

  /** Pretty-printed JSON text of a view. */
  public static String toJson(ObjectNode view) {
    try {
      return MAPPER.writeValueAsString(view) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private static ObjectNode build(NetworkState s, String hostId, SubscriptionStatus status) {
    ObjectNode root = MAPPER.createObjectNode();
    if (hostId != null) {
      root.put("hostId", hostId);
    }
    ObjectNode lineage = root.putObject("lineage");
    lineage.put("id", HexFormat.of().toHexDigits(s.lineage().id()));
    lineage.put("epoch", s.lineage().epoch().toString());
    root.put("version", s.version());
    root.put("committedAt", s.at().toString());
    if (status != null) {
      root.put("controller", status.controller().toString());
      root.put("status", status.connection().state().name());
      root.put("statusSince", status.connection().since().toString());
      status.connection().error().ifPresent(e -> root.put("error", e));
      root.put("stalenessMs", status.staleness().toMillis());
      status.lastHeard().ifPresent(t -> root.put("lastHeard", t.toString()));
    }
    ObjectNode state = root.putObject("state");
    routers(s, state.putArray("routers"));
    networks(s, state.putArray("networks"));
    links(s, state.putArray("links"));
    prefixes(s, state.putArray("prefixes"));
    sites(s, state.putArray("sites"));
    annotations(s, state.putArray("annotations"));
    return root;
  }

  private static void routers(NetworkState s, ArrayNode out) {
    s.nodes().values().stream().filter(n -> n instanceof Router).map(n -> (Router) n)
        .sorted(Comparator.comparingInt(Router::id)).forEach(r -> {
          ObjectNode o = out.addObject();
          o.put("id", r.id());
          o.put("name", r.name());
          o.put("routerId", r.routerIdText());
          ArrayNode areas = o.putArray("areas");
          r.areas().forEach(areas::add);
        });
  }

  private static void networks(NetworkState s, ArrayNode out) {
    s.nodes().values().stream().filter(n -> n instanceof TransitNetwork).map(n -> (TransitNetwork) n)
        .sorted(Comparator.comparingInt(TransitNetwork::id)).forEach(t -> {
          ObjectNode o = out.addObject();
          o.put("id", t.id());
          o.put("name", t.name());
          o.put("prefix", t.prefix().toString());
          o.put("area", t.area());
        });
  }

  private static void links(NetworkState s, ArrayNode out) {
    s.links().values().stream().sorted(Comparator.comparingInt(Link::id)).forEach(l -> {
      ObjectNode o = out.addObject();
      o.put("id", l.id());
      o.put("name", l.name());
      o.put("a", nodeName(s, l.a()));
      o.put("aId", l.a());
      o.put("b", nodeName(s, l.b()));
      o.put("bId", l.b());
      o.put("state", l.state().name());
      o.put("costAb", l.costAb());
      o.put("costBa", l.costBa());
      o.put("area", l.area());
    });
  }

  private static void prefixes(NetworkState s, ArrayNode out) {
    s.prefixes().values().stream().sorted(Comparator.comparingInt(StubPrefix::id)).forEach(p -> {
      ObjectNode o = out.addObject();
      o.put("id", p.id());
      o.put("prefix", p.prefix().toString());
      o.put("router", nodeName(s, p.router()));
      o.put("routerNodeId", p.router());
      o.put("cost", p.cost());
      o.put("area", p.area());
    });
  }

  private static void sites(NetworkState s, ArrayNode out) {
    s.sites().values().stream().sorted(Comparator.comparing(Site::name)).forEach(site -> {
      ObjectNode o = out.addObject();
      o.put("name", site.name());
      ArrayNode prefixes = o.putArray("prefixes");
      site.prefixes().forEach(p -> prefixes.add(p.toString()));
      ArrayNode uplinks = o.putArray("uplinks");
      for (Uplink u : site.uplinks()) {
        ObjectNode uo = uplinks.addObject();
        uo.put("link", s.link(u.link()).map(Link::name).orElse("#" + u.link()));
        uo.put("linkId", u.link());
        uo.put("inside", nodeName(s, u.insideNode()));
        uo.put("insideId", u.insideNode());
        s.link(u.link()).ifPresent(l -> uo.put("state", l.state().name()));
      }
      s.paths().siteLoad(site.name()).ifPresent(load -> load(load, o.putObject("load")));
    });
  }

  private static void load(SiteLoad load, ObjectNode o) {
    o.put("upstreamBps", load.upstreamBps());
    o.put("downstreamBps", load.downstreamBps());
    o.put("capacityBps", load.capacityBps());
    load.upstreamUtilisation().ifPresent(u -> o.put("upstreamUtilisation", u));
    load.downstreamUtilisation().ifPresent(u -> o.put("downstreamUtilisation", u));
    o.put("uplinksUp", load.uplinksUp());
    o.put("uplinksTotal", load.uplinksTotal());
    o.put("unmeasured", load.unmeasured());
  }

  private static void annotations(NetworkState s, ArrayNode out) {
    s.annotations().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      LinkAnnotation a = e.getValue();
      ObjectNode o = out.addObject();
      o.put("link", s.link(e.getKey()).map(Link::name).orElse("#" + e.getKey()));
      o.put("linkId", e.getKey());
      putIfPresent(o, "capacityBps", a.capacityBps());
      putIfPresent(o, "loadAbBps", a.loadAbBps());
      putIfPresent(o, "loadBaBps", a.loadBaBps());
      putIfPresent(o, "costMicros", a.costMicros());
      ArrayNode labels = o.putArray("labels");
      a.labels().forEach(labels::add);
      ObjectNode counters = o.putObject("counters");
      a.counters().forEach(counters::put);
      a.measuredAt().ifPresent(t -> o.put("measuredAt", t.toString()));
    });
  }

  private static void putIfPresent(ObjectNode o, String field, OptionalLong v) {
    v.ifPresent(x -> o.put(field, x));
  }

  private static String nodeName(NetworkState s, int id) {
    Optional<Node> n = s.node(id);
    return n.map(Node::name).orElse("#" + id);
  }
}
