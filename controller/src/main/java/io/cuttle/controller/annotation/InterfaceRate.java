package io.cuttle.controller.annotation;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The rates of one interface over the window between two samples, in bit/s. The rates are present
 * exactly when {@link RateStatus#hasRate()}.
 *
 * @param address  the interface address the sample was keyed by
 * @param inBps    received bit/s
 * @param outBps   sent bit/s
 * @param speedBps the interface speed the agent reported, if any
 * @param at       time of the newer sample
 * @param window   time between the two samples (zero without a rate)
 */
public record InterfaceRate(InetAddress address, RateStatus status, OptionalLong inBps, OptionalLong outBps,
    OptionalLong speedBps, Instant at, Duration window) {
  public InterfaceRate {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(inBps, "inBps");
    Objects.requireNonNull(outBps, "outBps");
    Objects.requireNonNull(speedBps, "speedBps");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(window, "window");
    if (status.hasRate() != (inBps.isPresent() && outBps.isPresent())) {
      throw new IllegalArgumentException("status " + status + " expects rates "
          + (status.hasRate() ? "present" : "absent") + ", got in=" + inBps + " out=" + outBps);
    }
  }
}
