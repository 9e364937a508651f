package io.cuttle.controller.annotation;

import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.InterfaceSpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Maps interface rates onto a spec's links through {@link TopologySpec#interfaces()}: the router
 * that owns an interface decides the direction. Bytes sent by end a's interface are the load
 * a->b, bytes it received are b->a (and the reverse for end b). When both ends are measured, each
 * direction is taken from the sender's out-counter, which sees the traffic before any loss on the
 * link; the receiver's in-counter stands in when the sender has no rate.
 */
public final class LinkLoadMapper {
  private LinkLoadMapper() {}

  private static final class Ends {
    OptionalLong sentByA = OptionalLong.empty();
    OptionalLong sentByB = OptionalLong.empty();
    OptionalLong receivedByA = OptionalLong.empty();
    OptionalLong receivedByB = OptionalLong.empty();
    OptionalLong capacity = OptionalLong.empty();
    Instant at = Instant.MIN;

    MeasuredLink result() {
      OptionalLong ab = sentByA.isPresent() ? sentByA : receivedByB;
      OptionalLong ba = sentByB.isPresent() ? sentByB : receivedByA;
      return new MeasuredLink(ab, ba, capacity, at);
    }
  }

  /** Measurements by link name; links without any measured interface are left out. */
  public static Map<String, MeasuredLink> map(TopologySpec spec, Map<InetAddress, InterfaceRate> rates) {
    Map<String, LinkSpec> links = new HashMap<>();
    spec.links().forEach(l -> links.put(l.name(), l));
    Map<String, Ends> ends = new LinkedHashMap<>();
    spec.interfaces().forEach((address, iface) -> {
      InterfaceRate r = rates.get(address);
      LinkSpec link = links.get(iface.link());
      if (r == null || link == null) {
        return;
      }
      Ends e = ends.computeIfAbsent(link.name(), k -> new Ends());
      record(e, link, iface, r);
    });
    Map<String, MeasuredLink> out = new LinkedHashMap<>();
    ends.forEach((name, e) -> {
      MeasuredLink m = e.result();
      if (!m.isEmpty()) {
        out.put(name, m);
      }
    });
    return out;
  }

  private static void record(Ends e, LinkSpec link, InterfaceSpec iface, InterfaceRate r) {
    if (r.speedBps().isPresent()) {
      long s = r.speedBps().getAsLong();
      e.capacity = OptionalLong.of(e.capacity.isPresent() ? Math.min(e.capacity.getAsLong(), s) : s);
    }
    if (r.at().isAfter(e.at)) {
      e.at = r.at();
    }
    if (!r.status().hasRate()) {
      return;
    }
    if (iface.router().equals(link.a())) {
      e.sentByA = r.outBps();
      e.receivedByA = r.inBps();
    } else if (iface.router().equals(link.b())) {
      e.sentByB = r.outBps();
      e.receivedByB = r.inBps();
    }
  }
}
