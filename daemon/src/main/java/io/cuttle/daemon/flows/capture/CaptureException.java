package io.cuttle.daemon.flows.capture;

/** The capture could not be opened or failed; the message says which device and why. */
public final class CaptureException extends Exception {
  public CaptureException(String message) {
    super(message);
  }
}
