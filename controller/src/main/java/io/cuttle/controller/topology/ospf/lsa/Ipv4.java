package io.cuttle.controller.topology.ospf.lsa;

import io.cuttle.netstate.model.Prefix;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Conversions between 32-bit IPv4 numbers, dotted text, addresses and prefixes. */
public final class Ipv4 {
  private Ipv4() {}

  public static String text(int v) {
    return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
  }

  public static byte[] bytes(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  public static InetAddress address(int v) {
    try {
      return InetAddress.getByAddress(bytes(v));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  /** Parses a dotted quad; throws IllegalArgumentException with "expected ..., got ...". */
  public static int parse(String text) {
    byte[] b = Prefix.parseAddress(text).getAddress();
    if (b.length != 4) {
      throw new IllegalArgumentException("expected an IPv4 address a.b.c.d, got '" + text + "'");
    }
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }

  /** The length of a contiguous mask, or -1 if the mask has holes. */
  public static int maskLength(int mask) {
    int len = Integer.bitCount(mask);
    int expected = len == 0 ? 0 : -1 << (32 - len);
    return mask == expected ? len : -1;
  }

  public static int maskOf(int length) {
    return length == 0 ? 0 : -1 << (32 - length);
  }

  /** The prefix {@code address & mask}/length; the mask must be contiguous. */
  public static Prefix prefix(int address, int maskLength) {
    return Prefix.of(bytes(address & maskOf(maskLength)), maskLength);
  }
}
