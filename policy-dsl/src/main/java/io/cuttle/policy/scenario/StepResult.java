package io.cuttle.policy.scenario;

import io.cuttle.host.enforce.DesiredState;
import java.util.List;

/** The result of one scenario step: the mismatches against its expectations (none: passed). */
public record StepResult(int line, String name, List<String> mismatches, DesiredState desired) {
  public StepResult {
    mismatches = List.copyOf(mismatches);
  }

  public boolean passed() {
    return mismatches.isEmpty();
  }
}
