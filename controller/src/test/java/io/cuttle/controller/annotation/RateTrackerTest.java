package io.cuttle.controller.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RateTrackerTest {
  private static final InetAddress A = LabTopology.ip("10.0.12.1");
  private static final InetAddress B = LabTopology.ip("10.0.13.1");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final OptionalLong GIGABIT = OptionalLong.of(1_000_000_000L);

  private final RateTracker tracker = new RateTracker();

  private static AgentSample sample(long seconds, long upTime, Map<InetAddress, InterfaceCounters> counters) {
    return new AgentSample(T0.plusSeconds(seconds), upTime, counters);
  }

  private static Map<InetAddress, InterfaceCounters> one(InetAddress a, int ifIndex, long in, long out) {
    Map<InetAddress, InterfaceCounters> m = new LinkedHashMap<>();
    m.put(a, new InterfaceCounters(ifIndex, in, out, GIGABIT));
    return m;
  }

  private InterfaceRate only(AgentSample s) {
    List<InterfaceRate> rates = tracker.update(s);
    assertThat(rates).hasSize(1);
    return rates.get(0);
  }

  @Test
  void firstSampleIsABaselineThenDeltasBecomeBitsPerSecond() {
    assertThat(only(sample(0, 100, one(A, 2, 1_000, 5_000))).status()).isEqualTo(RateStatus.FIRST_SAMPLE);
    InterfaceRate r = only(sample(10, 1100, one(A, 2, 1_000 + 1_250_000, 5_000 + 12_500_000)));
    assertThat(r.status()).isEqualTo(RateStatus.MEASURED);
    assertThat(r.inBps()).hasValue(1_000_000); // 1.25 MB in 10 s
    assertThat(r.outBps()).hasValue(10_000_000);
    assertThat(r.window()).isEqualTo(Duration.ofSeconds(10));
    assertThat(r.speedBps()).isEqualTo(GIGABIT);
  }

  @Test
  void aCounterPassing2To64IsAWrapNotAReset() {
    long nearTop = -1_000L; // 2^64 - 1000 as an unsigned value
    only(sample(0, 100, one(A, 2, nearTop, 0)));
    InterfaceRate r = only(sample(1, 200, one(A, 2, 4_000, 125_000)));
    assertThat(r.status()).isEqualTo(RateStatus.WRAPPED);
    assertThat(r.inBps()).hasValue(5_000 * 8);
    assertThat(r.outBps()).hasValue(1_000_000);
  }

  @Test
  void aCounterThatFallsBackIsAResetAndMeasuringResumesFromTheNewBaseline() {
    only(sample(0, 100, one(A, 2, 900_000_000_000L, 900_000_000_000L)));
    InterfaceRate reset = only(sample(1, 200, one(A, 2, 10, 10)));
    assertThat(reset.status()).isEqualTo(RateStatus.COUNTER_RESET);
    assertThat(reset.inBps()).isEmpty();
    InterfaceRate next = only(sample(2, 300, one(A, 2, 10 + 125, 10 + 250)));
    assertThat(next.status()).isEqualTo(RateStatus.MEASURED);
    assertThat(next.inBps()).hasValue(1_000);
    assertThat(next.outBps()).hasValue(2_000);
  }

  @Test
  void anImplausibleJumpIsNotReportedAsTraffic() {
    only(sample(0, 100, one(A, 2, 0, 0)));
    // 1 TB in one second on a 1 Gbit/s interface
    assertThat(only(sample(1, 200, one(A, 2, 1_000_000_000_000L, 0))).status()).isEqualTo(RateStatus.COUNTER_RESET);
  }

  @Test
  void anAgentRestartDropsEveryBaseline() {
    Map<InetAddress, InterfaceCounters> both = one(A, 2, 5_000, 5_000);
    both.put(B, new InterfaceCounters(3, 7_000, 7_000, OptionalLong.empty()));
    tracker.update(sample(0, 50_000, both));
    Map<InetAddress, InterfaceCounters> after = one(A, 2, 6_000, 6_000); // higher, yet from a new agent life
    after.put(B, new InterfaceCounters(3, 8_000, 8_000, OptionalLong.empty()));
    List<InterfaceRate> rates = tracker.update(sample(1, 20, after));
    assertThat(rates).extracting(InterfaceRate::status).containsOnly(RateStatus.AGENT_RESTARTED);
    assertThat(only(sample(2, 120, one(A, 2, 6_125, 6_000))).inBps()).hasValue(1_000);
  }

  @Test
  void aMissingSampleMeasuresTheAverageAcrossTheGap() {
    only(sample(0, 100, one(A, 2, 0, 0)));
    assertThat(tracker.update(sample(10, 1100, Map.of()))).isEmpty(); // interface absent this round
    InterfaceRate r = only(sample(20, 2100, one(A, 2, 2_500_000, 0)));
    assertThat(r.status()).isEqualTo(RateStatus.MEASURED);
    assertThat(r.window()).isEqualTo(Duration.ofSeconds(20));
    assertThat(r.inBps()).hasValue(1_000_000);
  }

  @Test
  void anAddressMovingToAnotherInterfaceStartsOver() {
    only(sample(0, 100, one(A, 2, 0, 0)));
    assertThat(only(sample(1, 200, one(A, 7, 100, 100))).status()).isEqualTo(RateStatus.INTERFACE_CHANGED);
    assertThat(only(sample(2, 300, one(A, 7, 225, 100))).inBps()).hasValue(1_000);
  }

  @Test
  void samplesAtTheSameTimeGiveNoRate() {
    only(sample(0, 100, one(A, 2, 0, 0)));
    assertThat(only(sample(0, 100, one(A, 2, 10, 10))).status()).isEqualTo(RateStatus.NO_TIME_ELAPSED);
  }
}
