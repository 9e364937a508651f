package io.cuttle.controller.annotation;

/** Whether an interface's counters gave a rate this round, and why not when they did not. */
public enum RateStatus {
  /** Both counters advanced normally since the previous sample. */
  MEASURED,
  /** A counter passed 2^64 and started again at 0; the rate accounts for the wrap. */
  WRAPPED,
  /** The first sample of this interface: a baseline, no rate yet. */
  FIRST_SAMPLE,
  /** The agent's sysUpTime went backwards: it restarted and its counters began anew. */
  AGENT_RESTARTED,
  /** A counter went backwards by more than a wrap could explain, or jumped implausibly. */
  COUNTER_RESET,
  /** The address now belongs to another ifIndex (interface re-created). */
  INTERFACE_CHANGED,
  /** The samples carry the same time; nothing can be divided by it. */
  NO_TIME_ELAPSED;

  /** Whether this status comes with a rate. */
  public boolean hasRate() {
    return this == MEASURED || this == WRAPPED;
  }
}
