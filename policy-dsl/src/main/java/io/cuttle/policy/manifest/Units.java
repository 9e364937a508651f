package io.cuttle.policy.manifest;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses quantities with units: rates ({@code 100Mbit/s}, {@code 2.5 Gbit/s}, {@code 800kbit/s},
 * {@code 12.5MB/s}; a bare number is bit/s), sizes ({@code 100MB}, {@code 2GiB}; a bare number is
 * bytes) and durations ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}).
 */
public final class Units {
  private static final Pattern QUANTITY = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z/]*)\\s*");

  private Units() {}

  /** bit/s, or empty if {@code text} is not a rate. */
  public static Optional<Double> rate(String text) {
    Matcher m = QUANTITY.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    double v = Double.parseDouble(m.group(1));
    String u = m.group(2);
    double f = switch (u) {
      case "", "bit/s", "bps" -> 1;
      case "kbit/s", "kbps", "Kbit/s" -> 1e3;
      case "Mbit/s", "Mbps", "mbit/s" -> 1e6;
      case "Gbit/s", "Gbps", "gbit/s" -> 1e9;
      case "B/s" -> 8;
      case "kB/s", "KB/s" -> 8e3;
      case "MB/s" -> 8e6;
      case "GB/s" -> 8e9;
      default -> -1;
    };
    return f < 0 ? Optional.empty() : Optional.of(v * f);
  }

  /** Bytes, or empty if {@code text} is not a size. */
  public static Optional<Double> bytes(String text) {
    Matcher m = QUANTITY.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    double v = Double.parseDouble(m.group(1));
    double f = switch (m.group(2).toUpperCase(Locale.ROOT)) {
      case "", "B" -> 1;
      case "KB" -> 1e3;
      case "MB" -> 1e6;
      case "GB" -> 1e9;
      case "TB" -> 1e12;
      case "KIB" -> 1024;
      case "MIB" -> 1024.0 * 1024;
      case "GIB" -> 1024.0 * 1024 * 1024;
      default -> -1;
    };
    return f < 0 ? Optional.empty() : Optional.of(v * f);
  }

  /** Seconds, or empty if {@code text} is not a duration. */
  public static Optional<Double> seconds(String text) {
    Matcher m = QUANTITY.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    double v = Double.parseDouble(m.group(1));
    double f = switch (m.group(2)) {
      case "ms" -> 1e-3;
      case "s", "" -> 1;
      case "m", "min" -> 60;
      case "h" -> 3600;
      default -> -1;
    };
    return f < 0 ? Optional.empty() : Optional.of(v * f);
  }
}
