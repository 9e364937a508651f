package io.cuttle.enforce.fake;

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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Records every reconcile and keeps an "installed" map of app to restriction, as a perfect adapter
 * would: apps without processes are not installed ({@code APP_NOT_RUNNING}), actions listed as
 * unsupported report {@code UNSUPPORTED_ON_OS}. {@link #tamper} simulates something removed behind
 * the adapter's back, which {@link #verify} finds and re-applies.
 */
public final class RecordingAdapter implements EnforcementAdapter {
  /** One recorded call. */
  public record Call(DesiredState desired, AppProcesses processes) {
  }

  private final Set<ActionKind> unsupported;
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, AppRestriction> installed = new TreeMap<>();
  private Call last = new Call(DesiredState.empty(), AppProcesses.none());

  public RecordingAdapter() {
    this(EnumSet.noneOf(ActionKind.class));
  }

  public RecordingAdapter(Set<ActionKind> unsupported) {
    this.unsupported = Set.copyOf(unsupported);
  }

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public synchronized EnforcementReport reconcile(DesiredState desired, AppProcesses processes) {
    last = new Call(desired, processes);
    calls.add(last);
    List<Outcome> out = new ArrayList<>();
    for (String app : List.copyOf(installed.keySet())) {
      if (desired.of(app).isEmpty() || !processes.isRunning(app)) {
        installed.remove(app);
        out.add(new Outcome(app, ActionKind.BLOCK, RestrictionOutcome.REVERTED, "removed"));
      }
    }
    for (AppRestriction r : desired.byApp().values()) {
      boolean running = processes.isRunning(r.app());
      if (running) {
        installed.put(r.app(), r);
      }
      for (ActionKind k : kinds(r)) {
        RestrictionOutcome o = unsupported.contains(k) ? RestrictionOutcome.UNSUPPORTED_ON_OS
            : running ? RestrictionOutcome.APPLIED : RestrictionOutcome.APP_NOT_RUNNING;
        out.add(new Outcome(r.app(), k, o, "recorded"));
      }
    }
    return new EnforcementReport(name(), out);
  }

  @Override
  public synchronized VerifyReport verify() {
    Map<String, AppRestriction> want = new TreeMap<>();
    last.desired().byApp().forEach((app, r) -> {
      if (last.processes().isRunning(app)) {
        want.put(app, r);
      }
    });
    if (want.equals(installed)) {
      return VerifyReport.inSync();
    }
    VerifyReport.Drift d = new VerifyReport.Drift("installed restrictions", want.toString(), installed.toString());
    return new VerifyReport(List.of(d), java.util.Optional.of(reconcile(last.desired(), last.processes())));
  }

  /** Simulates an app's rules removed by someone else. */
  public synchronized void tamper(String app) {
    installed.remove(app);
  }

  public synchronized Map<String, AppRestriction> installed() {
    return Map.copyOf(installed);
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void close() {
    // nothing held
  }

  private static List<ActionKind> kinds(AppRestriction r) {
    List<ActionKind> k = new ArrayList<>();
    r.maxUpBps().ifPresent(x -> k.add(ActionKind.LIMIT_UP));
    r.maxDownBps().ifPresent(x -> k.add(ActionKind.LIMIT_DOWN));
    if (r.blocked()) {
      k.add(ActionKind.BLOCK);
    }
    r.dscp().ifPresent(x -> k.add(ActionKind.MARK));
    return k;
  }
}
