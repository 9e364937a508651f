package io.cuttle.enforce.windows;

import io.cuttle.enforce.EnforcementAdapter;
import io.cuttle.enforce.EnforcementReport;
import io.cuttle.enforce.VerifyReport;
import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.CommandRunner;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.Outcome;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the {@link WindowsPlanner}'s script through {@code powershell.exe -Command -}. If PowerShell
 * fails, every action the script would have applied is {@code KERNEL_REFUSED} with its error. Verify
 * counts the owned QoS policies and firewall rules and re-applies when they differ.
 */
public final class WindowsAdapter implements EnforcementAdapter {
  static final List<String> POWERSHELL = List.of("powershell.exe", "-NoProfile", "-NonInteractive", "-Command", "-");
  private final CommandRunner run;
  private final WindowsPlanner planner;
  private final String prefix;
  private DesiredState lastDesired = DesiredState.empty();
  private AppProcesses lastProcesses = AppProcesses.none();
  private String expectedCounts = "0 0";

  public WindowsAdapter(CommandRunner run, String prefix) {
    this.run = run;
    this.prefix = prefix;
    this.planner = new WindowsPlanner(prefix);
  }

  @Override
  public String name() {
    return "windows-qos-firewall";
  }

  @Override
  public EnforcementReport reconcile(DesiredState desired, AppProcesses processes) {
    WindowsPlanner.Plan plan = planner.plan(desired, processes);
    CommandResult r = run.run(POWERSHELL, String.join("\r\n", plan.script()) + "\r\n");
    List<Outcome> out = new ArrayList<>();
    for (Outcome o : plan.outcomes()) {
      out.add(!r.ok() && o.outcome() == RestrictionOutcome.APPLIED
          ? new Outcome(o.app(), o.action(), RestrictionOutcome.KERNEL_REFUSED, r.describe()) : o);
    }
    lastDesired = desired;
    lastProcesses = processes;
    expectedCounts = countPolicies(plan) + " " + countRules(plan);
    return new EnforcementReport(name(), out);
  }

  @Override
  public VerifyReport verify() {
    String script = "@(Get-NetQosPolicy -PolicyStore ActiveStore | Where-Object { $_.Name -like "
        + WindowsPlanner.quote(prefix + "-*") + " }).Count.ToString() + ' ' + @(Get-NetFirewallRule -Group "
        + WindowsPlanner.quote(prefix) + " -ErrorAction SilentlyContinue).Count";
    CommandResult r = run.run(POWERSHELL, script + "\r\n");
    String found = r.ok() ? r.stdout().strip() : r.describe();
    if (found.equals(expectedCounts)) {
      return VerifyReport.inSync();
    }
    VerifyReport.Drift d = new VerifyReport.Drift("owned QoS policies and firewall rules (counts)", expectedCounts,
        found);
    return new VerifyReport(List.of(d), java.util.Optional.of(reconcile(lastDesired, lastProcesses)));
  }

  private static long countPolicies(WindowsPlanner.Plan p) {
    return p.script().stream().filter(l -> l.startsWith("New-NetQosPolicy")).count();
  }

  private static long countRules(WindowsPlanner.Plan p) {
    return p.script().stream().filter(l -> l.startsWith("New-NetFirewallRule")).count();
  }

  @Override
  public void close() {
    // nothing held
  }
}
