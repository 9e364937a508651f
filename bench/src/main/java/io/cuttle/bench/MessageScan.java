package io.cuttle.bench;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * Reads just what the benchmark measures from an encoded {@code cuttle.v1.StateMessage}: the
 * lineage epoch of a snapshot, and the version, commit time and kind of every delta; event bodies
 * are skipped unparsed. One process standing in for thousands of hosts cannot also afford to do
 * each host's full decoding; that per-host cost is measured separately.
 */
final class MessageScan {
  interface Sink {
    void snapshot(long version, long epochMs);

    void delta(long version, long atRelativeMs, boolean annotations);

    void heartbeat(long version);
  }

  private MessageScan() {}

  static void scan(byte[] message, Sink sink) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(message);
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> snapshot(in, sink);
        case 2 -> batch(in, sink);
        case 3 -> heartbeat(in, sink);
        default -> in.skipField(tag);
      }
    }
  }

  private static void snapshot(CodedInputStream in, Sink sink) throws IOException {
    int limit = in.pushLimit(in.readRawVarint32());
    long epoch = 0;
    long version = 0;
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> {
          int l = in.pushLimit(in.readRawVarint32());
          int t;
          while ((t = in.readTag()) != 0) {
            if (WireFormat.getTagFieldNumber(t) == 2) {
              epoch = in.readInt64();
            } else {
              in.skipField(t);
            }
          }
          in.popLimit(l);
        }
        case 2 -> version = in.readUInt64();
        default -> in.skipField(tag);
      }
    }
    in.popLimit(limit);
    sink.snapshot(version, epoch);
  }

  private static void batch(CodedInputStream in, Sink sink) throws IOException {
    int limit = in.pushLimit(in.readRawVarint32());
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (WireFormat.getTagFieldNumber(tag) != 1) {
        in.skipField(tag);
        continue;
      }
      int l = in.pushLimit(in.readRawVarint32());
      long version = 0;
      long at = 0;
      boolean annotations = false;
      int t;
      while ((t = in.readTag()) != 0) {
        switch (WireFormat.getTagFieldNumber(t)) {
          case 1 -> version = in.readUInt64();
          case 2 -> at = in.readSInt64();
          case 5 -> {
            annotations = true;
            in.skipField(t);
          }
          default -> in.skipField(t);
        }
      }
      in.popLimit(l);
      sink.delta(version, at, annotations);
    }
    in.popLimit(limit);
  }

  private static void heartbeat(CodedInputStream in, Sink sink) throws IOException {
    int limit = in.pushLimit(in.readRawVarint32());
    long version = 0;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (WireFormat.getTagFieldNumber(tag) == 1) {
        version = in.readUInt64();
      } else {
        in.skipField(tag);
      }
    }
    in.popLimit(limit);
    sink.heartbeat(version);
  }
}
