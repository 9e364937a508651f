package io.cuttle.enforce.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ClassMeter#paidRateBps} on counters that move like an HTB class at 1 Mbit/s with a backlog:
 * whole packets, each dequeued when the previous one is paid for, readings every 50 ms.
 */
class ClassMeterFitTest {
  private static final double RATE = 1e6;
  private static final long FULL = 68_130;

  /**
   * Readings every 50 ms over {@code window} s of a class whose first packet goes at {@code -phase}
   * s; packets grow from {@code first} bytes to 68,130 over the first {@code ramp} s, as TCP's do.
   */
  private static List<ClassMeter.Reading> htbCounter(double phase, double window, long first, double ramp) {
    List<double[]> dequeues = new ArrayList<>();
    double t = -phase;
    long sent = 0;
    while (t <= window) {
      long size = t >= ramp ? FULL : first + (long) ((FULL - first) * Math.max(0, t) / ramp);
      sent += size;
      dequeues.add(new double[] {t, sent});
      t += size * 8 / RATE;
    }
    List<ClassMeter.Reading> rs = new ArrayList<>();
    for (int i = 0; i * 0.05 <= window + 1e-9; i++) {
      double now = i * 0.05;
      long c = 0;
      for (double[] d : dequeues) {
        if (d[0] <= now) {
          c = (long) d[1];
        }
      }
      rs.add(new ClassMeter.Reading(c, Math.round(now * 1e9)));
    }
    return rs;
  }

  @Test
  void thePaidRateOfWholePacketStepsIsWithinOnePercentWhereTwoReadingsAreNot() {
    double worstPaid = 0;
    double worstEndpoints = 0;
    for (int i = 0; i < 50; i++) {
      List<ClassMeter.Reading> rs = htbCounter(0.545 * i / 50, 7.5, FULL, 0.001);
      worstPaid = Math.max(worstPaid, Math.abs(ClassMeter.paidRateBps(rs) / RATE - 1));
      worstEndpoints = Math.max(worstEndpoints, Math.abs(rs.get(rs.size() - 1).bpsSince(rs.get(0)) / RATE - 1));
    }
    assertThat(worstPaid).isLessThan(0.01);
    assertThat(worstEndpoints).as("two readings are off by up to one packet in the window").isGreaterThan(0.05);
  }

  @Test
  void packetsThatStillGrowDoNotPullThePaidRateUp() {
    for (int i = 0; i < 50; i++) {
      List<ClassMeter.Reading> rs = htbCounter(0.2 * i / 50, 7.5, 15_000, 1.5);
      assertThat(ClassMeter.paidRateBps(rs) / RATE).isBetween(0.99, 1.01);
    }
  }

  @Test
  void aCounterThatMovesFewerThanThreeTimesIsRefused() {
    List<ClassMeter.Reading> rs = List.of(new ClassMeter.Reading(0, 0), new ClassMeter.Reading(68_130, 50_000_000L),
        new ClassMeter.Reading(68_130, 100_000_000L), new ClassMeter.Reading(136_260, 600_000_000L));
    assertThatThrownBy(() -> ClassMeter.paidRateBps(rs)).hasMessageContaining("expected the class counter to move"
        + " at least 3 times, got 2");
  }
}
