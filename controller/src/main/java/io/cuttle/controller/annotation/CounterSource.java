package io.cuttle.controller.annotation;

/**
 * Reads interface counters from an agent. The production implementation speaks SNMP
 * ({@link Snmp4jCounterSource}); tests may feed recorded samples. Never throws from {@link #poll}.
 */
public interface CounterSource extends AutoCloseable {
  /** One poll of {@code agent}; blocks at most the configured timeout times the attempts. */
  PollOutcome poll(SnmpAgent agent);

  /** Releases sockets; idempotent. */
  @Override
  void close();
}
