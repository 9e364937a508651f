package io.cuttle.policy.api;

import java.util.Optional;
import java.util.OptionalLong;
import org.graalvm.polyglot.Value;

/**
 * Receives what a handler asks for; the engine's per-handler state implements it. Arguments are
 * already checked by {@link Actions}. Nothing here touches the operating system.
 */
public interface ActionSink {
  Phase phase();

  /** Limits {@code app} in each present direction (bit/s), replacing this handler's earlier limit there. */
  void restrict(String app, OptionalLong maxUpBps, OptionalLong maxDownBps);

  void block(String app);

  void mark(String app, int dscp);

  /** Drops this handler's restrictions of {@code app}. */
  void unrestrict(String app);

  void removeAllRestrictions();

  void notify(String user, String text);

  void report(String key, String value);

  void register(Value function);

  /** Deregisters one function, or all when empty. */
  void deregister(Optional<Value> function);

}
