package io.cuttle.enforce.linux;

import io.cuttle.enforce.EnforcementReport;
import io.cuttle.enforce.EnforcementSettings;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The adapter as a process of its own, for the crash test: {@code EnforcerMain TAG NETNS DEV
 * app:pid[:up=BPS][:block][:dscp=N]...}. Applies the state, prints {@code READY}, then verifies every
 * 200 ms until killed.
 */
public final class EnforcerMain {
  private EnforcerMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    String tag = args[0];
    EnforcementSettings s = new EnforcementSettings(NetnsLab.PREFIX + "-" + tag, NetnsLab.PREFIX + "-test/" + tag, List.of(args[2]), 0xce,
        NetnsLab.PREFIX + "-" + tag + "ifb", Optional.of(args[1]), NetnsLab.PREFIX + tag, x -> { });
    List<AppRestriction> rs = new ArrayList<>();
    AppProcesses procs = AppProcesses.none();
    for (int i = 3; i < args.length; i++) {
      String[] f = args[i].split(":");
      AppRestriction r = AppRestriction.of(f[0]);
      for (int j = 2; j < f.length; j++) {
        if (f[j].startsWith("up=")) {
          r = r.withMaxUp(Long.parseLong(f[j].substring(3)));
        } else if (f[j].equals("block")) {
          r = r.withBlock();
        } else if (f[j].startsWith("dscp=")) {
          r = r.withDscp(Integer.parseInt(f[j].substring(5)));
        }
      }
      rs.add(r);
      procs = procs.with(f[0], Set.of(Long.parseLong(f[1])));
    }
    LinuxEnforcer e = (LinuxEnforcer) new LinuxProvider().create(s);
    EnforcementReport rep = e.reconcile(DesiredState.combining(rs), procs);
    rep.outcomes().forEach(o -> System.out.println(o.app() + " " + o.action() + " " + o.outcome() + " " + o.detail()));
    System.out.println("READY");
    System.out.flush();
    while (true) {
      Thread.sleep(200);
      var v = e.verify();
      if (!v.isInSync()) {
        System.out.println("DRIFT " + v.drift() + " -> " + v.reapplied().map(x -> x.outcomes()).orElse(List.of()));
      }
    }
  }
}
