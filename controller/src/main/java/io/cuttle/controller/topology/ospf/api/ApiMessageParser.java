package io.cuttle.controller.topology.ospf.api;

import io.cuttle.controller.topology.ospf.lsa.LsaHeader;
import java.nio.ByteBuffer;

/** Turns an {@link ApiFrame} into an {@link ApiMessage}, or says why it cannot. Never throws. */
public final class ApiMessageParser {
  /** The result: a message, or a problem naming the message type and field. */
  public sealed interface Parsed {
    record Ok(ApiMessage message) implements Parsed {}

    record Malformed(String problem) implements Parsed {}
  }

  private ApiMessageParser() {}

  public static Parsed parse(ApiFrame f) {
    ByteBuffer b = f.bodyBuffer();
    long seq = f.sequence();
    return switch (f.type()) {
      case ApiMessage.REPLY -> need(f, "REPLY", 4) ? ok(new ApiMessage.Reply(seq, b.get())) : short_(f, "REPLY", 4);
      case ApiMessage.LSA_UPDATE_NOTIFY, ApiMessage.LSA_DELETE_NOTIFY -> lsaChange(f, b);
      case ApiMessage.ISM_CHANGE -> need(f, "ISM_CHANGE", 12)
          ? ok(new ApiMessage.IsmChange(seq, b.getInt(), b.getInt(), b.get() & 0xff)) : short_(f, "ISM_CHANGE", 12);
      case ApiMessage.NSM_CHANGE -> need(f, "NSM_CHANGE", 16)
          ? ok(new ApiMessage.NsmChange(seq, b.getInt(), b.getInt(), b.getInt(), b.get() & 0xff))
          : short_(f, "NSM_CHANGE", 16);
      case ApiMessage.ROUTER_ID_CHANGE -> need(f, "ROUTER_ID_CHANGE", 4)
          ? ok(new ApiMessage.RouterIdChange(seq, b.getInt())) : short_(f, "ROUTER_ID_CHANGE", 4);
      default -> ok(new ApiMessage.Unknown(seq, f.type(), f.body().length));
    };
  }

  private static Parsed lsaChange(ApiFrame f, ByteBuffer b) {
    boolean deleted = f.type() == ApiMessage.LSA_DELETE_NOTIFY;
    String name = deleted ? "LSA_DELETE_NOTIFY" : "LSA_UPDATE_NOTIFY";
    int fixed = 12;
    if (!need(f, name, fixed + LsaHeader.SIZE)) {
      return short_(f, name, fixed + LsaHeader.SIZE);
    }
    int ifaddr = b.getInt();
    int area = b.getInt();
    boolean self = b.get() != 0;
    b.position(fixed);
    int lsaLength = b.getShort(fixed + 18) & 0xffff;
    if (lsaLength > b.remaining()) {
      return new Parsed.Malformed(name + " (seq " + f.sequence() + "): LSA length: expected at most "
          + b.remaining() + " (the bytes in the message), got " + lsaLength);
    }
    byte[] lsa = new byte[b.remaining()];
    b.get(lsa);
    return ok(new ApiMessage.LsaChange(f.sequence(), deleted, ifaddr, area, self, lsa));
  }

  private static boolean need(ApiFrame f, String name, int bytes) {
    return f.body().length >= bytes;
  }

  private static Parsed short_(ApiFrame f, String name, int bytes) {
    return new Parsed.Malformed(name + " (seq " + f.sequence() + "): body: expected at least " + bytes
        + " bytes, got " + f.body().length);
  }

  private static Parsed ok(ApiMessage m) {
    return new Parsed.Ok(m);
  }
}
