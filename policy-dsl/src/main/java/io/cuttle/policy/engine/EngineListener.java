package io.cuttle.policy.engine;

import io.cuttle.policy.sandbox.HandlerFailure;

/** Hears the side outputs of handler runs. Default methods do nothing. */
public interface EngineListener {
  default void failed(HandlerFailure failure) {}

  default void notified(Notification notification) {}

  default void reported(ReportEntry report) {}
}
