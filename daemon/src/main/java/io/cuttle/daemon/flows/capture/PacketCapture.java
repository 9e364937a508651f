package io.cuttle.daemon.flows.capture;

import io.cuttle.daemon.flows.netlink.Netns;
import java.net.InetAddress;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.RawPacketListener;

/**
 * Headers-only packet capture with pcap4j on one interface: a snap length that keeps only the
 * headers, a BPF filter that keeps UDP and TCP connection set-up (TCP volumes come from the
 * kernel's counters), a large kernel buffer, and libpcap's statistics as the capture's own
 * report of drops. {@link #run} blocks on the calling thread until {@link #close()}.
 */
public final class PacketCapture implements AutoCloseable {
  /** UDP datagrams, and TCP segments that open a connection (SYN, SYN-ACK). */
  public static final String FILTER = "udp or (tcp and tcp[tcpflags] & tcp-syn != 0)"
      + " or (ip6 and tcp and ip6[53] & 2 != 0)";
  /** TCP connection set-up only, for when the kernel counts UDP. */
  public static final String SYN_FILTER = "(tcp and tcp[tcpflags] & tcp-syn != 0) or (ip6 and tcp and ip6[53] & 2 != 0)";
  static final int SNAPLEN = 128;

  private final String device;
  private final PcapHandle handle;
  private final HeaderParser parser;
  private volatile boolean closed;
  private volatile long parsed;

  private PacketCapture(String device, PcapHandle handle, HeaderParser parser) {
    this.device = device;
    this.handle = handle;
    this.parser = parser;
  }

  /**
   * Opens {@code device} in {@code netns} with a kernel buffer of {@code bufferBytes}.
   *
   * @param isLocal tells this host's addresses, for link types that do not carry the direction
   * @throws CaptureException if libpcap cannot open it (no such device, no CAP_NET_RAW, ...)
   */
  public static PacketCapture open(Netns netns, String device, int bufferBytes, Predicate<InetAddress> isLocal)
      throws CaptureException {
    return open(netns, device, bufferBytes, FILTER, isLocal);
  }

  /** Opens {@code device} as above with BPF filter {@code filter} ({@link #FILTER} or {@link #SYN_FILTER}). */
  public static PacketCapture open(Netns netns, String device, int bufferBytes, String filter,
      Predicate<InetAddress> isLocal) throws CaptureException {
    Objects.requireNonNull(device, "device");
    PcapHandle h;
    try {
      h = netns.call(() -> new PcapHandle.Builder(device).snaplen(SNAPLEN)
          .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
          .timeoutMillis(1).bufferSize(bufferBytes).build());
    } catch (Exception | UnsatisfiedLinkError e) {
      throw new CaptureException("cannot capture on " + device + " in namespace " + netns + ": " + e.getMessage());
    }
    try {
      int dlt = h.getDlt().value();
      if (!HeaderParser.supports(dlt)) {
        throw new CaptureException("cannot capture on " + device + ": expected an Ethernet, raw IP or Linux "
            + "cooked link type, got DLT " + dlt);
      }
      h.setFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE);
      return new PacketCapture(device, h, new HeaderParser(dlt, isLocal));
    } catch (PcapNativeException | NotOpenException e) {
      h.close();
      throw new CaptureException("cannot set the capture filter on " + device + ": " + e.getMessage());
    } catch (CaptureException e) {
      h.close();
      throw e;
    }
  }

  /**
   * Hands every understood packet header to {@code sink} until closed, and runs
   * {@code afterBatch} after each batch the kernel delivered (so the sink can aggregate).
   */
  public void run(Consumer<PacketHeader> sink, Runnable afterBatch) throws CaptureException {
    long[] count = {0};
    RawPacketListener listener = raw -> parser.parse(raw).ifPresent(p -> {
      count[0]++;
      sink.accept(p);
    });
    try {
      while (!closed) {
        handle.dispatch(-1, listener);
        parsed = count[0];
        afterBatch.run();
      }
    } catch (NotOpenException e) {
      // Closed: done.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (PcapNativeException e) {
      if (!closed) {
        throw new CaptureException("capture on " + device + " failed: " + e.getMessage());
      }
    }
  }

  /** Received, dropped and parsed packets so far. */
  public CaptureStats stats() {
    try {
      PcapStat s = handle.getStats();
      return new CaptureStats(s.getNumPacketsReceived(), s.getNumPacketsDropped(), s.getNumPacketsDroppedByIf(),
          parsed);
    } catch (PcapNativeException | NotOpenException e) {
      return new CaptureStats(0, 0, 0, parsed);
    }
  }

  public String device() {
    return device;
  }

  /** Stops {@link #run}; call {@link #close()} once it has returned. */
  public void stop() {
    closed = true;
    try {
      handle.breakLoop(); // wakes a dispatch blocked on an idle interface
    } catch (NotOpenException e) {
      // Already closed.
    }
  }

  @Override
  public void close() {
    closed = true;
    handle.close();
  }
}
