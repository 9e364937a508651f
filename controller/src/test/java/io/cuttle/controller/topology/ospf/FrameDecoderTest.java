package io.cuttle.controller.topology.ospf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.controller.topology.ospf.api.ApiFrame;
import io.cuttle.controller.topology.ospf.api.ApiMessage;
import io.cuttle.controller.topology.ospf.api.ApiMessageParser;
import io.cuttle.controller.topology.ospf.api.FrameDecoder;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
  private static byte[] twoFrames() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new ApiFrame(ApiMessage.REPLY, 7, new byte[] {0, 0, 0, 0}).encode());
    out.writeBytes(new ApiFrame(ApiMessage.ROUTER_ID_CHANGE, 4, new byte[] {10, 0, 0, 1}).encode());
    return out.toByteArray();
  }

  @Test
  void framesSplitAtEveryPositionAreReassembled() {
    byte[] bytes = twoFrames();
    for (int cut = 0; cut <= bytes.length; cut++) {
      FrameDecoder d = new FrameDecoder();
      List<ApiFrame> frames = new ArrayList<>(d.feed(bytes, 0, cut).frames());
      frames.addAll(d.feed(bytes, cut, bytes.length - cut).frames());
      assertThat(frames).extracting(ApiFrame::type, ApiFrame::sequence)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(10, 7L), org.assertj.core.groups.Tuple.tuple(20, 4L));
      assertThat(d.pendingBytes()).isZero();
    }
  }

  @Test
  void oneByteAtATime() {
    byte[] bytes = twoFrames();
    FrameDecoder d = new FrameDecoder();
    int frames = 0;
    for (int i = 0; i < bytes.length; i++) {
      frames += d.feed(bytes, i, 1).frames().size();
    }
    assertThat(frames).isEqualTo(2);
  }

  @Test
  void aWrongVersionFailsTheStreamForGood() {
    byte[] bytes = twoFrames();
    bytes[12] = 9;
    FrameDecoder d = new FrameDecoder();
    FrameDecoder.Output o = d.feed(bytes, 0, bytes.length);
    assertThat(o.frames()).hasSize(1);
    assertThat(o.failure()).contains("version: expected 1, got 9");
    assertThat(d.feed(bytes, 0, 8).failed()).isTrue();
  }

  @Test
  void unknownTypesAndShortBodiesAreParsedWithoutThrowing() {
    assertThat(ApiMessageParser.parse(new ApiFrame(99, 1, new byte[3])))
        .isEqualTo(new ApiMessageParser.Parsed.Ok(new ApiMessage.Unknown(1, 99, 3)));
    assertThat(ApiMessageParser.parse(new ApiFrame(ApiMessage.LSA_UPDATE_NOTIFY, 1, new byte[15])))
        .isInstanceOfSatisfying(ApiMessageParser.Parsed.Malformed.class,
            m -> assertThat(m.problem()).contains("LSA_UPDATE_NOTIFY (seq 1): body: expected at least 32 bytes, got 15"));
    byte[] body = new byte[32];
    body[12 + 18] = 0x7f; // LSA length field larger than the message
    assertThat(ApiMessageParser.parse(new ApiFrame(ApiMessage.LSA_DELETE_NOTIFY, 2, body)))
        .isInstanceOfSatisfying(ApiMessageParser.Parsed.Malformed.class,
            m -> assertThat(m.problem()).contains("LSA length: expected at most 20"));
  }
}
