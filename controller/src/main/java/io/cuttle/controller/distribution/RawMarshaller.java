package io.cuttle.controller.distribution;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Sends already-encoded protobuf messages as they are, so a message encoded once can be written
 * to thousands of streams without re-serialising it for each.
 */
final class RawMarshaller implements MethodDescriptor.Marshaller<byte[]> {
  static final RawMarshaller INSTANCE = new RawMarshaller();

  @Override
  public InputStream stream(byte[] value) {
    return new Stream(value);
  }

  @Override
  public byte[] parse(InputStream stream) {
    try {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read message", e);
    }
  }

  private static final class Stream extends ByteArrayInputStream implements KnownLength, Drainable {
    Stream(byte[] buf) {
      super(buf);
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int n = count - pos;
      target.write(buf, pos, n);
      pos = count;
      return n;
    }
  }
}
