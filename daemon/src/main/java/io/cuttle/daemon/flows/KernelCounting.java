package io.cuttle.daemon.flows;

import io.cuttle.daemon.flows.kernel.ConnectionOrigin;
import io.cuttle.daemon.flows.kernel.KernelFlowTable;
import io.cuttle.daemon.flows.kernel.KernelReading;
import io.cuttle.daemon.flows.kernel.UdpDeltas;
import io.cuttle.host.model.FlowKey;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel side of flow accounting: reads the accounting's nft table and hands out what UDP
 * 5-tuples sent and received since the last read, and the recorded origin (uid, cgroup) of each
 * outgoing TCP connection. Owns the table: {@link #close()} removes it. Called from the tick only.
 */
final class KernelCounting implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KernelCounting.class);
  private final KernelFlowTable table;
  private final UdpDeltas deltas = new UdpDeltas();
  private volatile long unrecorded;
  private volatile long reads;
  private String lastProblem; // guarded by this

  KernelCounting(KernelFlowTable table) {
    this.table = table;
  }

  /** One read: UDP traffic per 5-tuple since the last ({bytes up, bytes down, packets up, packets down}), and origins. */
  record Pass(Map<FlowKey, long[]> udp, Origins origins) {}

  /** Connection origins by local port and remote end. */
  static final class Origins {
    private final Map<List<Object>, ConnectionOrigin> byConnection = new HashMap<>();

    Origins(List<ConnectionOrigin> origins) {
      for (ConnectionOrigin o : origins) {
        byConnection.put(List.of(o.localPort(), o.remoteAddress(), o.remotePort()), o);
      }
    }

    Optional<ConnectionOrigin> of(FlowKey key) {
      InetAddress remote = key.remoteAddress();
      return Optional.ofNullable(byConnection.get(List.of(key.localPort(), remote, key.remotePort())));
    }

    boolean isEmpty() {
      return byConnection.isEmpty();
    }
  }

  /**
   * Reads the table. Serialised, so that each growth of a counter is handed out once; a failed
   * listing hands out nothing and keeps the last counters (the next read counts what it missed).
   */
  synchronized Pass read() {
    KernelReading r = table.read();
    reads++;
    unrecorded = r.unrecorded();
    if (!r.problems().isEmpty()) {
      String p = r.problems().get(0);
      if (!p.equals(lastProblem)) {
        log.warn("flow accounting kernel table: {} ({} problems)", p, r.problems().size());
        lastProblem = p;
      }
    }
    if (!r.listed()) {
      return new Pass(Map.of(), new Origins(List.of()));
    }
    return new Pass(deltas.next(r.udp()), new Origins(r.origins()));
  }

  /** UDP datagrams the kernel could not record because a set was full. */
  long unrecorded() {
    return unrecorded;
  }

  long reads() {
    return reads;
  }

  String tableName() {
    return table.name();
  }

  @Override
  public void close() {
    table.close();
  }
}
