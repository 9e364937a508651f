package io.cuttle.controller.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LinkLoadMapperTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:10Z");

  private static InterfaceRate rate(String address, long in, long out, long speed) {
    return new InterfaceRate(LabTopology.ip(address), RateStatus.MEASURED, OptionalLong.of(in), OptionalLong.of(out),
        OptionalLong.of(speed), T, Duration.ofSeconds(10));
  }

  private static Map<InetAddress, InterfaceRate> rates(InterfaceRate... rs) {
    Map<InetAddress, InterfaceRate> m = new HashMap<>();
    for (InterfaceRate r : rs) {
      m.put(r.address(), r);
    }
    return m;
  }

  @Test
  void theOwnerOfTheInterfaceDecidesTheDirection() {
    // r2-r3: a = r2 (10.0.23.1), b = r3 (10.0.23.2). Only r3's end is measured: what r3 sends is b->a.
    Map<String, MeasuredLink> m = LinkLoadMapper.map(LabTopology.triangle(),
        rates(rate("10.0.23.2", 3_000, 7_000, 1_000_000_000)));
    assertThat(m).containsOnlyKeys("r2-r3");
    assertThat(m.get("r2-r3").baBps()).hasValue(7_000);
    assertThat(m.get("r2-r3").abBps()).hasValue(3_000);
    // Only r2's end: what r2 sends is a->b.
    m = LinkLoadMapper.map(LabTopology.triangle(), rates(rate("10.0.23.1", 3_000, 7_000, 1_000_000_000)));
    assertThat(m.get("r2-r3").abBps()).hasValue(7_000);
    assertThat(m.get("r2-r3").baBps()).hasValue(3_000);
  }

  @Test
  void withBothEndsTheSendersCounterWinsAndCapacityIsTheSlowerEnd() {
    Map<String, MeasuredLink> m = LinkLoadMapper.map(LabTopology.triangle(), rates(
        rate("10.0.12.1", 900, 5_000, 10_000_000_000L), // r1 sends 5000, receives 900
        rate("10.0.12.2", 4_990, 1_000, 1_000_000_000L))); // r2 receives 4990 (loss), sends 1000
    MeasuredLink l = m.get("r1-r2");
    assertThat(l.abBps()).hasValue(5_000);
    assertThat(l.baBps()).hasValue(1_000);
    assertThat(l.capacityBps()).hasValue(1_000_000_000L);
    assertThat(l.at()).isEqualTo(T);
  }

  @Test
  void interfacesWithoutRateStillGiveCapacityAndUnknownAddressesAreIgnored() {
    InterfaceRate first = new InterfaceRate(LabTopology.ip("10.0.13.2"), RateStatus.FIRST_SAMPLE,
        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(100_000_000), T, Duration.ZERO);
    Map<String, MeasuredLink> m = LinkLoadMapper.map(LabTopology.triangle(),
        rates(first, rate("192.0.2.9", 1, 1, 1)));
    assertThat(m).containsOnlyKeys("r1-r3");
    assertThat(m.get("r1-r3").abBps()).isEmpty();
    assertThat(m.get("r1-r3").capacityBps()).hasValue(100_000_000);
  }
}
