package io.cuttle.controller.status;

/** Stored status data that cannot be read back; the message names the field, what was expected and what was found. */
public final class StatusFormatException extends Exception {
  public StatusFormatException(String message) {
    super(message);
  }
}
