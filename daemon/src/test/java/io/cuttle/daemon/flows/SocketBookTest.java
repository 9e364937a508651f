package io.cuttle.daemon.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.daemon.flows.accounting.AppIdentity;
import io.cuttle.daemon.flows.accounting.FlowTable;
import io.cuttle.daemon.flows.accounting.Owner;
import io.cuttle.daemon.flows.netlink.SocketEntry;
import io.cuttle.daemon.flows.netlink.TcpCounters;
import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.Protocol;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A closed TCP connection no dump saw alive, explained later by what its recorded origin's cgroup says. */
class SocketBookTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final FlowTable table = new FlowTable();
  private final SocketBook book = new SocketBook(table);

  private static SocketEntry closed(long cookie, int localPort) throws Exception {
    FlowKey key = new FlowKey(Protocol.TCP, InetAddress.getByName("10.0.0.1"), localPort,
        InetAddress.getByName("10.0.0.2"), 7200);
    return new SocketEntry(key, 7, cookie, 0, 0, Optional.of(new TcpCounters(1000, 0, 3, 3)), OptionalLong.empty());
  }

  @Test
  void anOriginInAMixedCgroupGivesTheReasonInsteadOfNoHolder() throws Exception {
    SocketEntry s = closed(11, 40001);
    book.destroyed(s, T0);
    assertThat(table.unknownBytesByReason()).containsOnlyKeys(Owner.Reason.NO_HOLDER);
    assertThat(book.hasDestroyedUnowned()).isTrue();

    book.noteOrigins(List.of(s), Map.of(11L, Owner.unknown(Owner.Reason.CGROUP_MIXED_APPS)), T0.plusMillis(250));

    assertThat(table.unknownBytesByReason()).containsExactly(Map.entry(Owner.Reason.CGROUP_MIXED_APPS, 1000L));
    assertThat(book.hasDestroyedUnowned()).as("answered: no longer waiting").isFalse();
  }

  @Test
  void anOriginInASingleAppCgroupGivesThatApp() throws Exception {
    SocketEntry s = closed(12, 40002);
    book.destroyed(s, T0);
    Owner app = Owner.of(new AppIdentity("shortconn", "interactive", "root"), OptionalInt.empty(),
        Owner.Reason.CGROUP_SINGLE_APP);

    book.noteOrigins(List.of(s), Map.of(12L, app), T0.plusMillis(250));

    assertThat(table.unknownBytesByReason()).isEmpty();
    assertThat(table.bytesByMethod()).containsExactly(Map.entry(Owner.Method.CGROUP, 1000L));
  }
}
