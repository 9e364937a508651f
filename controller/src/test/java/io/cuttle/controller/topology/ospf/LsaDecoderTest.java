package io.cuttle.controller.topology.ospf;

import static io.cuttle.controller.topology.ospf.LsaBytes.p2p;
import static io.cuttle.controller.topology.ospf.LsaBytes.stub;
import static io.cuttle.controller.topology.ospf.LsaBytes.transit;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.controller.topology.ospf.lsa.Ipv4;
import io.cuttle.controller.topology.ospf.lsa.Lsa;
import io.cuttle.controller.topology.ospf.lsa.LsaDecodeResult;
import io.cuttle.controller.topology.ospf.lsa.LsaDecoder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LsaDecoderTest {
  private static Lsa decoded(byte[] b) {
    LsaDecodeResult r = LsaDecoder.decode(b);
    assertThat(r).isInstanceOf(LsaDecodeResult.Decoded.class);
    return ((LsaDecodeResult.Decoded) r).lsa();
  }

  private static String problem(byte[] b) {
    LsaDecodeResult r = LsaDecoder.decode(b);
    assertThat(r).isInstanceOf(LsaDecodeResult.Malformed.class);
    return ((LsaDecodeResult.Malformed) r).problem();
  }

  @Test
  void routerLsaWithEveryLinkKind() {
    byte[] b = LsaBytes.router("10.0.0.1", 3, 0x3, p2p("10.0.0.2", "10.1.0.1", 10),
        transit("10.2.0.5", "10.2.0.1", 20), stub("10.3.0.0", "255.255.255.0", 5),
        new LsaBytes.L(4, "10.0.0.9", "10.1.0.9", 7));
    Lsa.RouterLsa r = (Lsa.RouterLsa) decoded(b);
    assertThat(r.areaBorder()).isTrue();
    assertThat(r.asBoundary()).isTrue();
    assertThat(r.virtualEndpoint()).isFalse();
    assertThat(r.header().advertisingRouter()).isEqualTo(Ipv4.parse("10.0.0.1"));
    assertThat(r.links()).extracting(Lsa.RouterLink::kind).containsExactly(Lsa.LinkKind.POINT_TO_POINT,
        Lsa.LinkKind.TRANSIT, Lsa.LinkKind.STUB, Lsa.LinkKind.VIRTUAL);
    assertThat(r.links().get(2)).isEqualTo(new Lsa.RouterLink(Lsa.LinkKind.STUB, Ipv4.parse("10.3.0.0"),
        Ipv4.parse("255.255.255.0"), 5));
  }

  @Test
  void networkSummaryAsbrSummaryAndExternal() {
    Lsa.NetworkLsa n = (Lsa.NetworkLsa) decoded(LsaBytes.network("10.2.0.5", "10.0.0.5", 1, "255.255.255.0",
        "10.0.0.5", "10.0.0.1"));
    assertThat(n.attachedRouters()).containsExactly(Ipv4.parse("10.0.0.5"), Ipv4.parse("10.0.0.1"));
    Lsa.SummaryLsa s = (Lsa.SummaryLsa) decoded(LsaBytes.summary(3, "10.4.0.0", "10.0.0.2", 1, "255.255.255.0", 20));
    assertThat(s.metric()).isEqualTo(20);
    Lsa.SummaryLsa a = (Lsa.SummaryLsa) decoded(LsaBytes.summary(4, "10.0.0.7", "10.0.0.2", 1, "0.0.0.0", 30));
    assertThat(a.header().type()).isEqualTo(4);
    Lsa.ExternalLsa x = (Lsa.ExternalLsa) decoded(LsaBytes.external("198.51.100.0", "10.0.0.1", 1,
        "255.255.255.0", true, 20));
    assertThat(x.type2()).isTrue();
    assertThat(x.metric()).isEqualTo(20);
  }

  @Test
  void badChecksumIsReported() {
    byte[] b = LsaBytes.summary(3, "10.4.0.0", "10.0.0.2", 1, "255.255.255.0", 20);
    b[b.length - 1] ^= 1;
    assertThat(problem(b)).contains("checksum").contains("expected a valid Fletcher checksum");
  }

  @Test
  void ageIsOutsideTheChecksum() {
    byte[] b = LsaBytes.withAge(LsaBytes.summary(3, "10.4.0.0", "10.0.0.2", 1, "255.255.255.0", 20), 1234);
    assertThat(decoded(b).header().age()).isEqualTo(1234);
  }

  @Test
  void truncationAndBadFieldsAreReportedNotThrown() {
    byte[] router = LsaBytes.router("10.0.0.1", 1, 0, p2p("10.0.0.2", "10.1.0.1", 10));
    assertThat(problem(Arrays.copyOf(router, 10))).contains("expected at least 20 bytes, got 10");
    assertThat(problem(Arrays.copyOf(router, router.length - 4))).contains("length: expected 20..");
    byte[] badType = LsaBytes.router("10.0.0.1", 1, 0, new LsaBytes.L(9, "10.0.0.2", "10.1.0.1", 10));
    assertThat(problem(badType)).contains("link 0 type: expected 1..4, got 9");
    byte[] badMask = LsaBytes.summary(3, "10.4.0.0", "10.0.0.2", 1, "255.0.255.0", 20);
    assertThat(problem(badMask)).contains("network mask: expected a contiguous mask, got 255.0.255.0");
    byte[] tooManyLinks = LsaBytes.lsa(1, "10.0.0.1", "10.0.0.1", 1, new byte[] {0, 0, 0, 5});
    assertThat(problem(tooManyLinks)).contains("expected more bytes");
  }
}
