package io.cuttle.daemon.flows.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.host.model.Protocol;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decoding of sock_diag answers, built byte by byte as the kernel lays them out. */
class SockDiagCodecTest {
  private static byte[] message(int inode, long acked, long received, long cgroup) {
    int info = 4 + 232;
    int cg = 4 + 8;
    int len = 16 + 72 + info + cg;
    ByteBuffer b = ByteBuffer.allocate(len + 20).order(ByteOrder.nativeOrder());
    b.putInt(len).putShort((short) 20).putShort((short) 2).putInt(1).putInt(0);
    b.put((byte) 2).put((byte) 1).put((byte) 0).put((byte) 0);
    b.order(ByteOrder.BIG_ENDIAN).putShort((short) 40000).putShort((short) 443).order(ByteOrder.nativeOrder());
    b.put(new byte[] {10, 0, 0, 1}).put(new byte[12]).put(new byte[] {93, (byte) 184, (byte) 216, 34}).put(new byte[12]);
    b.putInt(0).putInt(0x1234).putInt(0x1); // if, cookie low, cookie high
    b.putInt(0).putInt(0).putInt(0).putInt(1000).putInt(inode);
    b.putShort((short) info).putShort((short) 2);
    int start = b.position();
    b.position(start + 120).putLong(acked).putLong(received).putInt(7).putInt(9);
    b.position(start + 232);
    b.putShort((short) cg).putShort((short) 21).putLong(cgroup);
    b.putInt(20).putShort((short) 3).putShort((short) 2).putInt(1).putInt(0).putInt(0);
    return b.array();
  }

  @Test
  void decodesAddressesCountersInodeUidAndCgroup() throws Exception {
    byte[] m = message(4242, 1_000_000L, 2_000L, 77L);
    List<SocketEntry> out = new ArrayList<>();
    SockDiagCodec.Batch batch = SockDiagCodec.decode(m, m.length, SockDiagCodec.IPPROTO_TCP, out::add);
    assertThat(batch.done()).isTrue();
    assertThat(batch.error()).isEmpty();
    assertThat(out).singleElement().satisfies(s -> {
      assertThat(s.protocol()).isEqualTo(Protocol.TCP);
      assertThat(s.key().localAddress()).isEqualTo(InetAddress.getByName("10.0.0.1"));
      assertThat(s.key().localPort()).isEqualTo(40000);
      assertThat(s.key().remoteAddress()).isEqualTo(InetAddress.getByName("93.184.216.34"));
      assertThat(s.key().remotePort()).isEqualTo(443);
      assertThat(s.inode()).isEqualTo(4242);
      assertThat(s.uid()).isEqualTo(1000);
      assertThat(s.cookie()).isEqualTo(0x1_0000_1234L);
      assertThat(s.counters()).contains(new TcpCounters(1_000_000L, 2_000L, 7, 9));
      assertThat(s.cgroupId()).hasValue(77L);
    });
  }

  @Test
  void malformedInputIsReportedNotThrown() {
    byte[] m = message(1, 1, 1, 1);
    for (int n = 0; n < m.length; n++) {
      SockDiagCodec.decode(m, n, SockDiagCodec.IPPROTO_TCP, s -> { });
    }
    Random r = new Random(3);
    for (int i = 0; i < 5000; i++) {
      byte[] junk = new byte[r.nextInt(400)];
      r.nextBytes(junk);
      SockDiagCodec.decode(junk, junk.length, SockDiagCodec.IPPROTO_UDP, s -> { });
    }
    ByteBuffer bad = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(4000);
    assertThat(SockDiagCodec.decode(bad.array(), 16, 6, s -> { }).error()).hasValueSatisfying(e ->
        assertThat(e).contains("expected a netlink message"));
  }
}
