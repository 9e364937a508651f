package io.cuttle.controller.status;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts over every known host at one instant, for metrics.
 *
 * @param reporting    hosts that are reporting
 * @param stale        hosts flagged stale
 * @param restrictions restrictions of all hosts by outcome (every outcome present, 0 when none)
 */
public record StatusSummary(int reporting, int stale, Map<EnforcementOutcome, Integer> restrictions) {
  public static final StatusSummary EMPTY = of(0, 0, Map.of());

  public StatusSummary {
    Objects.requireNonNull(restrictions, "restrictions");
    restrictions = Map.copyOf(restrictions);
  }

  static StatusSummary of(int reporting, int stale, Map<EnforcementOutcome, Integer> counts) {
    Map<EnforcementOutcome, Integer> all = new EnumMap<>(EnforcementOutcome.class);
    for (EnforcementOutcome o : EnforcementOutcome.values()) {
      all.put(o, counts.getOrDefault(o, 0));
    }
    return new StatusSummary(reporting, stale, all);
  }

  public int restrictions(EnforcementOutcome outcome) {
    return restrictions.getOrDefault(outcome, 0);
  }
}
