package io.cuttle.controller.topology.ospf.api;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a TCP byte stream into {@link ApiFrame}s. Bytes may arrive in any split: a partial frame
 * waits for the rest. A header with a version other than 1 means the stream cannot be trusted any
 * more (there are no frame markers to resynchronise on): the decoder reports it once and then
 * refuses further input, and the caller closes the connection. Never throws.
 */
public final class FrameDecoder {
  /** What one call to {@link #feed} produced. */
  public record Output(List<ApiFrame> frames, String failure) {
    public Output {
      frames = List.copyOf(frames);
    }

    public boolean failed() {
      return failure != null;
    }
  }

  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private String failure;

  /** Adds bytes read from the stream; returns the frames they complete, or the stream's failure. */
  public Output feed(byte[] data, int offset, int length) {
    if (failure != null) {
      return new Output(List.of(), failure);
    }
    pending.write(data, offset, length);
    byte[] buf = pending.toByteArray();
    List<ApiFrame> frames = new ArrayList<>();
    int pos = 0;
    while (buf.length - pos >= ApiFrame.HEADER_SIZE) {
      int version = buf[pos] & 0xff;
      if (version != ApiFrame.VERSION) {
        failure = "frame header at stream offset +" + pos + ": version: expected " + ApiFrame.VERSION
            + ", got " + version;
        pending.reset();
        return new Output(frames, failure);
      }
      int type = buf[pos + 1] & 0xff;
      int bodyLength = ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
      long seq = ((long) (buf[pos + 4] & 0xff) << 24) | ((buf[pos + 5] & 0xff) << 16)
          | ((buf[pos + 6] & 0xff) << 8) | (buf[pos + 7] & 0xff);
      if (buf.length - pos - ApiFrame.HEADER_SIZE < bodyLength) {
        break;
      }
      int start = pos + ApiFrame.HEADER_SIZE;
      frames.add(new ApiFrame(type, seq, Arrays.copyOfRange(buf, start, start + bodyLength)));
      pos = start + bodyLength;
    }
    pending.reset();
    pending.write(buf, pos, buf.length - pos);
    return new Output(frames, null);
  }

  /** Bytes of an incomplete frame waiting for the rest. */
  public int pendingBytes() {
    return pending.size();
  }
}
