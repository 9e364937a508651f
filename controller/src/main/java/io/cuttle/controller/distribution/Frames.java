package io.cuttle.controller.distribution;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.wire.WireCodec;
import io.cuttle.wire.v1.Heartbeat;
import io.cuttle.wire.v1.StateMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Encodes {@code StateMessage}s to bytes once, so one encoding is shared by every subscriber:
 * a delta is encoded when committed, and a batch is the concatenation of its deltas' encodings
 * inside the {@code StateMessage.deltas} field (the protobuf encoding of a repeated field).
 */
final class Frames {
  private Frames() {}

  /** One delta encoded as a {@code cuttle.v1.Delta} message body. */
  record EncodedDelta(long version, long committedAtMs, byte[] bytes) {}

  static EncodedDelta encode(Lineage lineage, Delta d) {
    return new EncodedDelta(d.version(), d.at().toEpochMilli(), WireCodec.delta(lineage, d).toByteArray());
  }

  static byte[] snapshot(NetworkState s) {
    return StateMessage.newBuilder().setSnapshot(WireCodec.snapshot(s)).build().toByteArray();
  }

  static byte[] heartbeat(long version, long sentAtRelativeMs) {
    return StateMessage.newBuilder()
        .setHeartbeat(Heartbeat.newBuilder().setVersion(version).setSentAt(sentAtRelativeMs))
        .build().toByteArray();
  }

  /** {@code StateMessage{deltas: DeltaBatch{delta: [d...]}}} built from pre-encoded deltas. */
  static byte[] batch(List<EncodedDelta> deltas) {
    int batchLen = 0;
    for (EncodedDelta d : deltas) {
      batchLen += CodedOutputStream.computeTagSize(1) + CodedOutputStream.computeUInt32SizeNoTag(d.bytes().length)
          + d.bytes().length;
    }
    int total = CodedOutputStream.computeTagSize(StateMessage.DELTAS_FIELD_NUMBER)
        + CodedOutputStream.computeUInt32SizeNoTag(batchLen) + batchLen;
    byte[] out = new byte[total];
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    try {
      cos.writeTag(StateMessage.DELTAS_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      cos.writeUInt32NoTag(batchLen);
      for (EncodedDelta d : deltas) {
        cos.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        cos.writeUInt32NoTag(d.bytes().length);
        cos.writeRawBytes(d.bytes());
      }
      cos.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
