package io.cuttle.controller.annotation;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Turns successive samples of one agent into rates per interface. Counters are unsigned 64-bit:
 * a counter lower than before is a wrap if the distance through 2^64 gives a plausible rate (at
 * most {@link #PLAUSIBLE_FACTOR} times the interface speed, or {@link #MAX_PLAUSIBLE_BPS} when the
 * speed is unknown), and a reset otherwise. A sysUpTime that went backwards means the agent
 * restarted. An interface missing from a sample keeps its baseline, so the next sample measures
 * the average over the whole gap. Not thread-safe; time comes from the samples only.
 */
public final class RateTracker {
  /** Rates above speed times this are taken as counter discontinuities, not traffic. */
  static final double PLAUSIBLE_FACTOR = 1.5;
  /** Upper bound when an interface does not report its speed: 10 Tbit/s. */
  static final double MAX_PLAUSIBLE_BPS = 1e13;

  private record Baseline(int ifIndex, long in, long out, Instant at) {}

  private final Map<InetAddress, Baseline> baselines = new HashMap<>();
  private long lastUpTime = -1;

  /** The rate of every interface in {@code s}, relative to the previous sample of each. */
  public List<InterfaceRate> update(AgentSample s) {
    boolean restarted = lastUpTime >= 0 && s.upTimeTicks() < lastUpTime;
    lastUpTime = s.upTimeTicks();
    if (restarted) {
      baselines.clear();
    }
    List<InterfaceRate> out = new ArrayList<>(s.byAddress().size());
    s.byAddress().forEach((address, c) -> {
      Baseline before = baselines.put(address, new Baseline(c.ifIndex(), c.inOctets(), c.outOctets(), s.at()));
      RateStatus status = restarted ? RateStatus.AGENT_RESTARTED : before == null ? RateStatus.FIRST_SAMPLE : null;
      out.add(status != null ? noRate(address, status, c, s.at()) : rate(address, before, c, s.at()));
    });
    return out;
  }

  private static InterfaceRate rate(InetAddress address, Baseline before, InterfaceCounters c, Instant at) {
    if (before.ifIndex() != c.ifIndex()) {
      return noRate(address, RateStatus.INTERFACE_CHANGED, c, at);
    }
    Duration window = Duration.between(before.at(), at);
    if (window.isZero() || window.isNegative()) {
      return noRate(address, RateStatus.NO_TIME_ELAPSED, c, at);
    }
    double seconds = window.toNanos() / 1e9;
    double max = c.speedBps().isPresent() ? c.speedBps().getAsLong() * PLAUSIBLE_FACTOR : MAX_PLAUSIBLE_BPS;
    Step in = step(before.in(), c.inOctets(), seconds, max);
    Step outStep = step(before.out(), c.outOctets(), seconds, max);
    if (in == null || outStep == null) {
      return noRate(address, RateStatus.COUNTER_RESET, c, at);
    }
    RateStatus status = in.wrapped() || outStep.wrapped() ? RateStatus.WRAPPED : RateStatus.MEASURED;
    return new InterfaceRate(address, status, OptionalLong.of(in.bps()), OptionalLong.of(outStep.bps()),
        c.speedBps(), at, window);
  }

  private record Step(long bps, boolean wrapped) {}

  /** The rate from one counter value to the next, or null if no plausible rate explains it. */
  private static Step step(long before, long after, double seconds, double maxBps) {
    long delta = after - before; // modulo 2^64: also the distance across a wrap
    double bps = unsigned(delta) * 8 / seconds;
    if (bps > maxBps) {
      return null;
    }
    return new Step(Math.round(bps), Long.compareUnsigned(after, before) < 0);
  }

  private static double unsigned(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
  }

  private static InterfaceRate noRate(InetAddress address, RateStatus status, InterfaceCounters c, Instant at) {
    return new InterfaceRate(address, status, OptionalLong.empty(), OptionalLong.empty(), c.speedBps(), at,
        Duration.ZERO);
  }
}
