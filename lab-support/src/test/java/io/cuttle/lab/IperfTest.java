package io.cuttle.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IperfTest {
  private static final String RUN = """
      {"start": {"tcp_mss_default": 1448},
       "end": {},
       "server_output_json": {"intervals": [
         {"sum": {"start": 0.0, "end": 0.5, "bytes": 1000000}},
         {"sum": {"start": 0.5, "end": 1.0, "bytes": 3000000}},
         {"sum": {"start": 1.0, "end": 1.5, "bytes": 5000000}}]}}
      """;

  @Test
  void readsTheReceiversIntervalsAndTheMss() throws Exception {
    Iperf.Run run = Iperf.parse(RUN);

    assertThat(run.mss()).isEqualTo(1448);
    assertThat(run.intervals()).containsExactly(new Iperf.Interval(0.0, 0.5, 1_000_000),
        new Iperf.Interval(0.5, 1.0, 3_000_000), new Iperf.Interval(1.0, 1.5, 5_000_000));
  }

  @Test
  void wireRateCountsOnlyIntervalsInsideTheWindowAndAddsTheHeaders() throws Exception {
    Iperf.Run run = Iperf.parse(RUN);

    double payloadBps = (3_000_000 + 5_000_000) * 8 / 1.0;
    assertThat(run.wireBps(0.5, 1.5)).isCloseTo(payloadBps * (1448 + 66) / 1448, within(1e-3));
    assertThatThrownBy(() -> run.wireBps(2.0, 3.0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected receiver intervals in [2.0, 3.0]");
  }

  @Test
  void anErrorReportedByIperfIsThrownWithItsText() {
    assertThatThrownBy(() -> Iperf.parse("{\"error\": \"unable to connect to server\"}"))
        .isInstanceOf(IllegalStateException.class).hasMessage("iperf3: unable to connect to server");
  }

  @Test
  void plainCommandsCarryPortPaceAndDuration() {
    assertThat(Iperf.plainServer(5411)).containsExactly("iperf3", "-s", "-p", "5411");
    assertThat(Iperf.pacedClient("10.207.9.10", 5411, 90, 50_000_000L))
        .containsExactly("iperf3", "-c", "10.207.9.10", "-p", "5411", "-t", "90", "-b", "50000000");
  }
}
