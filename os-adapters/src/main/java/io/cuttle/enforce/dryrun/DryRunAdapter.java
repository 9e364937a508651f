package io.cuttle.enforce.dryrun;

import io.cuttle.enforce.EnforcementAdapter;
import io.cuttle.enforce.EnforcementReport;
import io.cuttle.enforce.VerifyReport;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.Outcome;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Prints the plan, one line per action, and reports every action as {@link RestrictionOutcome#PLANNED}. */
public final class DryRunAdapter implements EnforcementAdapter {
  private final Consumer<String> sink;
  private DesiredState previous = DesiredState.empty();

  public DryRunAdapter(Consumer<String> sink) {
    this.sink = sink;
  }

  @Override
  public String name() {
    return "dry-run";
  }

  @Override
  public EnforcementReport reconcile(DesiredState desired, AppProcesses processes) {
    List<Outcome> out = new ArrayList<>();
    for (AppRestriction r : desired.byApp().values()) {
      String who = r.app() + " (pids " + processes.pidsOf(r.app()) + ")";
      r.maxUpBps().ifPresent(b -> out.add(plan(r, ActionKind.LIMIT_UP, "limit egress of " + who + " to " + b + " bit/s")));
      r.maxDownBps().ifPresent(b -> out.add(plan(r, ActionKind.LIMIT_DOWN, "limit ingress of " + who + " to " + b
          + " bit/s")));
      if (r.blocked()) {
        out.add(plan(r, ActionKind.BLOCK, "block all traffic of " + who + " (reject)"));
      }
      r.dscp().ifPresent(d -> out.add(plan(r, ActionKind.MARK, "mark packets of " + who + " with DSCP " + d)));
    }
    for (String app : previous.byApp().keySet()) {
      if (desired.of(app).isEmpty()) {
        sink.accept("dry-run: remove every restriction of " + app);
        out.add(new Outcome(app, ActionKind.BLOCK, RestrictionOutcome.REVERTED, "would remove (dry run)"));
      }
    }
    if (out.isEmpty()) {
      sink.accept("dry-run: nothing restricted");
    }
    previous = desired;
    return new EnforcementReport(name(), out);
  }

  private Outcome plan(AppRestriction r, ActionKind k, String line) {
    sink.accept("dry-run: " + line);
    return new Outcome(r.app(), k, RestrictionOutcome.PLANNED, line);
  }

  @Override
  public VerifyReport verify() {
    return VerifyReport.inSync();
  }

  @Override
  public void close() {
    // nothing held
  }
}
