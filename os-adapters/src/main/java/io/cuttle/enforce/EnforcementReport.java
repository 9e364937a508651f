package io.cuttle.enforce;

import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.Outcome;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile did: an {@link Outcome} per requested action of every app in the desired state,
 * plus a {@code REVERTED} outcome per app whose restrictions were removed.
 */
public record EnforcementReport(String adapter, List<Outcome> outcomes) {
  public EnforcementReport {
    outcomes = List.copyOf(outcomes);
  }

  /** The outcome of one app's action, if it was requested. */
  public Optional<Outcome> of(String app, ActionKind action) {
    return outcomes.stream().filter(o -> o.app().equals(app) && o.action() == action).findFirst();
  }

  /** The outcome kind of one app's action; fails with a message naming what was there. */
  public RestrictionOutcome outcomeOf(String app, ActionKind action) {
    return of(app, action).map(Outcome::outcome).orElseThrow(() -> new IllegalArgumentException(
        "expected an outcome for " + app + "/" + action + ", got only " + outcomes));
  }

  /** True when every requested action reached one of {@code ok}. */
  public boolean all(RestrictionOutcome... ok) {
    List<RestrictionOutcome> allowed = List.of(ok);
    return outcomes.stream().allMatch(o -> allowed.contains(o.outcome()));
  }
}
