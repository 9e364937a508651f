package io.cuttle.daemon.flows.proc;

/**
 * A process that cannot be confused with a later one of the same PID: the PID together with its
 * start time (clock ticks since boot, field 22 of {@code /proc/PID/stat}).
 */
public record ProcessId(int pid, long startTime) {
  @Override
  public String toString() {
    return pid + "@" + startTime;
  }
}
