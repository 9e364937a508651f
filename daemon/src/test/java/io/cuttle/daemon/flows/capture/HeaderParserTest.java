package io.cuttle.daemon.flows.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.host.model.Protocol;
import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Header parsing of cooked and Ethernet frames; garbage never throws. */
class HeaderParserTest {
  private static byte[] udp4(int linkHeader, int pkttypeOrZero, int payload) {
    byte[] p = new byte[linkHeader + 28];
    if (linkHeader == 16) {
      p[1] = (byte) pkttypeOrZero;
      p[14] = 0x08;
    } else {
      p[12] = 0x08;
    }
    int ip = linkHeader;
    p[ip] = 0x45;
    int total = 28 + payload;
    p[ip + 2] = (byte) (total >> 8);
    p[ip + 3] = (byte) total;
    p[ip + 9] = 17;
    byte[] src = {10, 0, 0, 1};
    byte[] dst = {10, 0, 0, 2};
    System.arraycopy(src, 0, p, ip + 12, 4);
    System.arraycopy(dst, 0, p, ip + 16, 4);
    int udp = ip + 20;
    p[udp] = 0x30;
    p[udp + 1] = 0x39; // 12345
    p[udp + 2] = 0x00;
    p[udp + 3] = 0x35; // 53
    p[udp + 4] = (byte) ((payload + 8) >> 8);
    p[udp + 5] = (byte) (payload + 8);
    return p;
  }

  @Test
  void cookedOutgoingDatagramIsUpWithSourceAsLocal() throws Exception {
    HeaderParser parser = new HeaderParser(HeaderParser.DLT_LINUX_SLL, a -> false);
    PacketHeader h = parser.parse(udp4(16, 4, 1200)).orElseThrow();
    assertThat(h.outgoing()).isTrue();
    assertThat(h.payloadBytes()).isEqualTo(1200);
    assertThat(h.key().protocol()).isEqualTo(Protocol.UDP);
    assertThat(h.key().localAddress()).isEqualTo(InetAddress.getByName("10.0.0.1"));
    assertThat(h.key().localPort()).isEqualTo(12345);
    assertThat(h.key().remotePort()).isEqualTo(53);
  }

  @Test
  void cookedIncomingDatagramIsDownWithDestinationAsLocal() throws Exception {
    PacketHeader h = new HeaderParser(HeaderParser.DLT_LINUX_SLL, a -> false).parse(udp4(16, 0, 10)).orElseThrow();
    assertThat(h.outgoing()).isFalse();
    assertThat(h.key().localAddress()).isEqualTo(InetAddress.getByName("10.0.0.2"));
    assertThat(h.key().localPort()).isEqualTo(53);
  }

  @Test
  void ethernetDirectionComesFromTheLocalAddresses() throws Exception {
    InetAddress local = InetAddress.getByName("10.0.0.2");
    PacketHeader h = new HeaderParser(HeaderParser.DLT_EN10MB, local::equals).parse(udp4(14, 0, 10)).orElseThrow();
    assertThat(h.outgoing()).isFalse();
    assertThat(h.key().localAddress()).isEqualTo(local);
  }

  @Test
  void truncatedAndRandomFramesAreSkippedWithoutThrowing() {
    HeaderParser parser = new HeaderParser(HeaderParser.DLT_LINUX_SLL, a -> false);
    byte[] full = udp4(16, 4, 100);
    for (int n = 0; n < full.length - 6; n++) {
      assertThat(parser.parse(java.util.Arrays.copyOf(full, n))).isEmpty();
    }
    Random r = new Random(1);
    for (int i = 0; i < 20_000; i++) {
      byte[] junk = new byte[r.nextInt(120)];
      r.nextBytes(junk);
      parser.parse(junk); // must not throw
    }
  }
}
