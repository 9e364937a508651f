package io.cuttle.policy.engine;

import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppRestriction;
import java.util.ArrayList;
import java.util.List;

/** Human-readable restrictions: {@code maxUp 5 Mbit/s, block, dscp 46}. */
public final class Restrictions {
  private Restrictions() {}

  public static String describe(AppRestriction r) {
    List<String> parts = new ArrayList<>();
    r.maxUpBps().ifPresent(v -> parts.add(describe(ActionKind.LIMIT_UP, v)));
    r.maxDownBps().ifPresent(v -> parts.add(describe(ActionKind.LIMIT_DOWN, v)));
    if (r.blocked()) {
      parts.add("block");
    }
    r.dscp().ifPresent(v -> parts.add(describe(ActionKind.MARK, v)));
    return String.join(", ", parts);
  }

  public static String describe(ActionKind kind, long value) {
    return switch (kind) {
      case LIMIT_UP -> "maxUp " + rate(value);
      case LIMIT_DOWN -> "maxDown " + rate(value);
      case BLOCK -> "block";
      case MARK -> "dscp " + value;
    };
  }

  /** {@code 1.5 Mbit/s}, {@code 800 kbit/s}, {@code 12 bit/s}. */
  public static String rate(long bps) {
    if (bps >= 1_000_000_000 && bps % 1_000_000 == 0) {
      return trim(bps / 1e9) + " Gbit/s";
    }
    if (bps >= 1_000_000) {
      return trim(bps / 1e6) + " Mbit/s";
    }
    if (bps >= 1_000) {
      return trim(bps / 1e3) + " kbit/s";
    }
    return bps + " bit/s";
  }

  private static String trim(double v) {
    String s = String.format(java.util.Locale.ROOT, "%.3f", v);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
