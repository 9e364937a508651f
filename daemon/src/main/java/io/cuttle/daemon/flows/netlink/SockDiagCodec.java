package io.cuttle.daemon.flows.netlink;

import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Encodes sock_diag dump requests ({@code inet_diag_req_v2}) and decodes the answers
 * ({@code inet_diag_msg} with its attributes). Decoding never throws: a malformed message is
 * skipped and counted in the returned {@link Batch}.
 */
final class SockDiagCodec {
  static final int SOCK_DIAG_BY_FAMILY = 20;
  static final int NLMSG_ERROR = 2;
  static final int NLMSG_DONE = 3;
  static final int AF_INET = 2;
  static final int AF_INET6 = 10;
  static final int IPPROTO_TCP = 6;
  static final int IPPROTO_UDP = 17;
  private static final int NLM_F_REQUEST = 1;
  private static final int NLM_F_DUMP = 0x300;
  private static final int INET_DIAG_INFO = 2;
  private static final int INET_DIAG_PROTOCOL = 10;
  private static final int INET_DIAG_CGROUP_ID = 21;
  private static final int HEADER = 16;
  private static final int MSG = 72;
  private static final int TCPI_BYTES_ACKED = 120;
  private static final int TCPI_BYTES_RECEIVED = 128;
  private static final int TCPI_SEGS_OUT = 136;
  private static final int TCPI_SEGS_IN = 140;

  /** What one received datagram held. */
  record Batch(boolean done, int malformed, Optional<String> error) {}

  private SockDiagCodec() {}

  /** A dump request for every socket of {@code family}/{@code protocol} in the given state mask. */
  static byte[] dumpRequest(int family, int protocol, int states, int seq) {
    ByteBuffer b = ByteBuffer.allocate(HEADER + 56).order(ByteOrder.nativeOrder());
    b.putInt(HEADER + 56).putShort((short) SOCK_DIAG_BY_FAMILY).putShort((short) (NLM_F_REQUEST | NLM_F_DUMP))
        .putInt(seq).putInt(0);
    b.put((byte) family).put((byte) protocol).put((byte) (protocol == IPPROTO_TCP ? 1 << (INET_DIAG_INFO - 1) : 0))
        .put((byte) 0).putInt(states);
    // inet_diag_sockid left zero: no filter.
    return b.array();
  }

  /** Decodes every message in {@code buf[0..len)}, handing each socket to {@code sink}. */
  static Batch decode(byte[] buf, int len, int protocol, Consumer<SocketEntry> sink) {
    ByteBuffer b = ByteBuffer.wrap(buf, 0, len).order(ByteOrder.nativeOrder());
    int malformed = 0;
    int pos = 0;
    while (pos + HEADER <= len) {
      int msgLen = b.getInt(pos);
      int type = b.getShort(pos + 4) & 0xffff;
      if (msgLen < HEADER || pos + msgLen > len) {
        return new Batch(true, malformed + 1, Optional.of("expected a netlink message of 16.." + (len - pos)
            + " bytes, got length " + msgLen));
      }
      if (type == NLMSG_DONE) {
        return new Batch(true, malformed, Optional.empty());
      }
      if (type == NLMSG_ERROR) {
        int errno = msgLen >= HEADER + 4 ? -b.getInt(pos + HEADER) : 0;
        return new Batch(true, malformed, errno == 0 ? Optional.empty()
            : Optional.of("sock_diag answered errno " + errno));
      }
      if (type == SOCK_DIAG_BY_FAMILY) {
        SocketEntry e = entry(b, pos + HEADER, pos + msgLen, protocol);
        if (e == null) {
          malformed++;
        } else {
          sink.accept(e);
        }
      }
      pos += align(msgLen);
    }
    return new Batch(false, malformed, Optional.empty());
  }

  /** Decodes one {@code inet_diag_msg} at {@code off}; null if it is malformed. */
  static SocketEntry entry(ByteBuffer b, int off, int end, int protocol) {
    if (end - off < MSG) {
      return null;
    }
    b.order(ByteOrder.nativeOrder());
    int family = b.get(off) & 0xff;
    int state = b.get(off + 1) & 0xff;
    int sport = Short.toUnsignedInt(b.order(ByteOrder.BIG_ENDIAN).getShort(off + 4));
    int dport = Short.toUnsignedInt(b.getShort(off + 6));
    b.order(ByteOrder.nativeOrder());
    InetAddress src = address(b, off + 8, family);
    InetAddress dst = address(b, off + 24, family);
    if (src == null || dst == null) {
      return null;
    }
    long cookie = (b.getInt(off + 44) & 0xffffffffL) | ((b.getInt(off + 48) & 0xffffffffL) << 32);
    int uid = b.getInt(off + 64);
    long inode = b.getInt(off + 68) & 0xffffffffL;
    TcpCounters counters = null;
    OptionalLong cgroup = OptionalLong.empty();
    int a = off + MSG;
    while (a + 4 <= end) {
      int alen = b.getShort(a) & 0xffff;
      int atype = b.getShort(a + 2) & 0x7fff;
      if (alen < 4 || a + alen > end) {
        return null;
      }
      if (atype == INET_DIAG_INFO && alen - 4 >= TCPI_SEGS_IN + 4) {
        int d = a + 4;
        counters = new TcpCounters(b.getLong(d + TCPI_BYTES_ACKED), b.getLong(d + TCPI_BYTES_RECEIVED),
            b.getInt(d + TCPI_SEGS_OUT) & 0xffffffffL, b.getInt(d + TCPI_SEGS_IN) & 0xffffffffL);
      } else if (atype == INET_DIAG_PROTOCOL && alen - 4 >= 1) {
        protocol = b.get(a + 4) & 0xff; // destroy events say which protocol they are about
      } else if (atype == INET_DIAG_CGROUP_ID && alen - 4 >= 8) {
        cgroup = OptionalLong.of(b.getLong(a + 4));
      }
      a += align(alen);
    }
    if (protocol != IPPROTO_TCP && protocol != IPPROTO_UDP) {
      return null;
    }
    Protocol p = protocol == IPPROTO_TCP ? Protocol.TCP : Protocol.UDP;
    FlowKey key = new FlowKey(p, src, sport, dst, dport);
    return new SocketEntry(key, state, cookie, uid, inode, Optional.ofNullable(counters), cgroup);
  }

  private static InetAddress address(ByteBuffer b, int off, int family) {
    byte[] raw = new byte[family == AF_INET ? 4 : 16];
    if (family != AF_INET && family != AF_INET6) {
      return null;
    }
    b.get(off, raw);
    try {
      return InetAddress.getByAddress(raw);
    } catch (UnknownHostException e) {
      return null; // cannot happen for 4 or 16 bytes
    }
  }

  static int align(int n) {
    return (n + 3) & ~3;
  }
}
