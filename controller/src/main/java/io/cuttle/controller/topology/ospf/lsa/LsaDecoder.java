package io.cuttle.controller.topology.ospf.lsa;

import io.cuttle.controller.topology.ospf.lsa.Lsa.ExternalLsa;
import io.cuttle.controller.topology.ospf.lsa.Lsa.LinkKind;
import io.cuttle.controller.topology.ospf.lsa.Lsa.NetworkLsa;
import io.cuttle.controller.topology.ospf.lsa.Lsa.RouterLink;
import io.cuttle.controller.topology.ospf.lsa.Lsa.RouterLsa;
import io.cuttle.controller.topology.ospf.lsa.Lsa.SummaryLsa;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes OSPFv2 LSAs (RFC 2328 A.4). Checks the length field against the bytes, the Fletcher
 * checksum, and every type's fixed layout; never throws: bad input is a {@link
 * LsaDecodeResult.Malformed} whose message names the field, what was expected and what arrived.
 */
public final class LsaDecoder {
  private LsaDecoder() {}

  public static LsaDecodeResult decode(byte[] bytes) {
    if (bytes.length < LsaHeader.SIZE) {
      return malformed("LSA header: expected at least 20 bytes, got " + bytes.length);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    LsaHeader h = new LsaHeader(b.getShort() & 0xffff, b.get() & 0xff, b.get() & 0xff, b.getInt(), b.getInt(),
        b.getInt(), b.getShort() & 0xffff, b.getShort() & 0xffff);
    String where = "LSA " + h.key() + ": ";
    if (h.length() < LsaHeader.SIZE || h.length() > bytes.length) {
      return malformed(where + "length: expected 20.." + bytes.length + " (the bytes received), got " + h.length());
    }
    if (h.type() < 1 || h.type() > 11) {
      return malformed(where + "type: expected 1..11, got " + h.type());
    }
    if (!checksumValid(bytes, h.length())) {
      return malformed(where + "checksum: expected a valid Fletcher checksum, got 0x"
          + Integer.toHexString(h.checksum()) + " that does not match the contents");
    }
    ByteBuffer body = ByteBuffer.wrap(bytes, LsaHeader.SIZE, h.length() - LsaHeader.SIZE).slice();
    try {
      return switch (h.type()) {
        case Lsa.ROUTER -> router(h, body, where);
        case Lsa.NETWORK -> network(h, body, where);
        case Lsa.SUMMARY, Lsa.ASBR_SUMMARY -> summary(h, body, where);
        case Lsa.AS_EXTERNAL -> external(h, body, where);
        default -> new LsaDecodeResult.Decoded(new Lsa.Other(h));
      };
    } catch (BufferUnderflowException e) {
      return malformed(where + "body: expected more bytes than the " + body.capacity() + " the length allows");
    }
  }

  private static LsaDecodeResult router(LsaHeader h, ByteBuffer b, String where) {
    int flags = b.get() & 0xff;
    b.get();
    int count = b.getShort() & 0xffff;
    List<RouterLink> links = new ArrayList<>(Math.min(count, 1024));
    for (int i = 0; i < count; i++) {
      int id = b.getInt();
      int data = b.getInt();
      int type = b.get() & 0xff;
      int tosCount = b.get() & 0xff;
      int metric = b.getShort() & 0xffff;
      if (b.remaining() < 4 * tosCount) {
        return malformed(where + "link " + i + " TOS metrics: expected " + tosCount + " (" + 4 * tosCount
            + " bytes), got " + b.remaining() + " bytes");
      }
      b.position(b.position() + 4 * tosCount);
      LinkKind kind = LinkKind.of(type);
      if (kind == null) {
        return malformed(where + "link " + i + " type: expected 1..4, got " + type);
      }
      links.add(new RouterLink(kind, id, data, metric));
    }
    if (b.hasRemaining()) {
      return malformed(where + "links: expected " + count + " links to fill the LSA, got "
          + b.remaining() + " bytes left over");
    }
    return decoded(new RouterLsa(h, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, links));
  }

  private static LsaDecodeResult network(LsaHeader h, ByteBuffer b, String where) {
    int mask = b.getInt();
    if (Ipv4.maskLength(mask) < 0) {
      return malformed(where + "network mask: expected a contiguous mask, got " + Ipv4.text(mask));
    }
    if (b.remaining() % 4 != 0 || b.remaining() == 0) {
      return malformed(where + "attached routers: expected a non-empty list of 4-byte ids, got "
          + b.remaining() + " bytes");
    }
    List<Integer> routers = new ArrayList<>();
    while (b.hasRemaining()) {
      routers.add(b.getInt());
    }
    return decoded(new NetworkLsa(h, mask, routers));
  }

  private static LsaDecodeResult summary(LsaHeader h, ByteBuffer b, String where) {
    int mask = b.getInt();
    if (h.type() == Lsa.SUMMARY && Ipv4.maskLength(mask) < 0) {
      return malformed(where + "network mask: expected a contiguous mask, got " + Ipv4.text(mask));
    }
    int metric = b.getInt() & 0xffffff;
    return decoded(new SummaryLsa(h, mask, metric));
  }

  private static LsaDecodeResult external(LsaHeader h, ByteBuffer b, String where) {
    int mask = b.getInt();
    if (Ipv4.maskLength(mask) < 0) {
      return malformed(where + "network mask: expected a contiguous mask, got " + Ipv4.text(mask));
    }
    int word = b.getInt();
    int forwarding = b.getInt();
    int tag = b.getInt();
    return decoded(new ExternalLsa(h, mask, (word & 0x80000000) != 0, word & 0xffffff, forwarding, tag));
  }

  /** RFC 905 Fletcher checksum over everything but the age field: both sums must be zero. */
  static boolean checksumValid(byte[] bytes, int length) {
    int c0 = 0;
    int c1 = 0;
    for (int i = 2; i < length; i++) {
      c0 = (c0 + (bytes[i] & 0xff)) % 255;
      c1 = (c1 + c0) % 255;
    }
    return c0 == 0 && c1 == 0;
  }

  /** Fills in the checksum of an LSA whose checksum field is zero (for tests and replays). */
  public static void setChecksum(byte[] bytes, int length) {
    bytes[16] = 0;
    bytes[17] = 0;
    int c0 = 0;
    int c1 = 0;
    for (int i = 2; i < length; i++) {
      c0 = (c0 + (bytes[i] & 0xff)) % 255;
      c1 = (c1 + c0) % 255;
    }
    int offset = 16 - 2 + 1; // checksum position counted from the first summed byte, 1-based
    int x = ((length - 2 - offset) * c0 - c1) % 255;
    if (x <= 0) {
      x += 255;
    }
    int y = 510 - c0 - x;
    if (y > 255) {
      y -= 255;
    }
    bytes[16] = (byte) x;
    bytes[17] = (byte) y;
  }

  private static LsaDecodeResult decoded(Lsa lsa) {
    return new LsaDecodeResult.Decoded(lsa);
  }

  private static LsaDecodeResult malformed(String problem) {
    return new LsaDecodeResult.Malformed(problem);
  }
}
