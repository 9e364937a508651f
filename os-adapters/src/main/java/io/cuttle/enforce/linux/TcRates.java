package io.cuttle.enforce.linux;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** tc's printed rates ("5Mbit", "1.5Gbit", "800bit") to bit/s, and the HTB parameters we choose. */
final class TcRates {
  private static final Pattern RATE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([KMGT]?)bit");

  private TcRates() {
  }

  static Optional<Long> parse(String s) {
    Matcher m = RATE.matcher(s);
    if (!m.matches()) {
      return Optional.empty();
    }
    double v = Double.parseDouble(m.group(1));
    long mult = switch (m.group(2)) {
      case "K" -> 1_000L;
      case "M" -> 1_000_000L;
      case "G" -> 1_000_000_000L;
      case "T" -> 1_000_000_000_000L;
      default -> 1L;
    };
    return Optional.of(Math.round(v * mult));
  }

  /** True when the kernel's (rounded, printed) rate is the one we asked for. */
  static boolean same(long wanted, long printed) {
    return Math.abs(wanted - printed) <= Math.max(8, wanted / 200);
  }

  /** HTB burst and cburst in bytes: 2 ms at the rate, at least one full-size packet. */
  static long burst(long bps) {
    return Math.max(1600, bps / 4000);
  }

  /** HTB quantum in bytes: rate/80 (r2q 10) kept between one MTU-sized packet and 200,000. */
  static long quantum(long bps) {
    return Math.max(1600, Math.min(200_000, bps / 80));
  }
}
