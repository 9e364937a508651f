package io.cuttle.enforce;

import java.util.List;
import java.util.Optional;

/**
 * The result of checking the OS against what was installed: the drift found (empty when in sync)
 * and, when there was drift, the report of the reconcile that re-applied the desired state.
 */
public record VerifyReport(List<Drift> drift, Optional<EnforcementReport> reapplied) {
  public VerifyReport {
    drift = List.copyOf(drift);
  }

  public static VerifyReport inSync() {
    return new VerifyReport(List.of(), Optional.empty());
  }

  public boolean isInSync() {
    return drift.isEmpty();
  }

  /** One thing that differs: what it is, what was expected, what the OS holds. */
  public record Drift(String what, String expected, String found) {
    @Override
    public String toString() {
      return what + ": expected " + expected + ", got " + found;
    }
  }
}
