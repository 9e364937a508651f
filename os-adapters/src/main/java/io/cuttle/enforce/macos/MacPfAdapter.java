package io.cuttle.enforce.macos;

import io.cuttle.enforce.EnforcementAdapter;
import io.cuttle.enforce.EnforcementReport;
import io.cuttle.enforce.VerifyReport;
import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.CommandRunner;
import io.cuttle.enforce.exec.RecordingCommandRunner.Call;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.Outcome;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the {@link PfPlanner}'s commands. On the first reconcile it reads {@code dnctl pipe list} so
 * pipes a crashed predecessor left in the adapter's range are deleted. A failing command turns every
 * action it would have installed into {@code KERNEL_REFUSED} with the command's error.
 */
public final class MacPfAdapter implements EnforcementAdapter {
  private static final Pattern PIPE = Pattern.compile("^(\\d{5}):", Pattern.MULTILINE);
  private final CommandRunner run;
  private final PfPlanner planner;
  private Set<Integer> ourPipes;
  private DesiredState lastDesired = DesiredState.empty();
  private AppProcesses lastProcesses = AppProcesses.none();
  private int expectedRules;

  public MacPfAdapter(CommandRunner run, String prefix) {
    this.run = run;
    this.planner = new PfPlanner(prefix);
  }

  @Override
  public String name() {
    return "macos-pf-dummynet";
  }

  @Override
  public EnforcementReport reconcile(DesiredState desired, AppProcesses processes) {
    if (ourPipes == null) {
      ourPipes = readPipes();
    }
    PfPlanner.Plan plan = planner.plan(desired, processes, ourPipes);
    Optional<String> failure = Optional.empty();
    for (Call c : plan.commands()) {
      CommandResult r = run.run(c.argv(), c.stdin());
      if (!r.ok() && failure.isEmpty()) {
        failure = Optional.of(r.describe());
      }
    }
    List<Outcome> out = new ArrayList<>();
    for (Outcome o : plan.outcomes()) {
      boolean installed = o.outcome() == RestrictionOutcome.PARTIAL || o.outcome() == RestrictionOutcome.APPLIED;
      out.add(failure.isPresent() && installed
          ? new Outcome(o.app(), o.action(), RestrictionOutcome.KERNEL_REFUSED, failure.get()) : o);
    }
    ourPipes = new TreeSet<>(plan.pipes());
    lastDesired = desired;
    lastProcesses = processes;
    expectedRules = plan.commands().get(plan.commands().size() - 1).stdin().lines().mapToInt(l -> 1).sum();
    return new EnforcementReport(name(), out);
  }

  @Override
  public VerifyReport verify() {
    CommandResult r = run.run(List.of("pfctl", "-a", planner.anchor(), "-s", "rules"));
    long have = r.ok() ? r.stdout().lines().filter(l -> !l.isBlank()).count() : -1;
    if (have == expectedRules) {
      return VerifyReport.inSync();
    }
    VerifyReport.Drift d = new VerifyReport.Drift("pf anchor " + planner.anchor() + " rules", expectedRules + " rules",
        have + " rules");
    return new VerifyReport(List.of(d), Optional.of(reconcile(lastDesired, lastProcesses)));
  }

  private Set<Integer> readPipes() {
    Set<Integer> out = new TreeSet<>();
    CommandResult r = run.run(List.of("dnctl", "pipe", "list"));
    Matcher m = PIPE.matcher(r.ok() ? r.stdout() : "");
    while (m.find()) {
      int p = Integer.parseInt(m.group(1));
      if (p >= PfPlanner.PIPE_BASE && p <= PfPlanner.PIPE_LAST) {
        out.add(p);
      }
    }
    return out;
  }

  @Override
  public void close() {
    // nothing held
  }
}
