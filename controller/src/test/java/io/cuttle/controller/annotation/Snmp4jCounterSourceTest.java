package io.cuttle.controller.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.OID;

class Snmp4jCounterSourceTest {
  @Test
  void ipAddressTableIndexesGiveIPv4AndIPv6AddressesAndSkipZonedOnes() {
    assertThat(Snmp4jCounterSource.addressOfIpAddressIndex(new OID("1.4.10.0.12.1")))
        .contains(LabTopology.ip("10.0.12.1"));
    assertThat(Snmp4jCounterSource.addressOfIpAddressIndex(new OID("2.16.253.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1")))
        .contains(LabTopology.ip("fd00::1"));
    assertThat(Snmp4jCounterSource.addressOfIpAddressIndex(new OID("4.20.254.128.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.0.0.2")))
        .as("ipv6z (zoned)").isEmpty();
    assertThat(Snmp4jCounterSource.addressOfIpAddressIndex(new OID("1.4.10.0.300.1"))).isEmpty();
    assertThat(Snmp4jCounterSource.addressOfIpAddressIndex(new OID("1.4.10.0"))).isEmpty();
  }

  @Test
  void anAgentThatDoesNotAnswerIsATimeoutNotAnException() throws Exception {
    // Nothing listens on loopback port 1: the request goes unanswered until the timeout.
    try (Snmp4jCounterSource source = new Snmp4jCounterSource(Clock.systemUTC(), Duration.ofMillis(100), 0)) {
      PollOutcome o = source.poll(new SnmpAgent(InetAddress.getLoopbackAddress(), 1, "nobody"));
      assertThat(o).isInstanceOfSatisfying(PollOutcome.Failed.class,
          f -> assertThat(List.of(PollOutcome.Reason.TIMEOUT, PollOutcome.Reason.IO)).contains(f.reason()));
    }
  }
}
