package io.cuttle.daemon.flows.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Reads {@code nft -j list table inet NAME} of the accounting's table into a {@link KernelReading}.
 * Never throws: what it cannot understand becomes a problem line and is skipped. A cgroup that
 * nft printed as a path (it does when it can see cgroupfs) is turned into its id by
 * {@code cgroupIdOfPath}; a numeric one is taken as it is.
 */
public final class NftFlowJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Function<String, OptionalLong> cgroupIdOfPath;

  public NftFlowJson(Function<String, OptionalLong> cgroupIdOfPath) {
    this.cgroupIdOfPath = cgroupIdOfPath;
  }

  public KernelReading parse(String json) {
    List<UdpCount> udp = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<List<Object>, ConnectionOrigin> origins = new HashMap<>();
    Map<List<Object>, Integer> originDepth = new HashMap<>();
    long unrecorded = 0;
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return KernelReading.failed("expected nft JSON, got: " + e.getOriginalMessage());
    }
    if (root == null || !root.path("nftables").isArray()) {
      return KernelReading.failed("expected an nftables array, got " + (root == null ? "nothing" : root.getNodeType()));
    }
    for (JsonNode item : root.path("nftables")) {
      if (item.has("counter") && KernelFlowRules.UNRECORDED.equals(item.path("counter").path("name").asText())) {
        unrecorded = item.path("counter").path("packets").asLong();
      }
      JsonNode set = item.path("set");
      if (set.isMissingNode()) {
        continue;
      }
      String name = set.path("name").asText();
      for (JsonNode e : set.path("elem")) {
        JsonNode elem = e.has("elem") ? e.path("elem") : e;
        JsonNode val = elem.has("val") ? elem.path("val") : elem;
        JsonNode parts = val.path("concat");
        try {
          switch (name) {
            case KernelFlowRules.UDP4_OUT, KernelFlowRules.UDP6_OUT -> udp.add(udp(parts, elem, true));
            case KernelFlowRules.UDP4_IN, KernelFlowRules.UDP6_IN -> udp.add(udp(parts, elem, false));
            case KernelFlowRules.ORIGINS4, KernelFlowRules.ORIGINS6 -> origin(parts, origins, originDepth);
            default -> { }
          }
        } catch (IllegalArgumentException | UnknownHostException ex) {
          problems.add(name + ": " + ex.getMessage());
        }
      }
    }
    return new KernelReading(udp, List.copyOf(origins.values()), unrecorded, problems, true);
  }

  private static UdpCount udp(JsonNode parts, JsonNode elem, boolean out) throws UnknownHostException {
    requireParts(parts, 4);
    FlowKey key = new FlowKey(Protocol.UDP, address(parts.get(0)), port(parts.get(1)), address(parts.get(2)),
        port(parts.get(3)));
    JsonNode c = elem.path("counter");
    if (!c.has("bytes")) {
      throw new IllegalArgumentException("expected a counter on element " + parts + ", got " + c);
    }
    return new UdpCount(key, out, c.path("packets").asLong(), c.path("bytes").asLong());
  }

  /** Keeps, per connection, the origin at the deepest cgroup (a path prints deeper with more slashes). */
  private void origin(JsonNode parts, Map<List<Object>, ConnectionOrigin> out, Map<List<Object>, Integer> depth)
      throws UnknownHostException {
    requireParts(parts, 5);
    int localPort = port(parts.get(0));
    InetAddress remote = address(parts.get(1));
    int remotePort = port(parts.get(2));
    if (!parts.get(3).canConvertToInt()) {
      throw new IllegalArgumentException("expected a uid, got " + parts.get(3));
    }
    int uid = parts.get(3).asInt();
    String cg = parts.get(4).asText();
    OptionalLong id;
    int d = 0;
    if (!cg.isEmpty() && cg.chars().allMatch(Character::isDigit)) {
      id = OptionalLong.of(Long.parseLong(cg));
    } else {
      id = cgroupIdOfPath.apply(cg);
      d = (int) cg.chars().filter(ch -> ch == '/').count() + 1;
    }
    if (id.isEmpty()) {
      throw new IllegalArgumentException("expected a cgroup id or an existing cgroup path, got " + parts.get(4));
    }
    List<Object> conn = List.of(localPort, remote, remotePort);
    Integer before = depth.get(conn);
    if (before == null || d > before) {
      out.put(conn, new ConnectionOrigin(localPort, remote, remotePort, uid, id.getAsLong()));
      depth.put(conn, d);
    }
  }

  private static void requireParts(JsonNode parts, int n) {
    if (!parts.isArray() || parts.size() != n) {
      throw new IllegalArgumentException("expected a concatenation of " + n + " values, got " + parts);
    }
  }

  private static int port(JsonNode n) {
    if (!n.canConvertToInt() || n.asInt() < 0 || n.asInt() > 65535) {
      throw new IllegalArgumentException("expected a port, got " + n);
    }
    return n.asInt();
  }

  private static InetAddress address(JsonNode n) throws UnknownHostException {
    String s = n.asText("");
    if (!n.isTextual() || !(s.indexOf(':') >= 0 || s.matches("[0-9.]+"))) {
      throw new IllegalArgumentException("expected an IP address, got " + n);
    }
    return InetAddress.getByName(s); // a literal: no name lookup
  }
}
