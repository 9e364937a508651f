package io.cuttle.controller.topology.ospf;

import com.fasterxml.jackson.databind.JsonNode;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.PrefixSpec;
import io.cuttle.netstate.model.Prefix;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a spec against FRR's own LSDB as vtysh prints it, reading the JSON directly (not with
 * the provider's parser): every router, network, link end with its cost and interface address,
 * stub and external prefix must be in the spec, and the spec holds no other routers, networks or
 * links. Links only one end announces (during convergence) are not expected, nor LSAs at MaxAge
 * (ospfd lists a flushed LSA until every neighbour acknowledged the flush; it is gone from the
 * graph).
 */
public final class LsdbExpectations {
  private LsdbExpectations() {}

  /** Every difference, described; empty when the spec is the graph of the LSDB. */
  public static List<String> differences(TopologySpec spec, JsonNode routerJson, JsonNode networkJson,
      JsonNode externalJson) {
    List<String> out = new ArrayList<>();
    Set<String> routers = new TreeSet<>();
    Set<String> linkNames = new TreeSet<>();
    Map<String, JsonNode> byArea = new java.util.HashMap<>();
    each(routerJson.path("routerLinkStates").path("areas"), (area, lsa) -> {
      routers.add(lsa.path("advertisingRouter").asText());
      byArea.put(area + "/" + lsa.path("advertisingRouter").asText(), lsa);
    });
    Set<String> networks = new TreeSet<>();
    Map<String, Set<String>> attached = new java.util.HashMap<>();
    each(networkJson.path("networkLinkStates").path("areas"), (area, lsa) -> {
      String name = "net:" + lsa.path("linkStateId").asText();
      networks.add(name);
      Set<String> rs = new HashSet<>();
      lsa.path("attchedRouters").fieldNames().forEachRemaining(rs::add);
      attached.put(name, rs);
    });
    Set<String> specRouters = new TreeSet<>();
    spec.routers().forEach(r -> specRouters.add(r.name()));
    if (!specRouters.equals(routers)) {
      out.add("routers: expected " + routers + ", got " + specRouters);
    }
    Set<String> specNetworks = new TreeSet<>();
    spec.networks().forEach(n -> specNetworks.add(n.name()));
    if (!specNetworks.equals(networks)) {
      out.add("networks: expected " + networks + ", got " + specNetworks);
    }
    byArea.forEach((key, lsa) -> {
      String area = key.substring(0, key.indexOf('/'));
      String rid = lsa.path("advertisingRouter").asText();
      boolean stubRouter = isStubRouter(lsa);
      for (JsonNode l : iterable(lsa.path("routerLinks"))) {
        String type = l.path("linkType").asText();
        int metric = l.path("tos0Metric").asInt();
        if (type.contains("point-to-point")) {
          String nbr = l.path("neighborRouterId").asText();
          if (!announcesP2p(byArea.get(area + "/" + nbr), rid)) {
            continue;
          }
          String ifaddr = l.path("routerInterfaceAddress").asText();
          TopologySpec.InterfaceSpec i = spec.interfaces().get(Prefix.parseAddress(ifaddr));
          LinkSpec link = i == null ? null : find(spec, i.link());
          if (link == null || !i.router().equals(rid) || !(link.a().equals(nbr) || link.b().equals(nbr))) {
            out.add("p2p " + rid + " -> " + nbr + " (" + ifaddr + "): no such link in the spec");
          } else {
            linkNames.add(link.name());
            int cost = link.a().equals(rid) ? link.costAb() : link.costBa();
            if (cost != metric) {
              out.add("p2p " + link.name() + " from " + rid + ": expected cost " + metric + ", got " + cost);
            }
          }
        } else if (type.contains("Transit")) {
          String net = "net:" + l.path("designatedRouterAddress").asText();
          if (!attached.getOrDefault(net, Set.of()).contains(rid)) {
            continue;
          }
          String name = rid + "~" + net;
          LinkSpec link = find(spec, name);
          linkNames.add(name);
          if (link == null || link.costAb() != metric || link.costBa() != 0) {
            out.add("transit " + name + ": expected cost " + metric + "/0, got " + link);
          }
        } else if (type.contains("Stub")) {
          Prefix p = Prefix.parse(l.path("networkAddress").asText() + "/"
              + maskLength(l.path("networkMask").asText()));
          int expected = stubRouter ? 65535 : metric;
          if (!spec.prefixes().contains(new PrefixSpec(p, rid, expected, area))) {
            out.add("stub " + p + " of " + rid + " in " + area + " at cost " + expected + ": not in the spec");
          }
        }
      }
    });
    Set<String> specLinks = new TreeSet<>();
    spec.links().forEach(l -> specLinks.add(l.name()));
    if (!specLinks.equals(linkNames)) {
      out.add("links: expected " + linkNames + ", got " + specLinks);
    }
    for (JsonNode x : externalJson.path("asExternalLinkStates")) {
      if (x.path("lsaAge").asInt() >= 3600) {
        continue;
      }
      Prefix p = Prefix.parse(x.path("linkStateId").asText() + "/" + x.path("networkMask").asInt());
      PrefixSpec expected = new PrefixSpec(p, x.path("advertisingRouter").asText(), x.path("metric").asInt(),
          AreaGraphBuilder.EXTERNAL_AREA);
      if (!spec.prefixes().contains(expected)) {
        out.add("external " + expected + ": not in the spec");
      }
    }
    return out;
  }

  private static int maskLength(String dotted) {
    int len = 0;
    for (String part : dotted.split("\\.")) {
      len += Integer.bitCount(Integer.parseInt(part));
    }
    return len;
  }

  private static boolean isStubRouter(JsonNode lsa) {
    boolean any = false;
    for (JsonNode l : iterable(lsa.path("routerLinks"))) {
      if (!l.path("linkType").asText().contains("Stub")) {
        any = true;
        if (l.path("tos0Metric").asInt() != 65535) {
          return false;
        }
      }
    }
    return any;
  }

  private static boolean announcesP2p(JsonNode lsa, String to) {
    if (lsa == null) {
      return false;
    }
    for (JsonNode l : iterable(lsa.path("routerLinks"))) {
      if (l.path("linkType").asText().contains("point-to-point") && l.path("neighborRouterId").asText().equals(to)) {
        return true;
      }
    }
    return false;
  }

  private static LinkSpec find(TopologySpec spec, String name) {
    return spec.links().stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
  }

  private static void each(JsonNode areas, java.util.function.BiConsumer<String, JsonNode> f) {
    Iterator<Map.Entry<String, JsonNode>> it = areas.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      for (JsonNode lsa : e.getValue()) {
        if (lsa.path("lsaAge").asInt() < 3600) {
          f.accept(e.getKey(), lsa);
        }
      }
    }
  }

  private static Iterable<JsonNode> iterable(JsonNode n) {
    List<JsonNode> out = new ArrayList<>();
    n.elements().forEachRemaining(out::add);
    return out;
  }
}
