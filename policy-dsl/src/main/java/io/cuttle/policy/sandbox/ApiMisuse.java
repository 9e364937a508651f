package io.cuttle.policy.sandbox;

/**
 * Thrown by the script API into the guest when a handler calls it wrongly; the message says
 * what was expected and what arrived. The sandbox reports it as {@link FailureKind#API_MISUSE}
 * at the guest line that made the call.
 */
public final class ApiMisuse extends RuntimeException {
  public ApiMisuse(String message) {
    super(message);
  }
}
