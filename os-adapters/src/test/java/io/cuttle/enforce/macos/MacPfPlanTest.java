package io.cuttle.enforce.macos;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.enforce.EnforcementReport;
import io.cuttle.enforce.PlanGolden;
import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.RecordingCommandRunner;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The exact pfctl/dnctl commands of the macOS adapter, checked against golden files. */
class MacPfPlanTest {
  static final DesiredState STATE = DesiredState.combining(List.of(
      AppRestriction.of("browser").withMaxUp(5_000_000).withDscp(10),
      AppRestriction.of("torrent").withBlock().withMaxDown(2_000_000),
      AppRestriction.of("ghost").withMaxUp(1_000_000)));
  static final AppProcesses PROCS = AppProcesses.of("browser", Set.of(100L)).with("torrent", Set.of(200L))
      .withUid("browser", 501).withUid("torrent", 502);

  @Test
  void planMatchesGoldenFileIncludingPipesLeftByACrashedRun() throws Exception {
    RecordingCommandRunner run = new RecordingCommandRunner(c -> new CommandResult(c.argv(), 0,
        c.argv().equals(List.of("dnctl", "pipe", "list")) ? "47000: 5.000 Mbit/s 0 ms 50 sl. 0 queues\n"
            + "47007: 1.000 Mbit/s 0 ms 50 sl. 0 queues\n00010: 1.000 Mbit/s 0 ms 50 sl. 0 queues\n" : "", ""));
    EnforcementReport rep = new MacPfAdapter(run, "cuttle").reconcile(STATE, PROCS);

    PlanGolden.assertMatches("macos-plan.txt", PlanGolden.render(run.calls(), rep.outcomes()));
    assertThat(rep.outcomeOf("browser", ActionKind.LIMIT_UP)).isEqualTo(RestrictionOutcome.PARTIAL);
    assertThat(rep.outcomeOf("browser", ActionKind.MARK)).isEqualTo(RestrictionOutcome.UNSUPPORTED_ON_OS);
    assertThat(rep.outcomeOf("ghost", ActionKind.LIMIT_UP)).isEqualTo(RestrictionOutcome.UNSUPPORTED_ON_OS);
  }

  @Test
  void emptyStateAfterAStateDeletesItsPipesAndFlushesTheAnchor() throws Exception {
    RecordingCommandRunner run = new RecordingCommandRunner();
    MacPfAdapter a = new MacPfAdapter(run, "cuttle");
    a.reconcile(STATE, PROCS);
    run.clear();
    EnforcementReport rep = a.reconcile(DesiredState.empty(), AppProcesses.none());

    PlanGolden.assertMatches("macos-empty.txt", PlanGolden.render(run.calls(), rep.outcomes()));
  }

  @Test
  void aRefusedCommandMakesInstalledActionsKernelRefused() {
    RecordingCommandRunner run = new RecordingCommandRunner(c -> new CommandResult(c.argv(),
        c.argv().get(0).equals("pfctl") && c.argv().contains("-f") ? 1 : 0, "", "pfctl: Permission denied"));
    EnforcementReport rep = new MacPfAdapter(run, "cuttle").reconcile(STATE, PROCS);

    assertThat(rep.outcomeOf("torrent", ActionKind.BLOCK)).isEqualTo(RestrictionOutcome.KERNEL_REFUSED);
    assertThat(rep.of("torrent", ActionKind.BLOCK).orElseThrow().detail()).contains("Permission denied");
    assertThat(rep.outcomeOf("browser", ActionKind.MARK)).isEqualTo(RestrictionOutcome.UNSUPPORTED_ON_OS);
  }
}
