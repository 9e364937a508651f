package io.cuttle.daemon.flows.capture;

import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Parses link, IP (v4, v6 without extension headers) and TCP/UDP headers of a captured packet.
 * Never throws: anything truncated, fragmented or of another protocol is {@link Optional#empty()}.
 * The direction comes from the link header where it says so (Linux cooked capture, e.g. on
 * {@code any}), else from {@code isLocal} applied to the source address.
 */
public final class HeaderParser {
  /** Link types understood (pcap DLT numbers). */
  public static final int DLT_EN10MB = 1;
  public static final int DLT_RAW = 12;
  public static final int DLT_LINUX_SLL = 113;
  public static final int DLT_LINUX_SLL2 = 276;
  private static final int PACKET_OUTGOING = 4;

  private final int linkType;
  private final Predicate<InetAddress> isLocal;

  public HeaderParser(int linkType, Predicate<InetAddress> isLocal) {
    this.linkType = linkType;
    this.isLocal = isLocal;
  }

  public static boolean supports(int linkType) {
    return linkType == DLT_EN10MB || linkType == DLT_RAW || linkType == DLT_LINUX_SLL || linkType == DLT_LINUX_SLL2;
  }

  public Optional<PacketHeader> parse(byte[] p) {
    try {
      return parseUnchecked(p);
    } catch (ArrayIndexOutOfBoundsException | UnknownHostException e) {
      return Optional.empty();
    }
  }

  private Optional<PacketHeader> parseUnchecked(byte[] p) throws UnknownHostException {
    int off;
    int etherType;
    int direction = -1; // -1: unknown, 1 outgoing, 0 incoming
    switch (linkType) {
      case DLT_LINUX_SLL -> {
        direction = u16(p, 0) == PACKET_OUTGOING ? 1 : 0;
        etherType = u16(p, 14);
        off = 16;
      }
      case DLT_LINUX_SLL2 -> {
        etherType = u16(p, 0);
        direction = (p[10] & 0xff) == PACKET_OUTGOING ? 1 : 0;
        off = 20;
      }
      case DLT_EN10MB -> {
        etherType = u16(p, 12);
        off = 14;
        if (etherType == 0x8100) {
          etherType = u16(p, 16);
          off = 18;
        }
      }
      case DLT_RAW -> {
        etherType = (p[0] >> 4) == 6 ? 0x86dd : 0x0800;
        off = 0;
      }
      default -> {
        return Optional.empty();
      }
    }
    return switch (etherType) {
      case 0x0800 -> ipv4(p, off, direction);
      case 0x86dd -> ipv6(p, off, direction);
      default -> Optional.empty();
    };
  }

  private Optional<PacketHeader> ipv4(byte[] p, int off, int direction) throws UnknownHostException {
    int ihl = (p[off] & 0x0f) * 4;
    int total = u16(p, off + 2);
    int fragOffset = u16(p, off + 6) & 0x1fff;
    if (fragOffset != 0 || ihl < 20) {
      return Optional.empty();
    }
    byte[] src = new byte[4];
    byte[] dst = new byte[4];
    System.arraycopy(p, off + 12, src, 0, 4);
    System.arraycopy(p, off + 16, dst, 0, 4);
    return transport(p, off + ihl, p[off + 9] & 0xff, total - ihl, src, dst, direction);
  }

  private Optional<PacketHeader> ipv6(byte[] p, int off, int direction) throws UnknownHostException {
    int payload = u16(p, off + 4);
    byte[] src = new byte[16];
    byte[] dst = new byte[16];
    System.arraycopy(p, off + 8, src, 0, 16);
    System.arraycopy(p, off + 24, dst, 0, 16);
    return transport(p, off + 40, p[off + 6] & 0xff, payload, src, dst, direction);
  }

  private Optional<PacketHeader> transport(byte[] p, int l4, int proto, int l4Length, byte[] src, byte[] dst,
      int direction) throws UnknownHostException {
    Protocol protocol;
    int payload;
    boolean syn = false;
    if (proto == 17) {
      protocol = Protocol.UDP;
      payload = u16(p, l4 + 4) - 8;
    } else if (proto == 6) {
      protocol = Protocol.TCP;
      int dataOffset = ((p[l4 + 12] >> 4) & 0x0f) * 4;
      syn = (p[l4 + 13] & 0x02) != 0;
      payload = l4Length - dataOffset;
    } else {
      return Optional.empty();
    }
    if (payload < 0) {
      return Optional.empty();
    }
    int sport = u16(p, l4);
    int dport = u16(p, l4 + 2);
    InetAddress s = InetAddress.getByAddress(src);
    InetAddress d = InetAddress.getByAddress(dst);
    boolean out = direction >= 0 ? direction == 1 : isLocal.test(s);
    FlowKey key = out ? new FlowKey(protocol, s, sport, d, dport) : new FlowKey(protocol, d, dport, s, sport);
    return Optional.of(new PacketHeader(key, out, payload, syn));
  }

  private static int u16(byte[] p, int off) {
    return ((p[off] & 0xff) << 8) | (p[off + 1] & 0xff);
  }
}
