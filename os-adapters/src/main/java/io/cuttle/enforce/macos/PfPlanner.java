package io.cuttle.enforce.macos;

import io.cuttle.enforce.exec.RecordingCommandRunner.Call;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.Outcome;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans the pf anchor rules and dummynet pipes for a desired state. Pipes are numbered from
 * {@link #PIPE_BASE}: app number i (in name order) gets pipe base+2i for egress and base+2i+1 for ingress.
 */
public final class PfPlanner {
  static final int PIPE_BASE = 47000;
  static final int PIPE_LAST = 48999;
  private final String anchor;

  public PfPlanner(String prefix) {
    this.anchor = "com.apple/" + prefix;
  }

  public String anchor() {
    return anchor;
  }

  /** The commands in order, the pipes they configure, and each action's outcome if they succeed. */
  public record Plan(List<Call> commands, Set<Integer> pipes, List<Outcome> outcomes) {
    public Plan {
      commands = List.copyOf(commands);
      pipes = Set.copyOf(pipes);
      outcomes = List.copyOf(outcomes);
    }
  }

  /** {@code stalePipes}: pipes of ours configured now (previous plan or read from dnctl) to delete first. */
  public Plan plan(DesiredState desired, AppProcesses processes, Set<Integer> stalePipes) {
    List<Call> cmds = new ArrayList<>();
    List<Outcome> out = new ArrayList<>();
    List<String> rules = new ArrayList<>();
    Set<Integer> pipes = new TreeSet<>();
    cmds.add(new Call(List.of("pfctl", "-E"), ""));
    int i = 0;
    for (AppRestriction r : desired.byApp().values()) {
      int up = PIPE_BASE + 2 * i;
      int down = up + 1;
      i++;
      OptionalInt uid = processes.uidOf(r.app());
      if (uid.isEmpty()) {
        unsupportedAll(r, out);
        continue;
      }
      String who = "user " + uid.getAsInt();
      String by = "matched by " + who + ": every socket of that user, not only " + r.app();
      if (r.blocked()) {
        rules.add("block return out quick proto { tcp udp } " + who);
        out.add(new Outcome(r.app(), ActionKind.BLOCK, RestrictionOutcome.PARTIAL, "pf block return; " + by));
      }
      r.maxUpBps().ifPresent(bps -> {
        pipes.add(up);
        rules.add("dummynet out quick proto { tcp udp } " + who + " pipe " + up);
        out.add(new Outcome(r.app(), ActionKind.LIMIT_UP, RestrictionOutcome.PARTIAL, "dummynet pipe " + up + " at "
            + bps + " bit/s; " + by));
      });
      r.maxDownBps().ifPresent(bps -> {
        pipes.add(down);
        rules.add("dummynet in quick proto { tcp udp } " + who + " pipe " + down);
        out.add(new Outcome(r.app(), ActionKind.LIMIT_DOWN, RestrictionOutcome.PARTIAL, "dummynet pipe " + down
            + " at " + bps + " bit/s; " + by));
      });
      r.dscp().ifPresent(d -> out.add(new Outcome(r.app(), ActionKind.MARK, RestrictionOutcome.UNSUPPORTED_ON_OS,
          "pf on macOS cannot set DSCP per socket owner")));
      r.maxUpBps().ifPresent(bps -> cmds.add(pipeConfig(up, bps)));
      r.maxDownBps().ifPresent(bps -> cmds.add(pipeConfig(down, bps)));
    }
    List<Call> deletes = new ArrayList<>();
    for (int p : new TreeSet<>(stalePipes)) {
      if (!pipes.contains(p) && p >= PIPE_BASE && p <= PIPE_LAST) {
        deletes.add(new Call(List.of("dnctl", "pipe", "delete", Integer.toString(p)), ""));
      }
    }
    cmds.addAll(1, deletes);
    cmds.add(rules.isEmpty() ? new Call(List.of("pfctl", "-a", anchor, "-F", "all"), "")
        : new Call(List.of("pfctl", "-a", anchor, "-f", "-"), String.join("\n", rules) + "\n"));
    return new Plan(cmds, pipes, out);
  }

  private static Call pipeConfig(int pipe, long bps) {
    return new Call(List.of("dnctl", "pipe", Integer.toString(pipe), "config", "bw", bps + "bit/s"), "");
  }

  private static void unsupportedAll(AppRestriction r, List<Outcome> out) {
    String why = "pf cannot match by application; no user id known for " + r.app();
    r.maxUpBps().ifPresent(x -> out.add(new Outcome(r.app(), ActionKind.LIMIT_UP, RestrictionOutcome.UNSUPPORTED_ON_OS,
        why)));
    r.maxDownBps().ifPresent(x -> out.add(new Outcome(r.app(), ActionKind.LIMIT_DOWN,
        RestrictionOutcome.UNSUPPORTED_ON_OS, why)));
    if (r.blocked()) {
      out.add(new Outcome(r.app(), ActionKind.BLOCK, RestrictionOutcome.UNSUPPORTED_ON_OS, why));
    }
    r.dscp().ifPresent(x -> out.add(new Outcome(r.app(), ActionKind.MARK, RestrictionOutcome.UNSUPPORTED_ON_OS,
        "pf on macOS cannot set DSCP per socket owner")));
  }
}
