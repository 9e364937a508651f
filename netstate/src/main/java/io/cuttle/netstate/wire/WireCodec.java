package io.cuttle.netstate.wire;

import com.google.protobuf.ByteString;
import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.StateConflictException;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.AnnotationField;
import io.cuttle.netstate.model.AnnotationPatch;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Node;
import io.cuttle.netstate.model.Prefix;
import io.cuttle.netstate.model.Router;
import io.cuttle.netstate.model.Site;
import io.cuttle.netstate.model.StubPrefix;
import io.cuttle.netstate.model.TransitNetwork;
import io.cuttle.netstate.model.Uplink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Converts the network-state model to and from its protobuf wire form ({@code cuttle.v1}).
 * Times become milliseconds relative to the lineage epoch; decoding validates everything and
 * reports a {@link WireFormatException} naming what was wrong, never a raw runtime exception.
 */
public final class WireCodec {
  private WireCodec() {}

  // ---- lineage and time ----

  public static io.cuttle.wire.v1.Lineage lineage(Lineage l) {
    return io.cuttle.wire.v1.Lineage.newBuilder().setId(l.id()).setEpochMs(l.epoch().toEpochMilli()).build();
  }

  public static Lineage lineage(io.cuttle.wire.v1.Lineage l) {
    return new Lineage(l.getId(), Instant.ofEpochMilli(l.getEpochMs()));
  }

  /** Milliseconds since the lineage epoch; negative for instants before it. */
  public static long relative(Lineage l, Instant t) {
    return t.toEpochMilli() - l.epoch().toEpochMilli();
  }

  public static Instant absolute(Lineage l, long relativeMs) {
    return l.epoch().plusMillis(relativeMs);
  }

  // ---- snapshot ----

  public static io.cuttle.wire.v1.Snapshot snapshot(NetworkState s) {
    Lineage lin = s.lineage();
    var b = io.cuttle.wire.v1.Snapshot.newBuilder()
        .setLineage(lineage(lin))
        .setVersion(s.version())
        .setAt(relative(lin, s.at()));
    s.nodes().values().stream().sorted(Comparator.comparingInt(Node::id)).forEach(n -> {
      switch (n) {
        case Router r -> b.addRouters(router(r));
        case TransitNetwork t -> b.addNetworks(network(t));
      }
    });
    s.links().values().stream().sorted(Comparator.comparingInt(Link::id)).forEach(l -> b.addLinks(link(l)));
    s.prefixes().values().stream().sorted(Comparator.comparingInt(StubPrefix::id))
        .forEach(p -> b.addPrefixes(stub(p)));
    s.sites().values().stream().sorted(Comparator.comparing(Site::name)).forEach(x -> b.addSites(site(x)));
    s.annotations().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> b.addAnnotations(fullAnnotation(lin, e.getKey(), e.getValue())));
    return b.build();
  }

  public static NetworkState state(io.cuttle.wire.v1.Snapshot w) throws WireFormatException {
    try {
      Lineage lin = lineage(w.getLineage());
      List<Node> nodes = new ArrayList<>();
      for (var r : w.getRoutersList()) {
        nodes.add(router(r));
      }
      for (var n : w.getNetworksList()) {
        nodes.add(network(n));
      }
      List<Link> links = new ArrayList<>();
      for (var l : w.getLinksList()) {
        links.add(link(l));
      }
      List<StubPrefix> prefixes = new ArrayList<>();
      for (var p : w.getPrefixesList()) {
        prefixes.add(stub(p));
      }
      List<Site> sites = new ArrayList<>();
      for (var s : w.getSitesList()) {
        sites.add(site(s));
      }
      Map<Integer, LinkAnnotation> annotations = new HashMap<>();
      for (var a : w.getAnnotationsList()) {
        AnnotationPatch p = patch(lin, a);
        if (annotations.put(a.getLink(), LinkAnnotation.EMPTY.apply(p, absolute(lin, 0))) != null) {
          throw new WireFormatException("snapshot has two annotations for link " + a.getLink());
        }
      }
      return NetworkState.of(lin, w.getVersion(), absolute(lin, w.getAt()), nodes, links, prefixes,
          sites, annotations);
    } catch (IllegalArgumentException | StateConflictException e) {
      throw new WireFormatException("invalid snapshot: " + e.getMessage(), e);
    }
  }

  // ---- deltas ----

  public static io.cuttle.wire.v1.Delta delta(Lineage lin, Delta d) {
    var b = io.cuttle.wire.v1.Delta.newBuilder()
        .setVersion(d.version())
        .setAt(relative(lin, d.at()));
    event(lin, d.event(), b);
    return b.build();
  }

  public static Delta delta(Lineage lin, io.cuttle.wire.v1.Delta w) throws WireFormatException {
    try {
      return new Delta(w.getVersion(), absolute(lin, w.getAt()), event(lin, w));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new WireFormatException("invalid delta for version " + w.getVersion() + ": " + e.getMessage(), e);
    }
  }

  private static void event(Lineage lin, TopologyEvent e, io.cuttle.wire.v1.Delta.Builder b) {
    switch (e) {
      case TopologyEvent.LinkStateChanged x -> b.setLinkState(io.cuttle.wire.v1.LinkStateChanged.newBuilder()
          .setLink(x.link()).setState(linkState(x.state())));
      case TopologyEvent.LinkCostChanged x -> b.setLinkCost(io.cuttle.wire.v1.LinkCostChanged.newBuilder()
          .setLink(x.link()).setCostAb(x.costAb()).setCostBa(x.costBa()));
      case TopologyEvent.AnnotationsUpdated x -> {
        var u = io.cuttle.wire.v1.AnnotationUpdate.newBuilder().setMeasuredAt(relative(lin, x.measuredAt()));
        x.patches().forEach(p -> u.addLinks(patch(lin, p)));
        b.setAnnotations(u);
      }
      case TopologyEvent.PrefixAdded x -> b.setPrefixAdded(
          io.cuttle.wire.v1.PrefixAdded.newBuilder().setPrefix(stub(x.prefix())));
      case TopologyEvent.PrefixRemoved x -> b.setPrefixRemoved(removed(x.prefix()));
      case TopologyEvent.LinkAdded x -> b.setLinkAdded(link(x.link()));
      case TopologyEvent.LinkRemoved x -> b.setLinkRemoved(removed(x.link()));
      case TopologyEvent.RouterAdded x -> b.setRouterAdded(router(x.router()));
      case TopologyEvent.NetworkAdded x -> b.setNetworkAdded(network(x.network()));
      case TopologyEvent.NodeRemoved x -> b.setNodeRemoved(removed(x.node()));
      case TopologyEvent.SiteChanged x -> b.setSiteChanged(site(x.site()));
      case TopologyEvent.SiteRemoved x -> b.setSiteRemoved(
          io.cuttle.wire.v1.SiteRemoved.newBuilder().setName(x.name()));
    }
  }

  private static TopologyEvent event(Lineage lin, io.cuttle.wire.v1.Delta w) throws WireFormatException {
    return switch (w.getEventCase()) {
      case LINK_STATE -> new TopologyEvent.LinkStateChanged(w.getLinkState().getLink(),
          linkState(w.getLinkState().getState()));
      case LINK_COST -> new TopologyEvent.LinkCostChanged(w.getLinkCost().getLink(),
          cost(w.getLinkCost().getCostAb()), cost(w.getLinkCost().getCostBa()));
      case ANNOTATIONS -> {
        List<AnnotationPatch> patches = new ArrayList<>();
        for (var a : w.getAnnotations().getLinksList()) {
          patches.add(patch(lin, a));
        }
        yield new TopologyEvent.AnnotationsUpdated(absolute(lin, w.getAnnotations().getMeasuredAt()), patches);
      }
      case PREFIX_ADDED -> new TopologyEvent.PrefixAdded(stub(w.getPrefixAdded().getPrefix()));
      case PREFIX_REMOVED -> new TopologyEvent.PrefixRemoved(w.getPrefixRemoved().getId());
      case LINK_ADDED -> new TopologyEvent.LinkAdded(link(w.getLinkAdded()));
      case LINK_REMOVED -> new TopologyEvent.LinkRemoved(w.getLinkRemoved().getId());
      case ROUTER_ADDED -> new TopologyEvent.RouterAdded(router(w.getRouterAdded()));
      case NETWORK_ADDED -> new TopologyEvent.NetworkAdded(network(w.getNetworkAdded()));
      case NODE_REMOVED -> new TopologyEvent.NodeRemoved(w.getNodeRemoved().getId());
      case SITE_CHANGED -> new TopologyEvent.SiteChanged(site(w.getSiteChanged()));
      case SITE_REMOVED -> new TopologyEvent.SiteRemoved(w.getSiteRemoved().getName());
      case EVENT_NOT_SET -> throw new WireFormatException(
          "event has no kind (sent by a newer controller?); expected one of link_state .. site_removed");
    };
  }

  private static io.cuttle.wire.v1.Removed removed(int id) {
    return io.cuttle.wire.v1.Removed.newBuilder().setId(id).build();
  }

  // ---- entities ----

  private static io.cuttle.wire.v1.Router router(Router r) {
    return io.cuttle.wire.v1.Router.newBuilder().setId(r.id()).setName(r.name())
        .setRouterId(r.routerId()).addAllAreas(r.areas()).build();
  }

  private static Router router(io.cuttle.wire.v1.Router w) {
    return new Router(w.getId(), w.getName(), w.getRouterId(), Set.copyOf(w.getAreasList()));
  }

  private static io.cuttle.wire.v1.TransitNetwork network(TransitNetwork t) {
    return io.cuttle.wire.v1.TransitNetwork.newBuilder().setId(t.id()).setName(t.name())
        .setPrefix(prefix(t.prefix())).setArea(t.area()).build();
  }

  private static TransitNetwork network(io.cuttle.wire.v1.TransitNetwork w) throws WireFormatException {
    return new TransitNetwork(w.getId(), w.getName(), prefix(w.getPrefix()), w.getArea());
  }

  public static io.cuttle.wire.v1.Prefix prefix(Prefix p) {
    return io.cuttle.wire.v1.Prefix.newBuilder().setAddress(ByteString.copyFrom(p.address()))
        .setLength(p.length()).build();
  }

  public static Prefix prefix(io.cuttle.wire.v1.Prefix w) throws WireFormatException {
    try {
      return Prefix.of(w.getAddress().toByteArray(), w.getLength());
    } catch (IllegalArgumentException e) {
      throw new WireFormatException("invalid prefix: " + e.getMessage(), e);
    }
  }

  private static io.cuttle.wire.v1.Link link(Link l) {
    return io.cuttle.wire.v1.Link.newBuilder().setId(l.id()).setName(l.name()).setA(l.a()).setB(l.b())
        .setCostAb(l.costAb()).setCostBa(l.costBa()).setState(linkState(l.state())).setArea(l.area()).build();
  }

  private static Link link(io.cuttle.wire.v1.Link w) throws WireFormatException {
    return new Link(w.getId(), w.getName(), w.getA(), w.getB(), cost(w.getCostAb()), cost(w.getCostBa()),
        linkState(w.getState()), w.getArea());
  }

  private static int cost(int wire) throws WireFormatException {
    // uint32 arrives as a signed int: anything above MAX_COST (including "negative") is invalid.
    if (wire < 0 || wire > Link.MAX_COST) {
      throw new WireFormatException("expected an OSPF cost 0.." + Link.MAX_COST + ", got "
          + Integer.toUnsignedString(wire));
    }
    return wire;
  }

  private static io.cuttle.wire.v1.StubPrefix stub(StubPrefix p) {
    return io.cuttle.wire.v1.StubPrefix.newBuilder().setId(p.id()).setPrefix(prefix(p.prefix()))
        .setRouter(p.router()).setCost(p.cost()).setArea(p.area()).build();
  }

  private static StubPrefix stub(io.cuttle.wire.v1.StubPrefix w) throws WireFormatException {
    return new StubPrefix(w.getId(), prefix(w.getPrefix()), w.getRouter(), cost(w.getCost()), w.getArea());
  }

  private static io.cuttle.wire.v1.Site site(Site s) {
    var b = io.cuttle.wire.v1.Site.newBuilder().setName(s.name());
    s.prefixes().forEach(p -> b.addPrefixes(prefix(p)));
    s.uplinks().forEach(u -> b.addUplinks(
        io.cuttle.wire.v1.Uplink.newBuilder().setLink(u.link()).setInsideNode(u.insideNode())));
    return b.build();
  }

  private static Site site(io.cuttle.wire.v1.Site w) throws WireFormatException {
    List<Prefix> prefixes = new ArrayList<>();
    for (var p : w.getPrefixesList()) {
      prefixes.add(prefix(p));
    }
    List<Uplink> uplinks = w.getUplinksList().stream().map(u -> new Uplink(u.getLink(), u.getInsideNode())).toList();
    return new Site(w.getName(), Set.copyOf(prefixes), uplinks);
  }

  private static io.cuttle.wire.v1.LinkState linkState(LinkState s) {
    return s == LinkState.UP ? io.cuttle.wire.v1.LinkState.LINK_UP : io.cuttle.wire.v1.LinkState.LINK_DOWN;
  }

  private static LinkState linkState(io.cuttle.wire.v1.LinkState s) throws WireFormatException {
    return switch (s) {
      case LINK_UP -> LinkState.UP;
      case LINK_DOWN -> LinkState.DOWN;
      default -> throw new WireFormatException("expected link state LINK_UP or LINK_DOWN, got " + s);
    };
  }

  // ---- annotations ----

  private static io.cuttle.wire.v1.LinkAnnotation fullAnnotation(Lineage lin, int link, LinkAnnotation a) {
    var b = io.cuttle.wire.v1.LinkAnnotation.newBuilder().setLink(link);
    a.capacityBps().ifPresent(b::setCapacityBps);
    a.loadAbBps().ifPresent(b::setLoadAbBps);
    a.loadBaBps().ifPresent(b::setLoadBaBps);
    a.costMicros().ifPresent(b::setCostMicros);
    if (!a.labels().isEmpty()) {
      b.setLabels(io.cuttle.wire.v1.Labels.newBuilder().addAllLabel(a.labels()));
    }
    b.putAllCounters(a.counters());
    a.measuredAt().ifPresent(t -> b.setMeasuredAt(relative(lin, t)));
    return b.build();
  }

  private static io.cuttle.wire.v1.LinkAnnotation patch(Lineage lin, AnnotationPatch p) {
    var b = io.cuttle.wire.v1.LinkAnnotation.newBuilder().setLink(p.link());
    p.capacityBps().ifPresent(b::setCapacityBps);
    p.loadAbBps().ifPresent(b::setLoadAbBps);
    p.loadBaBps().ifPresent(b::setLoadBaBps);
    p.costMicros().ifPresent(b::setCostMicros);
    p.cleared().forEach(f -> b.addCleared(io.cuttle.wire.v1.AnnotationField.valueOf(f.name())));
    p.labels().ifPresent(l -> b.setLabels(io.cuttle.wire.v1.Labels.newBuilder().addAllLabel(l)));
    b.putAllCounters(p.counters());
    b.addAllRemovedCounters(p.removedCounters());
    p.measuredAt().ifPresent(t -> b.setMeasuredAt(relative(lin, t)));
    return b.build();
  }

  private static AnnotationPatch patch(Lineage lin, io.cuttle.wire.v1.LinkAnnotation w) throws WireFormatException {
    Set<AnnotationField> cleared = EnumSet.noneOf(AnnotationField.class);
    for (var f : w.getClearedList()) {
      switch (f) {
        case CAPACITY -> cleared.add(AnnotationField.CAPACITY);
        case LOAD_AB -> cleared.add(AnnotationField.LOAD_AB);
        case LOAD_BA -> cleared.add(AnnotationField.LOAD_BA);
        case COST -> cleared.add(AnnotationField.COST);
        default -> throw new WireFormatException("link " + w.getLink() + ": unknown cleared field " + f);
      }
    }
    return new AnnotationPatch(w.getLink(),
        w.hasCapacityBps() ? unsigned(w.getCapacityBps(), "capacity_bps") : OptionalLong.empty(),
        w.hasLoadAbBps() ? unsigned(w.getLoadAbBps(), "load_ab_bps") : OptionalLong.empty(),
        w.hasLoadBaBps() ? unsigned(w.getLoadBaBps(), "load_ba_bps") : OptionalLong.empty(),
        w.hasCostMicros() ? unsigned(w.getCostMicros(), "cost_micros") : OptionalLong.empty(),
        cleared,
        w.hasLabels() ? Optional.of(Set.copyOf(w.getLabels().getLabelList())) : Optional.empty(),
        w.getCountersMap(),
        Set.copyOf(w.getRemovedCountersList()),
        w.hasMeasuredAt() ? Optional.of(absolute(lin, w.getMeasuredAt())) : Optional.empty());
  }

  private static OptionalLong unsigned(long v, String field) throws WireFormatException {
    if (v < 0) {
      throw new WireFormatException(field + " is larger than 2^63-1: " + Long.toUnsignedString(v));
    }
    return OptionalLong.of(v);
  }
}
