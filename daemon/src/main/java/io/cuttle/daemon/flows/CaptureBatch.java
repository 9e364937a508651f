package io.cuttle.daemon.flows;

import io.cuttle.daemon.flows.capture.PacketHeader;
import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.Protocol;
import java.util.HashMap;
import java.util.Map;

/**
 * Captured packets of one kernel batch summed per UDP 5-tuple (bytes and packets each way), and
 * whether a TCP connection was set up; owned by the capture thread.
 */
final class CaptureBatch {
  private final Map<FlowKey, long[]> udp = new HashMap<>();
  private boolean syn;

  void add(PacketHeader h) {
    if (h.key().protocol() == Protocol.TCP) {
      syn |= h.syn();
      return;
    }
    long[] v = udp.computeIfAbsent(h.key(), k -> new long[4]);
    if (h.outgoing()) {
      v[0] += h.payloadBytes();
      v[2]++;
    } else {
      v[1] += h.payloadBytes();
      v[3]++;
    }
  }

  boolean isEmpty() {
    return udp.isEmpty() && !syn;
  }

  boolean sawSyn() {
    return syn;
  }

  Map<FlowKey, long[]> udp() {
    return udp;
  }

  void clear() {
    udp.clear();
    syn = false;
  }
}
