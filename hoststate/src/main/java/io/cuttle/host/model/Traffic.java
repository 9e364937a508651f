package io.cuttle.host.model;

/** Bytes and packets in each direction; up is from this host, down is towards it. */
public record Traffic(long bytesUp, long bytesDown, long packetsUp, long packetsDown) {
  public static final Traffic ZERO = new Traffic(0, 0, 0, 0);

  public Traffic {
    if (bytesUp < 0 || bytesDown < 0 || packetsUp < 0 || packetsDown < 0) {
      throw new IllegalArgumentException("traffic counters must not be negative, got " + bytesUp + "/"
          + bytesDown + " bytes, " + packetsUp + "/" + packetsDown + " packets");
    }
  }

  public Traffic plus(Traffic o) {
    return new Traffic(bytesUp + o.bytesUp, bytesDown + o.bytesDown, packetsUp + o.packetsUp,
        packetsDown + o.packetsDown);
  }

  public long bytes() {
    return bytesUp + bytesDown;
  }
}
