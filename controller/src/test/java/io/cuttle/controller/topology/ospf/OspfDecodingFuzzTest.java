package io.cuttle.controller.topology.ospf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.ospf.api.ApiFrame;
import io.cuttle.controller.topology.ospf.api.ApiMessage;
import io.cuttle.controller.topology.ospf.api.ApiMessageParser;
import io.cuttle.controller.topology.ospf.api.FrameDecoder;
import io.cuttle.controller.topology.ospf.lsa.LsaDecodeResult;
import io.cuttle.controller.topology.ospf.lsa.LsaDecoder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomised robustness of the whole decoding chain, seeded with the notification stream a real
 * ospfd sent in the lab ({@code lab-api-stream.hex}: the initial synchronisation of the lab's
 * LSDB). Mutations: bit flips, byte overwrites with boundary values, truncations, insertions,
 * duplicated spans; the stream is fed in random chunk sizes. Nothing may throw, every rejected
 * input must come with a reason, and every graph built must pass the store's validation. Fixed
 * seed: failures reproduce.
 */
class OspfDecodingFuzzTest {
  private static final int ROUNDS = 3000;

  private static byte[] realStream() throws Exception {
    return HexFormat.of().parseHex(CapturedLabTest.resource("lab-api-stream.hex").strip());
  }

  private static List<byte[]> realLsas(byte[] stream) {
    List<byte[]> out = new ArrayList<>();
    FrameDecoder d = new FrameDecoder();
    for (ApiFrame f : d.feed(stream, 0, stream.length).frames()) {
      if (ApiMessageParser.parse(f) instanceof ApiMessageParser.Parsed.Ok(ApiMessage.LsaChange c)) {
        out.add(c.lsa());
      }
    }
    return out;
  }

  @Test
  void theCapturedStreamDecodesCleanly() throws Exception {
    byte[] stream = realStream();
    List<byte[]> lsas = realLsas(stream);
    assertThat(lsas).hasSizeGreaterThan(20);
    LinkStateDatabase db = new LinkStateDatabase();
    for (byte[] lsa : lsas) {
      assertThat(db.update(0, lsa).outcome()).isNotEqualTo(LinkStateDatabase.Outcome.MALFORMED);
    }
    assertThat(AreaGraphBuilder.build(db.entries()).spec().problems()).isEmpty();
  }

  @Test
  void mutatedFramesNeverThrowAndAreReported() throws Exception {
    Random rnd = new Random(20261123);
    byte[] stream = realStream();
    long failures = 0;
    long malformed = 0;
    for (int round = 0; round < ROUNDS; round++) {
      byte[] m = mutate(stream, rnd);
      FrameDecoder d = new FrameDecoder();
      LinkStateDatabase db = new LinkStateDatabase();
      int pos = 0;
      while (pos < m.length) {
        int n = Math.min(m.length - pos, 1 + rnd.nextInt(300));
        FrameDecoder.Output o = d.feed(m, pos, n);
        pos += n;
        for (ApiFrame f : o.frames()) {
          switch (ApiMessageParser.parse(f)) {
            case ApiMessageParser.Parsed.Ok(ApiMessage.LsaChange c) -> {
              LinkStateDatabase.Applied a = c.deleted() ? db.delete(c.area(), c.lsa()) : db.update(c.area(), c.lsa());
              if (a.outcome() == LinkStateDatabase.Outcome.MALFORMED) {
                malformed++;
                assertThat(a.problem()).contains("expected");
              }
            }
            case ApiMessageParser.Parsed.Ok ok -> { }
            case ApiMessageParser.Parsed.Malformed bad -> {
              malformed++;
              assertThat(bad.problem()).contains("expected");
            }
          }
        }
        if (o.failed()) {
          failures++;
          assertThat(o.failure()).contains("expected");
          break;
        }
      }
      TopologySpec spec = AreaGraphBuilder.build(db.entries()).spec();
      assertThat(spec.problems()).as("round %d", round).isEmpty();
    }
    assertThat(failures + malformed).as("mutations were detected and reported").isGreaterThan(ROUNDS / 4);
  }

  @Test
  void mutatedLsasNeverThrowAndBuildValidGraphs() throws Exception {
    Random rnd = new Random(42);
    List<byte[]> lsas = realLsas(realStream());
    int rejected = 0;
    for (int round = 0; round < ROUNDS; round++) {
      LinkStateDatabase db = new LinkStateDatabase();
      for (byte[] lsa : lsas) {
        byte[] m = rnd.nextInt(4) == 0 ? mutate(lsa, rnd) : lsa;
        if (rnd.nextBoolean() && m.length >= 20) {
          LsaDecoder.setChecksum(m, Math.min(m.length, ((m[18] & 0xff) << 8) | (m[19] & 0xff)));
        }
        LsaDecodeResult r = LsaDecoder.decode(m);
        if (r instanceof LsaDecodeResult.Malformed x) {
          rejected++;
          assertThat(x.problem()).contains("expected");
        }
        db.update(rnd.nextInt(3), m);
      }
      assertThat(AreaGraphBuilder.build(db.entries()).spec().problems()).as("round %d", round).isEmpty();
    }
    assertThat(rejected).isGreaterThan(0);
  }

  static byte[] mutate(byte[] in, Random rnd) {
    byte[] b = in.clone();
    int edits = 1 + rnd.nextInt(4);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int at = rnd.nextInt(b.length);
      switch (rnd.nextInt(5)) {
        case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
        case 1 -> b[at] = (byte) new int[] {0, 1, 0x7f, 0x80, 0xff}[rnd.nextInt(5)];
        case 2 -> b = java.util.Arrays.copyOf(b, at);
        case 3 -> {
          byte[] c = new byte[b.length + 1 + rnd.nextInt(8)];
          System.arraycopy(b, 0, c, 0, at);
          System.arraycopy(b, at, c, c.length - (b.length - at), b.length - at);
          for (int i = at; i < c.length - (b.length - at); i++) {
            c[i] = (byte) rnd.nextInt(256);
          }
          b = c;
        }
        default -> {
          int len = Math.min(b.length - at, 1 + rnd.nextInt(40));
          byte[] c = new byte[b.length + len];
          System.arraycopy(b, 0, c, 0, at + len);
          System.arraycopy(b, at, c, at + len, b.length - at);
          b = c;
        }
      }
    }
    return b;
  }
}
