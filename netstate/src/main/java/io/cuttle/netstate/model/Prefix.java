package io.cuttle.netstate.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An IPv4 or IPv6 network prefix in canonical form (host bits zero). Immutable.
 */
public final class Prefix implements Comparable<Prefix> {
  private final byte[] address;
  private final int length;

  private Prefix(byte[] address, int length) {
    this.address = address;
    this.length = length;
  }

  /** Builds a prefix from raw network bytes; fails if host bits are set or the length is out of range. */
  public static Prefix of(byte[] address, int length) {
    if (address.length != 4 && address.length != 16) {
      throw new IllegalArgumentException(
          "prefix address must be 4 or 16 bytes, got " + address.length);
    }
    int max = address.length * 8;
    if (length < 0 || length > max) {
      throw new IllegalArgumentException(
          "prefix length must be 0.." + max + ", got " + length);
    }
    byte[] copy = address.clone();
    byte[] masked = mask(copy, length);
    if (!Arrays.equals(copy, masked)) {
      throw new IllegalArgumentException("prefix " + format(copy) + "/" + length
          + " has host bits set; expected " + format(masked) + "/" + length);
    }
    return new Prefix(masked, length);
  }

  /** Parses {@code a.b.c.d/len} or an IPv6 {@code x::/len}; a bare address is a host prefix. */
  public static Prefix parse(String text) {
    String trimmed = text.trim();
    int slash = trimmed.indexOf('/');
    String addr = slash < 0 ? trimmed : trimmed.substring(0, slash);
    byte[] bytes = parseAddress(addr, text);
    int len;
    if (slash < 0) {
      len = bytes.length * 8;
    } else {
      String lenText = trimmed.substring(slash + 1);
      try {
        len = Integer.parseInt(lenText);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "expected a prefix like 10.0.0.0/24, got '" + text + "' (length '" + lenText + "' is not a number)");
      }
    }
    return of(bytes, len);
  }

  /** Parses a literal IPv4/IPv6 address without name resolution. */
  public static InetAddress parseAddress(String text) {
    try {
      return InetAddress.getByAddress(parseAddress(text.trim(), text));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("expected an IP address, got '" + text + "'");
    }
  }

  private static byte[] parseAddress(String addr, String original) {
    if (addr.indexOf(':') >= 0) {
      if (!addr.matches("[0-9a-fA-F:.]+")) {
        throw new IllegalArgumentException("expected an IPv6 address, got '" + original + "'");
      }
      try {
        return InetAddress.getByName(addr).getAddress(); // literal: no lookup for IPv6 syntax
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("expected an IPv6 address, got '" + original + "'");
      }
    }
    String[] parts = addr.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("expected an IPv4 address a.b.c.d, got '" + original + "'");
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      int v;
      try {
        v = Integer.parseInt(parts[i]);
      } catch (NumberFormatException e) {
        v = -1;
      }
      if (v < 0 || v > 255 || parts[i].isEmpty() || parts[i].length() > 3) {
        throw new IllegalArgumentException(
            "expected an IPv4 address a.b.c.d with parts 0..255, got '" + original + "'");
      }
      out[i] = (byte) v;
    }
    return out;
  }

  private static byte[] mask(byte[] addr, int len) {
    byte[] out = addr.clone();
    for (int i = 0; i < out.length; i++) {
      int bits = Math.max(0, Math.min(8, len - i * 8));
      out[i] &= (byte) (0xff << (8 - bits));
    }
    return out;
  }

  private static String format(byte[] a) {
    if (a.length == 4) {
      return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }
    try {
      return InetAddress.getByAddress(a).getHostAddress();
    } catch (UnknownHostException e) {
      return HexFormat.of().formatHex(a);
    }
  }

  public byte[] address() {
    return address.clone();
  }

  public int length() {
    return length;
  }

  public boolean isIpv4() {
    return address.length == 4;
  }

  /** True if {@code addr} lies inside this prefix. */
  public boolean contains(InetAddress addr) {
    byte[] a = addr.getAddress();
    return a.length == address.length && Arrays.equals(mask(a, length), address);
  }

  /** True if {@code other} is equal to or more specific than this prefix. */
  public boolean contains(Prefix other) {
    return other.address.length == address.length && other.length >= length
        && Arrays.equals(mask(other.address, length), address);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Prefix p && p.length == length && Arrays.equals(p.address, address);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(address) * 31 + length;
  }

  @Override
  public int compareTo(Prefix o) {
    int c = Integer.compare(address.length, o.address.length);
    if (c != 0) {
      return c;
    }
    c = Arrays.compareUnsigned(address, o.address);
    return c != 0 ? c : Integer.compare(length, o.length);
  }

  @Override
  public String toString() {
    return format(address) + "/" + length;
  }
}
