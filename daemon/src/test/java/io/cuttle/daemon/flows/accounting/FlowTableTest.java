package io.cuttle.daemon.flows.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.host.model.Protocol;
import io.cuttle.host.model.Traffic;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Owner rules of flows, retiring, expiry, totals and rates over windows. */
class FlowTableTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final FlowTable table = new FlowTable();
  private final Owner a = Owner.of(new AppIdentity("a", "bulk", "alice"), OptionalInt.of(10), Owner.Reason.SINGLE_PROCESS);
  private final Owner a2 = Owner.of(new AppIdentity("a", "bulk", "alice"), OptionalInt.of(11), Owner.Reason.SINGLE_PROCESS);
  private final Owner b = Owner.of(new AppIdentity("b", "critical", "bob"), OptionalInt.of(20), Owner.Reason.SINGLE_PROCESS);

  private static FlowKey key(int port) throws Exception {
    return new FlowKey(Protocol.TCP, InetAddress.getByName("10.0.0.1"), port, InetAddress.getByName("10.9.0.1"), 443);
  }

  private static Traffic up(long n) {
    return new Traffic(n, 0, 1, 0);
  }

  @Test
  void anotherAppTakingOverAFlowMakesItUnknownNeverTheOtherApp() throws Exception {
    table.count(key(1), 5, a, up(100), T0);
    table.count(key(1), 5, b, up(100), T0.plusSeconds(1));
    assertThat(table.entries()).singleElement().satisfies(e -> {
      assertThat(e.owner().isKnown()).isFalse();
      assertThat(e.owner().reason()).isEqualTo(Owner.Reason.OWNER_CHANGED);
    });
    table.count(key(1), 5, a, up(1), T0.plusSeconds(2));
    assertThat(table.entries()).singleElement().satisfies(e -> assertThat(e.owner().isKnown()).isFalse());
  }

  @Test
  void cgroupOwnerGivesWayToTheSameAppsProcessAndYieldsUnknownToAnotherApp() throws Exception {
    Owner cgA = Owner.of(new AppIdentity("a", "bulk", "alice"), OptionalInt.empty(), Owner.Reason.CGROUP_SINGLE_APP);
    table.count(key(3), 7, Owner.unknown(Owner.Reason.NO_HOLDER), up(10), T0);
    table.count(key(3), 7, cgA, up(10), T0.plusSeconds(1));
    assertThat(table.entries()).singleElement().satisfies(e -> assertThat(e.owner().method()).isEqualTo(Owner.Method.CGROUP));
    table.count(key(3), 7, a, up(1), T0.plusSeconds(2));
    assertThat(table.entries()).singleElement().satisfies(e -> assertThat(e.owner()).isEqualTo(a));
    assertThat(table.bytesByMethod()).containsEntry(Owner.Method.SOCKET_OWNER, 21L);

    table.count(key(4), 8, cgA, up(10), T0);
    table.count(key(4), 8, b, up(10), T0.plusSeconds(1));
    assertThat(table.entries()).filteredOn(e -> e.key().localPort() == 4).singleElement()
        .satisfies(e -> assertThat(e.owner().reason()).isEqualTo(Owner.Reason.OWNER_CHANGED));
  }

  @Test
  void lostHoldersKeepTheOwnerAndTwoPidsOfOneAppDropThePid() throws Exception {
    table.count(key(2), 5, a, up(100), T0);
    table.count(key(2), 5, Owner.unknown(Owner.Reason.NO_HOLDER), up(50), T0.plusSeconds(1));
    assertThat(table.entries()).singleElement().satisfies(e -> assertThat(e.owner()).isEqualTo(a));
    table.count(key(2), 5, a2, up(1), T0.plusSeconds(2));
    assertThat(table.entries()).singleElement().satisfies(e -> {
      assertThat(e.owner().attribution().app()).isEqualTo("a");
      assertThat(e.owner().attribution().pid()).isEmpty();
    });
  }

  @Test
  void aNewSocketOnTheSameTupleStartsANewFlowAndTotalsKeepBoth() throws Exception {
    table.count(key(3), 5, a, up(100), T0);
    table.count(key(3), 6, b, up(30), T0.plusSeconds(1));
    assertThat(table.entries()).singleElement().satisfies(e -> assertThat(e.owner()).isEqualTo(b));
    assertThat(table.totals()).containsEntry(new FlowTable.OwnerKey("a", "bulk", "alice"), up(100))
        .containsEntry(new FlowTable.OwnerKey("b", "critical", "bob"), up(30));
  }

  @Test
  void snapshotsGiveRatesOverTheWindowAndKeepExpiredBytesInTotals() throws Exception {
    RateHistory apps = new RateHistory(Duration.ofSeconds(60));
    RateHistory users = new RateHistory(Duration.ofSeconds(60));
    SnapshotBuilder builder = new SnapshotBuilder("h", Duration.ofSeconds(10), apps, users);
    builder.build(table, T0);
    for (int s = 1; s <= 20; s++) {
      table.count(key(4), 5, a, up(1000), T0.plusSeconds(s));
      builder.build(table, T0.plusSeconds(s));
    }
    HostSnapshot snap = builder.build(table, T0.plusSeconds(20));
    assertThat(snap.app("a").orElseThrow().rate().upBps()).isEqualTo(8000.0);
    assertThat(snap.user("alice").orElseThrow().total().bytesUp()).isEqualTo(20_000);
    assertThat(apps.rate("a", Duration.ofSeconds(60)).upBps()).isEqualTo(8000.0);
    table.expire(T0.plusSeconds(100), Duration.ofSeconds(60));
    HostSnapshot later = builder.build(table, T0.plusSeconds(100));
    assertThat(later.app("a").orElseThrow().flows()).isEmpty();
    assertThat(later.app("a").orElseThrow().total().bytesUp()).isEqualTo(20_000);
    assertThat(later.app("a").orElseThrow().rate()).isEqualTo(io.cuttle.host.model.Rate.ZERO);
  }
}
