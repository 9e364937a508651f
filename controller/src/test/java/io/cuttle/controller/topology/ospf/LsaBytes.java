package io.cuttle.controller.topology.ospf;

import io.cuttle.controller.topology.ospf.lsa.Ipv4;
import io.cuttle.controller.topology.ospf.lsa.LsaDecoder;
import java.nio.ByteBuffer;

/** Builds wire-format LSAs (RFC 2328 A.4) with valid checksums, for tests and benchmarks. */
public final class LsaBytes {
  private LsaBytes() {}

  /** A router-LSA link: type 1 p2p, 2 transit, 3 stub, 4 virtual. */
  public record L(int type, String id, String data, int metric) {}

  public static L p2p(String neighbor, String ifaddr, int metric) {
    return new L(1, neighbor, ifaddr, metric);
  }

  public static L transit(String dr, String ifaddr, int metric) {
    return new L(2, dr, ifaddr, metric);
  }

  public static L stub(String network, String mask, int metric) {
    return new L(3, network, mask, metric);
  }

  public static byte[] router(String rid, int seq, int flags, L... links) {
    ByteBuffer b = ByteBuffer.allocate(4 + 12 * links.length);
    b.put((byte) flags).put((byte) 0).putShort((short) links.length);
    for (L l : links) {
      b.putInt(Ipv4.parse(l.id())).putInt(Ipv4.parse(l.data())).put((byte) l.type()).put((byte) 0)
          .putShort((short) l.metric());
    }
    return lsa(1, rid, rid, seq, b.array());
  }

  public static byte[] network(String dr, String adv, int seq, String mask, String... attached) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * attached.length).putInt(Ipv4.parse(mask));
    for (String a : attached) {
      b.putInt(Ipv4.parse(a));
    }
    return lsa(2, dr, adv, seq, b.array());
  }

  public static byte[] summary(int type, String id, String adv, int seq, String mask, int metric) {
    return lsa(type, id, adv, seq, ByteBuffer.allocate(8).putInt(Ipv4.parse(mask)).putInt(metric).array());
  }

  public static byte[] external(String id, String adv, int seq, String mask, boolean e2, int metric) {
    ByteBuffer b = ByteBuffer.allocate(16).putInt(Ipv4.parse(mask)).putInt((e2 ? 0x80000000 : 0) | metric)
        .putInt(0).putInt(0);
    return lsa(5, id, adv, seq, b.array());
  }

  public static byte[] lsa(int type, String id, String adv, int seq, byte[] body) {
    int length = 20 + body.length;
    ByteBuffer b = ByteBuffer.allocate(length);
    b.putShort((short) 1).put((byte) 0x02).put((byte) type).putInt(Ipv4.parse(id)).putInt(Ipv4.parse(adv))
        .putInt(0x80000000 + seq).putShort((short) 0).putShort((short) length).put(body);
    byte[] out = b.array();
    LsaDecoder.setChecksum(out, length);
    return out;
  }

  /** The same LSA with another age (ages are outside the checksum). */
  public static byte[] withAge(byte[] lsa, int age) {
    byte[] c = lsa.clone();
    c[0] = (byte) (age >>> 8);
    c[1] = (byte) age;
    return c;
  }
}
