package io.cuttle.daemon.flows.kernel;

import io.cuttle.host.model.FlowKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the kernel's running UDP counters into what each 5-tuple sent and received since the
 * last read. An element the kernel no longer lists (idle past its timeout) is forgotten; one whose
 * counter went backwards was made anew after a timeout, and counts from zero. Not thread-safe.
 */
public final class UdpDeltas {
  private record Last(long packets, long payload) {}

  private record Slot(FlowKey key, boolean outgoing) {}

  private Map<Slot, Last> last = new HashMap<>();

  /**
   * Per 5-tuple since the last call: {payload bytes up, payload bytes down, packets up, packets down},
   * only for 5-tuples with new traffic.
   */
  public Map<FlowKey, long[]> next(List<UdpCount> counts) {
    Map<Slot, Last> now = new HashMap<>(counts.size() * 2);
    Map<FlowKey, long[]> out = new HashMap<>();
    for (UdpCount c : counts) {
      Slot slot = new Slot(c.key(), c.outgoing());
      Last cur = new Last(c.packets(), c.payloadBytes());
      now.put(slot, cur);
      Last before = last.get(slot);
      if (before == null || cur.packets() < before.packets() || cur.payload() < before.payload()) {
        before = new Last(0, 0);
      }
      long packets = cur.packets() - before.packets();
      if (packets == 0) {
        continue;
      }
      long[] v = out.computeIfAbsent(c.key(), k -> new long[4]);
      int dir = c.outgoing() ? 0 : 1;
      v[dir] += cur.payload() - before.payload();
      v[2 + dir] += packets;
    }
    last = now;
    return out;
  }
}
