package io.cuttle.daemon.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.Attribution;
import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.FlowRecord;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.host.model.Protocol;
import io.cuttle.host.model.Rate;
import io.cuttle.host.model.Traffic;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Per-app, per-destination-prefix summaries for the controller. */
class AppSummariesTest {
  private static FlowRecord flow(String remote, long up) throws Exception {
    Instant t = Instant.EPOCH;
    return new FlowRecord(new FlowKey(Protocol.TCP, InetAddress.getByName("10.0.0.1"), 40000,
        InetAddress.getByName(remote), 443), new Attribution("backup", "alice", OptionalInt.of(7)),
        new Traffic(up, 10, 1, 1), t, t);
  }

  @Test
  void sumsFlowsPerPrefixLargestFirst() throws Exception {
    AppUsage app = new AppUsage("backup", "bulk", Set.of("alice"), Set.of(7), new Traffic(600, 30, 3, 3),
        new Rate(8, 1), List.of(flow("192.0.2.10", 100), flow("192.0.2.99", 100), flow("2001:db8::1", 400)));
    HostSnapshot s = new HostSnapshot("h", Instant.EPOCH, Duration.ofSeconds(10), List.of(app), List.of());
    var summaries = AppSummaries.of(s, 24, 64);
    assertThat(summaries).singleElement().satisfies(a -> {
      assertThat(a.getAppClass()).isEqualTo("bulk");
      assertThat(a.getBytesUp()).isEqualTo(600);
      assertThat(a.getDestinationsList()).extracting(d -> d.getPrefix() + "=" + d.getBytesUp() + "/" + d.getFlows())
          .containsExactly("2001:db8:0:0:0:0:0:0/64=400/1", "192.0.2.0/24=200/2");
    });
  }

  @Test
  void masksPartialBytes() throws Exception {
    assertThat(AppSummaries.prefix(InetAddress.getByName("10.1.255.7"), 20)).isEqualTo("10.1.240.0/20");
    assertThat(AppSummaries.prefix(InetAddress.getByName("10.1.2.3"), 0)).isEqualTo("0.0.0.0/0");
  }
}
