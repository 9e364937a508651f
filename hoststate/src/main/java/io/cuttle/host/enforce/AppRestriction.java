package io.cuttle.host.enforce;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What one application is held to: egress and ingress limits in bit/s, a block, a DSCP mark.
 * Absent parts mean "no restriction of that kind". Build with {@link #of(String)} and the withers.
 */
public record AppRestriction(String app, OptionalLong maxUpBps, OptionalLong maxDownBps, boolean blocked,
    OptionalInt dscp) {
  public AppRestriction {
    Objects.requireNonNull(app, "app");
    if (app.isBlank()) {
      throw new IllegalArgumentException("app: expected a name, got an empty string");
    }
    requirePositive(app, "maxUp", maxUpBps);
    requirePositive(app, "maxDown", maxDownBps);
    if (dscp.isPresent() && (dscp.getAsInt() < 0 || dscp.getAsInt() > 63)) {
      throw new IllegalArgumentException(app + ": dscp: expected 0..63, got " + dscp.getAsInt());
    }
  }

  /** No restriction yet for {@code app}. */
  public static AppRestriction of(String app) {
    return new AppRestriction(app, OptionalLong.empty(), OptionalLong.empty(), false, OptionalInt.empty());
  }

  public AppRestriction withMaxUp(long bps) {
    return new AppRestriction(app, OptionalLong.of(bps), maxDownBps, blocked, dscp);
  }

  public AppRestriction withMaxDown(long bps) {
    return new AppRestriction(app, maxUpBps, OptionalLong.of(bps), blocked, dscp);
  }

  public AppRestriction withBlock() {
    return new AppRestriction(app, maxUpBps, maxDownBps, true, dscp);
  }

  public AppRestriction withDscp(int value) {
    return new AppRestriction(app, maxUpBps, maxDownBps, blocked, OptionalInt.of(value));
  }

  /** True when nothing is asked of the operating system. */
  public boolean isEmpty() {
    return maxUpBps.isEmpty() && maxDownBps.isEmpty() && !blocked && dscp.isEmpty();
  }

  /**
   * The combination of two restrictions on the same app: the lower of each limit, a block if either
   * blocks; the DSCP mark of {@code this} unless it has none.
   */
  public AppRestriction strictest(AppRestriction o) {
    if (!app.equals(o.app)) {
      throw new IllegalArgumentException("expected restrictions of one app, got '" + app + "' and '" + o.app + "'");
    }
    return new AppRestriction(app, min(maxUpBps, o.maxUpBps), min(maxDownBps, o.maxDownBps), blocked || o.blocked,
        dscp.isPresent() ? dscp : o.dscp);
  }

  private static OptionalLong min(OptionalLong a, OptionalLong b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() ? a : OptionalLong.of(Math.min(a.getAsLong(), b.getAsLong()));
  }

  private static void requirePositive(String app, String field, OptionalLong v) {
    if (v.isPresent() && v.getAsLong() <= 0) {
      throw new IllegalArgumentException(app + ": " + field + ": expected a rate > 0 bit/s, got " + v.getAsLong());
    }
  }
}
