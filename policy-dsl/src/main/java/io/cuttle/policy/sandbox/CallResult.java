package io.cuttle.policy.sandbox;

import org.graalvm.polyglot.Value;

/** The outcome of calling a function of a handler script. */
public sealed interface CallResult {
  /** The function returned {@code value} (valid until the next call into the same context). */
  record Returned(Value value) implements CallResult {}

  /** The function failed; the script's context may be unusable afterwards (see {@link #fatal}). */
  record Failed(HandlerFailure failure, boolean fatal) implements CallResult {}
}
