package io.cuttle.controller.topology.file;

import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostics;
import io.cuttle.netstate.model.Prefix;
import io.cuttle.netstate.model.Router;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scalar syntaxes of a topology file: names, OSPF areas, prefixes, bit rates, money and
 * instants. Each reads one {@link ConfigNode}, records an "expected X, got Y" diagnostic on bad
 * input and returns empty.
 */
public final class Values {
  static final String BACKBONE = "0.0.0.0";
  public static final String NAME_SYNTAX = "a name of letters, digits, '.', '_' or '-'";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern BIT_RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKMGT]?)(?:bps)?");
  private static final Pattern DECIMAL = Pattern.compile("\\d+(?:\\.\\d{1,6})?");
  private static final String BIT_RATE_SYNTAX = "a bit rate like 1G, 300M, 64k or 1500000";
  private static final String MONEY_SYNTAX = "an amount >= 0 with at most 6 decimals, like 0.05";
  private static final String INSTANT_SYNTAX = "an ISO-8601 time like 2025-06-01T12:00:00Z";

  private Values() {}

  /** A required entity name. */
  static Optional<String> name(ConfigNode n, Diagnostics d) {
    n.require(d, NAME_SYNTAX);
    return optionalName(n, d);
  }

  /** A name if present. */
  static Optional<String> optionalName(ConfigNode n, Diagnostics d) {
    if (n.isMissing()) {
      return Optional.empty();
    }
    String s = n.string(d, null);
    if (s == null) {
      return Optional.empty();
    }
    if (!isName(s)) {
      d.expected(n, NAME_SYNTAX + " (at most 64)");
      return Optional.empty();
    }
    return Optional.of(s);
  }

  public static boolean isName(String s) {
    return NAME.matcher(s).matches();
  }

  /** An OSPF area as a dotted quad ({@code 0.0.0.1}) or a number ({@code 1}), in dotted-quad form. */
  static Optional<String> area(ConfigNode n, Diagnostics d) {
    return n.parsed(d, "an area like 0.0.0.1 or 1", Values::parseArea);
  }

  static String parseArea(String text) {
    String t = text.trim();
    if (t.matches("\\d{1,10}")) {
      long v = Long.parseLong(t);
      if (v > 0xffffffffL) {
        throw new IllegalArgumentException("area number " + v + " is larger than 4294967295");
      }
      return dottedQuad((int) v);
    }
    return dottedQuad(parseRouterId(t));
  }

  static int parseRouterId(String text) {
    try {
      return Router.parseRouterId(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("four numbers 0..255 separated by dots");
    }
  }

  static String dottedQuad(int v) {
    return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
  }

  /** A required dotted-quad router id. */
  static Optional<Integer> routerId(ConfigNode n, Diagnostics d) {
    n.require(d, "a router id like 10.255.0.1");
    return n.parsed(d, "a router id like 10.255.0.1", Values::parseRouterId);
  }

  /** A required prefix in canonical form (no host bits set). */
  static Optional<Prefix> prefix(ConfigNode n, Diagnostics d) {
    n.require(d, "a prefix like 10.1.0.0/24");
    return n.parsed(d, "a prefix like 10.1.0.0/24", Prefix::parse);
  }

  /** A bit rate: plain bit/s or a number with k, M, G or T (powers of 1000) and optional "bps". */
  static OptionalLong bitRate(ConfigNode n, Diagnostics d) {
    Optional<Long> v = n.parsed(d, BIT_RATE_SYNTAX, Values::parseBitRate);
    return v.isPresent() ? OptionalLong.of(v.get()) : OptionalLong.empty();
  }

  public static long parseBitRate(String text) {
    Matcher m = BIT_RATE.matcher(text.trim().replace("_", ""));
    if (!m.matches()) {
      throw new IllegalArgumentException("units are k, M, G or T (powers of 1000), optionally followed by bps");
    }
    int exponent = switch (m.group(2)) {
      case "" -> 0;
      case "k", "K" -> 3;
      case "M" -> 6;
      case "G" -> 9;
      default -> 12;
    };
    BigDecimal bits = new BigDecimal(m.group(1)).scaleByPowerOfTen(exponent);
    try {
      return bits.longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("not a whole number of bit/s or too large");
    }
  }

  /** A decimal amount of money, returned in millionths. */
  static OptionalLong micros(ConfigNode n, Diagnostics d) {
    Optional<Long> v = n.parsed(d, MONEY_SYNTAX, Values::parseMicros);
    return v.isPresent() ? OptionalLong.of(v.get()) : OptionalLong.empty();
  }

  public static long parseMicros(String text) {
    String t = text.trim().replace("_", "");
    if (!DECIMAL.matcher(t).matches()) {
      throw new IllegalArgumentException("not a plain decimal number");
    }
    try {
      return new BigDecimal(t).scaleByPowerOfTen(6).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("too large");
    }
  }

  /** An ISO-8601 date-time with an offset or Z. */
  static Optional<Instant> instant(ConfigNode n, Diagnostics d) {
    return n.parsed(d, INSTANT_SYNTAX, Values::parseInstant);
  }

  static Instant parseInstant(String text) {
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }
}
