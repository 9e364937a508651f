package io.cuttle.controller.topology.ospf.api;

import java.nio.ByteBuffer;

/**
 * One OSPF API message: an 8-byte header (version 1, type, body length, sequence number; big
 * endian) and its body.
 */
public record ApiFrame(int type, long sequence, byte[] body) {
  public static final int VERSION = 1;
  public static final int HEADER_SIZE = 8;
  public static final int MAX_BODY = 0xffff;

  public ApiFrame {
    body = body.clone();
    if (body.length > MAX_BODY) {
      throw new IllegalArgumentException("body must be at most " + MAX_BODY + " bytes, got " + body.length);
    }
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  ByteBuffer bodyBuffer() {
    return ByteBuffer.wrap(body).asReadOnlyBuffer();
  }

  /** The frame as sent on the wire. */
  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + body.length);
    b.put((byte) VERSION).put((byte) type).putShort((short) body.length).putInt((int) sequence).put(body);
    return b.array();
  }
}
