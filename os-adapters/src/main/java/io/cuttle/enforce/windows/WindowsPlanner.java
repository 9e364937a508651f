package io.cuttle.enforce.windows;

import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.Outcome;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a desired state into one PowerShell script that replaces everything the adapter owns: QoS
 * policies named {@code <prefix>-<app>} in the ActiveStore and firewall rules in group {@code <prefix>}.
 * Throttle rates are rounded to the nearest multiple of 8 bit/s, at least 8 (0 would mean unlimited).
 */
public final class WindowsPlanner {
  private final String prefix;

  public WindowsPlanner(String prefix) {
    this.prefix = prefix;
  }

  /** The script and the outcome each action will have if the script runs cleanly. */
  public record Plan(List<String> script, List<Outcome> outcomes) {
    public Plan {
      script = List.copyOf(script);
      outcomes = List.copyOf(outcomes);
    }
  }

  public Plan plan(DesiredState desired, AppProcesses processes) {
    List<String> s = new ArrayList<>();
    List<Outcome> out = new ArrayList<>();
    s.add("$ErrorActionPreference = 'Stop'");
    s.add("Get-NetQosPolicy -PolicyStore ActiveStore | Where-Object { $_.Name -like " + quote(prefix + "-*")
        + " } | ForEach-Object { Remove-NetQosPolicy -Name $_.Name -PolicyStore ActiveStore -Confirm:$false }");
    s.add("Get-NetFirewallRule -Group " + quote(prefix) + " -ErrorAction SilentlyContinue | Remove-NetFirewallRule");
    for (AppRestriction r : desired.byApp().values()) {
      Optional<String> exe = processes.executableOf(r.app());
      if (exe.isEmpty()) {
        for (ActionKind k : kinds(r)) {
          out.add(new Outcome(r.app(), k, k == ActionKind.LIMIT_DOWN ? RestrictionOutcome.UNSUPPORTED_ON_OS
              : RestrictionOutcome.APP_NOT_RUNNING, "no executable path known for " + r.app()
              + " (Windows matches by program); applied once it has been seen running"));
        }
        continue;
      }
      planApp(r, exe.get(), s, out);
    }
    return new Plan(s, out);
  }

  private void planApp(AppRestriction r, String exe, List<String> s, List<Outcome> out) {
    String name = prefix + "-" + r.app();
    if (r.maxUpBps().isPresent() || r.dscp().isPresent()) {
      StringBuilder cmd = new StringBuilder("New-NetQosPolicy -Name " + quote(name) + " -AppPathNameMatchCondition "
          + quote(exe));
      r.maxUpBps().ifPresent(bps -> {
        long rounded = roundRate(bps);
        cmd.append(" -ThrottleRateActionBitsPerSecond ").append(rounded);
        out.add(new Outcome(r.app(), ActionKind.LIMIT_UP, RestrictionOutcome.APPLIED, "QoS policy " + name
            + " throttles egress to " + rounded + " bit/s" + (rounded == bps ? "" : " (asked " + bps
            + ", Windows takes multiples of 8)")));
      });
      r.dscp().ifPresent(d -> {
        cmd.append(" -DSCPAction ").append(d);
        out.add(new Outcome(r.app(), ActionKind.MARK, RestrictionOutcome.APPLIED, "QoS policy " + name + " sets DSCP "
            + d));
      });
      cmd.append(" -PolicyStore ActiveStore -Confirm:$false | Out-Null");
      s.add(cmd.toString());
    }
    r.maxDownBps().ifPresent(bps -> out.add(new Outcome(r.app(), ActionKind.LIMIT_DOWN,
        RestrictionOutcome.UNSUPPORTED_ON_OS, "Windows QoS policies throttle egress only")));
    if (r.blocked()) {
      for (String dir : List.of("Outbound", "Inbound")) {
        s.add("New-NetFirewallRule -DisplayName " + quote(name + "-block-" + dir.toLowerCase(java.util.Locale.ROOT))
            + " -Group " + quote(prefix) + " -Direction " + dir + " -Program " + quote(exe)
            + " -Action Block | Out-Null");
      }
      out.add(new Outcome(r.app(), ActionKind.BLOCK, RestrictionOutcome.APPLIED, "firewall rules " + name
          + "-block-outbound/inbound in group " + prefix));
    }
  }

  /** Nearest multiple of 8 bit/s, at least 8. */
  static long roundRate(long bps) {
    return Math.max(8, Math.round(bps / 8.0) * 8);
  }

  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
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
