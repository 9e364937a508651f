package io.cuttle.daemon.flows.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.Protocol;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UdpDeltasTest {
  private static final FlowKey KEY = key(40000);

  private static FlowKey key(int port) {
    try {
      return new FlowKey(Protocol.UDP, InetAddress.getByName("10.0.0.1"), port, InetAddress.getByName("10.0.0.2"), 53);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** A counter of {@code packets} datagrams of {@code payload} bytes each (IPv4: 28 header bytes each). */
  private static UdpCount count(FlowKey k, boolean out, long packets, int payload) {
    return new UdpCount(k, out, packets, packets * (payload + 28));
  }

  @Test
  void countsWhatCameSinceTheLastReadPerDirection() {
    UdpDeltas d = new UdpDeltas();
    Map<FlowKey, long[]> first = d.next(List.of(count(KEY, true, 10, 100), count(KEY, false, 2, 50)));
    assertThat(first.get(KEY)).containsExactly(1000, 100, 10, 2);
    Map<FlowKey, long[]> second = d.next(List.of(count(KEY, true, 15, 100), count(KEY, false, 2, 50)));
    assertThat(second.get(KEY)).containsExactly(500, 0, 5, 0);
  }

  @Test
  void leavesOutTuplesWithoutNewTraffic() {
    UdpDeltas d = new UdpDeltas();
    d.next(List.of(count(KEY, true, 10, 100)));
    assertThat(d.next(List.of(count(KEY, true, 10, 100)))).isEmpty();
  }

  @Test
  void anElementMadeAnewAfterItsTimeoutCountsFromZero() {
    UdpDeltas d = new UdpDeltas();
    d.next(List.of(count(KEY, true, 10, 100)));
    // Went backwards: expired and made again between two reads.
    assertThat(d.next(List.of(count(KEY, true, 3, 100))).get(KEY)).containsExactly(300, 0, 3, 0);
  }

  @Test
  void anElementNoLongerListedIsForgotten() {
    UdpDeltas d = new UdpDeltas();
    d.next(List.of(count(KEY, true, 10, 100)));
    d.next(List.of(count(key(1), true, 1, 10)));
    // Back with a higher count than before: all of it is new.
    assertThat(d.next(List.of(count(KEY, true, 12, 100))).get(KEY)).containsExactly(1200, 0, 12, 0);
  }
}
