package io.cuttle.enforce.windows;

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

/** The exact PowerShell the Windows adapter runs, checked against golden files. */
class WindowsPlanTest {
  static final DesiredState STATE = DesiredState.combining(List.of(
      AppRestriction.of("browser").withMaxUp(5_000_003).withDscp(10),
      AppRestriction.of("torrent").withBlock().withMaxDown(2_000_000),
      AppRestriction.of("ghost").withMaxUp(1_000_000),
      AppRestriction.of("voice").withDscp(46).withMaxUp(3)));
  static final AppProcesses PROCS = AppProcesses.of("browser", Set.of(100L)).with("torrent", Set.of(200L))
      .with("voice", Set.of(300L)).withExecutable("browser", "C:\\Program Files\\Browser\\browser.exe")
      .withExecutable("torrent", "C:\\Users\\O'Neil\\torrent.exe").withExecutable("voice", "voice.exe")
      .withUid("browser", 501).withUid("torrent", 502);

  @Test
  void planMatchesGoldenFile() throws Exception {
    RecordingCommandRunner run = new RecordingCommandRunner();
    EnforcementReport rep = new WindowsAdapter(run, "cuttle").reconcile(STATE, PROCS);

    PlanGolden.assertMatches("windows-plan.txt", PlanGolden.render(run.calls(), rep.outcomes()));
    assertThat(rep.outcomeOf("torrent", ActionKind.LIMIT_DOWN)).isEqualTo(RestrictionOutcome.UNSUPPORTED_ON_OS);
    assertThat(rep.outcomeOf("ghost", ActionKind.LIMIT_UP)).isEqualTo(RestrictionOutcome.APP_NOT_RUNNING);
  }

  @Test
  void emptyStateRemovesEverythingOwned() throws Exception {
    RecordingCommandRunner run = new RecordingCommandRunner();
    EnforcementReport rep = new WindowsAdapter(run, "cuttle").reconcile(DesiredState.empty(), AppProcesses.none());

    PlanGolden.assertMatches("windows-empty.txt", PlanGolden.render(run.calls(), rep.outcomes()));
    assertThat(rep.outcomes()).isEmpty();
  }

  @Test
  void ratesAreRoundedToMultiplesOfEightAndNeverToZero() {
    assertThat(WindowsPlanner.roundRate(5_000_003)).isEqualTo(5_000_000);
    assertThat(WindowsPlanner.roundRate(5_000_005)).isEqualTo(5_000_008);
    assertThat(WindowsPlanner.roundRate(3)).isEqualTo(8);
  }

  @Test
  void aFailingScriptTurnsAppliedActionsIntoKernelRefusedWithTheError() {
    RecordingCommandRunner run = new RecordingCommandRunner(c -> new CommandResult(c.argv(), 1, "",
        "New-NetQosPolicy : Access is denied."));
    EnforcementReport rep = new WindowsAdapter(run, "cuttle").reconcile(STATE, PROCS);

    assertThat(rep.outcomeOf("browser", ActionKind.LIMIT_UP)).isEqualTo(RestrictionOutcome.KERNEL_REFUSED);
    assertThat(rep.of("browser", ActionKind.LIMIT_UP).orElseThrow().detail()).contains("Access is denied");
    assertThat(rep.outcomeOf("torrent", ActionKind.LIMIT_DOWN)).isEqualTo(RestrictionOutcome.UNSUPPORTED_ON_OS);
  }

  @Test
  void verifyReappliesWhenPoliciesWentMissing() {
    RecordingCommandRunner run = new RecordingCommandRunner(c -> new CommandResult(c.argv(), 0,
        c.stdin().contains(".Count") ? "1 2\r\n" : "", ""));
    WindowsAdapter a = new WindowsAdapter(run, "cuttle");
    a.reconcile(STATE, PROCS);

    var v = a.verify();
    assertThat(v.drift()).singleElement().hasToString("owned QoS policies and firewall rules (counts): expected 2 2,"
        + " got 1 2");
    assertThat(v.reapplied()).isPresent();
  }
}
