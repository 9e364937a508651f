package io.cuttle.controller.topology.ospf.snapshot;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.Diagnostic;
import io.cuttle.common.config.Location;
import io.cuttle.controller.topology.ospf.LsdbEntry;
import io.cuttle.controller.topology.ospf.lsa.Ipv4;
import io.cuttle.controller.topology.ospf.lsa.Lsa;
import io.cuttle.controller.topology.ospf.lsa.Lsa.LinkKind;
import io.cuttle.controller.topology.ospf.lsa.LsaHeader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON FRR's vtysh prints for {@code show ip ospf database router|network|summary|
 * asbr-summary|external json}. The text may hold several of these documents one after another
 * (one vtysh call with several {@code -c}). Recognised: {@code routerLinkStates},
 * {@code networkLinkStates} (attached routers under FRR's key {@code attchedRouters}),
 * {@code summaryLinkStates}, {@code asbrSummaryLinkStates} and {@code asExternalLinkStates}. Every
 * problem is collected with its document's position; nothing is returned if there is one.
 */
public final class VtyshLsdbParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String source;
  private final List<Diagnostic> problems = new ArrayList<>();
  private final List<LsdbEntry> entries = new ArrayList<>();
  private Location at;

  private VtyshLsdbParser(String source) {
    this.source = source;
  }

  /** @throws ConfigException listing every problem, each with line and column */
  public static List<LsdbEntry> parse(String source, String text) throws ConfigException {
    VtyshLsdbParser p = new VtyshLsdbParser(source);
    p.run(text);
    if (!p.problems.isEmpty()) {
      throw new ConfigException(p.problems);
    }
    return p.entries;
  }

  private void run(String text) {
    at = new Location(source, 1, 1);
    int documents = 0;
    try (JsonParser jp = JSON.getFactory().createParser(text);
        MappingIterator<JsonNode> it = JSON.readValues(jp, JsonNode.class)) {
      while (true) {
        JsonLocation loc = jp.currentTokenLocation();
        at = new Location(source, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
        if (!it.hasNextValue()) {
          break;
        }
        JsonNode doc = it.nextValue();
        documents++;
        document(doc);
      }
    } catch (IOException | RuntimeException e) {
      String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      problems.add(new Diagnostic(at, "", "expected vtysh JSON, got invalid text: " + msg));
      return;
    }
    if (documents == 0) {
      problems.add(new Diagnostic(at, "", "expected at least one 'show ip ospf database ... json' document, got none"));
    }
  }

  private void document(JsonNode doc) {
    boolean known = false;
    for (Map.Entry<String, Integer> kind : Map.of("routerLinkStates", Lsa.ROUTER, "networkLinkStates", Lsa.NETWORK,
        "summaryLinkStates", Lsa.SUMMARY, "asbrSummaryLinkStates", Lsa.ASBR_SUMMARY).entrySet()) {
      JsonNode areas = doc.path(kind.getKey()).path("areas");
      if (areas.isObject()) {
        known = true;
        Iterator<Map.Entry<String, JsonNode>> fields = areas.properties().iterator();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> area = fields.next();
          int areaId = guarded(kind.getKey() + ".areas", () -> Ipv4.parse(area.getKey()), 0);
          for (JsonNode lsa : area.getValue()) {
            lsa(kind.getKey() + ".areas." + area.getKey(), kind.getValue(), areaId, lsa);
          }
        }
      }
    }
    JsonNode ext = doc.path("asExternalLinkStates");
    if (ext.isArray()) {
      known = true;
      for (JsonNode lsa : ext) {
        lsa("asExternalLinkStates", Lsa.AS_EXTERNAL, 0, lsa);
      }
    }
    if (!known) {
      problems.add(new Diagnostic(at, "", "expected one of routerLinkStates, networkLinkStates, summaryLinkStates,"
          + " asbrSummaryLinkStates, asExternalLinkStates, got fields " + names(doc)));
    }
  }

  private void lsa(String field, int type, int area, JsonNode n) {
    String where = field + "[" + n.path("linkStateId").asText("?") + "/" + n.path("advertisingRouter").asText("?") + "]";
    Lsa lsa = guarded(where, () -> VtyshLsaReader.read(type, n), null);
    if (lsa != null) {
      entries.add(new LsdbEntry(type == Lsa.AS_EXTERNAL ? 0 : area, lsa));
    }
  }

  private <T> T guarded(String field, java.util.function.Supplier<T> read, T fallback) {
    try {
      return read.get();
    } catch (IllegalArgumentException e) {
      problems.add(new Diagnostic(at, field, e.getMessage()));
      return fallback;
    }
  }

  private static String names(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out.toString();
  }

  /** Turns one vtysh LSA object into the model; throws IllegalArgumentException naming the field. */
  static final class VtyshLsaReader {
    private VtyshLsaReader() {}

    static Lsa read(int type, JsonNode n) {
      LsaHeader h = new LsaHeader(n.path("lsaAge").asInt(0), 0, type, address(n, "linkStateId"),
          address(n, "advertisingRouter"), (int) Long.parseLong(n.path("lsaSeqNumber").asText("80000001"), 16), 0,
          n.path("length").asInt(0));
      return switch (type) {
        case Lsa.ROUTER -> router(h, n);
        case Lsa.NETWORK -> network(h, n);
        case Lsa.SUMMARY, Lsa.ASBR_SUMMARY -> new Lsa.SummaryLsa(h, Ipv4.maskOf(length(n, "networkMask")),
            integer(n, "tos0Metric"));
        default -> new Lsa.ExternalLsa(h, Ipv4.maskOf(length(n, "networkMask")),
            !n.path("metricType").asText("E2").startsWith("E1"), integer(n, "metric"),
            n.has("forwardAddress") ? address(n, "forwardAddress") : 0, n.path("externalRouteTag").asInt(0));
      };
    }

    private static Lsa router(LsaHeader h, JsonNode n) {
      List<Lsa.RouterLink> links = new ArrayList<>();
      JsonNode rl = n.path("routerLinks");
      Iterator<JsonNode> it = rl.isObject() || rl.isArray() ? rl.elements() : List.<JsonNode>of().iterator();
      while (it.hasNext()) {
        JsonNode l = it.next();
        String kind = l.path("linkType").asText("");
        int metric = integer(l, "tos0Metric");
        Lsa.RouterLink link;
        if (kind.contains("point-to-point")) {
          link = new Lsa.RouterLink(LinkKind.POINT_TO_POINT, address(l, "neighborRouterId"),
              address(l, "routerInterfaceAddress"), metric);
        } else if (kind.contains("Transit")) {
          link = new Lsa.RouterLink(LinkKind.TRANSIT, address(l, "designatedRouterAddress"),
              address(l, "routerInterfaceAddress"), metric);
        } else if (kind.contains("Stub")) {
          link = new Lsa.RouterLink(LinkKind.STUB, address(l, "networkAddress"), address(l, "networkMask"), metric);
        } else if (kind.contains("Virtual")) {
          link = new Lsa.RouterLink(LinkKind.VIRTUAL, address(l, "neighborRouterId"),
              address(l, "routerInterfaceAddress"), metric);
        } else {
          throw new IllegalArgumentException("linkType: expected point-to-point, Transit, Stub or Virtual, got '"
              + kind + "'");
        }
        links.add(link);
      }
      return new Lsa.RouterLsa(h, n.path("abr").asBoolean(false), n.path("asbr").asBoolean(false),
          n.path("vlEndpoint").asBoolean(false), links);
    }

    private static Lsa network(LsaHeader h, JsonNode n) {
      JsonNode attached = n.has("attchedRouters") ? n.get("attchedRouters") : n.path("attachedRouters");
      List<Integer> routers = new ArrayList<>();
      attached.fieldNames().forEachRemaining(k -> routers.add(Ipv4.parse(k)));
      if (routers.isEmpty()) {
        throw new IllegalArgumentException("attchedRouters: expected at least one router, got none");
      }
      return new Lsa.NetworkLsa(h, Ipv4.maskOf(length(n, "networkMask")), routers);
    }

    private static int address(JsonNode n, String field) {
      JsonNode v = n.get(field);
      if (v == null || !v.isTextual()) {
        throw new IllegalArgumentException(field + ": expected an address a.b.c.d, got " + (v == null ? "nothing" : v));
      }
      return Ipv4.parse(v.asText());
    }

    private static int integer(JsonNode n, String field) {
      JsonNode v = n.get(field);
      if (v == null || !v.canConvertToInt() || v.asInt() < 0) {
        throw new IllegalArgumentException(field + ": expected a non-negative integer, got "
            + (v == null ? "nothing" : v));
      }
      return v.asInt();
    }

    private static int length(JsonNode n, String field) {
      int len = integer(n, field);
      if (len > 32) {
        throw new IllegalArgumentException(field + ": expected a prefix length 0..32, got " + len);
      }
      return len;
    }
  }
}
