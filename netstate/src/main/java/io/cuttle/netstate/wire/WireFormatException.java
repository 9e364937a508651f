package io.cuttle.netstate.wire;

/** A message from the wire or from disk does not describe a valid state or delta. */
public final class WireFormatException extends Exception {
  public WireFormatException(String message) {
    super(message);
  }

  public WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
