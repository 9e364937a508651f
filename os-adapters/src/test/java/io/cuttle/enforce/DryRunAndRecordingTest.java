package io.cuttle.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.enforce.dryrun.DryRunAdapter;
import io.cuttle.enforce.fake.RecordingAdapter;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DryRunAndRecordingTest {
  private static final DesiredState STATE = DesiredState.combining(List.of(
      AppRestriction.of("web").withMaxUp(1_000_000).withBlock(), AppRestriction.of("idle").withDscp(8)));
  private static final AppProcesses PROCS = AppProcesses.of("web", Set.of(7L));

  @Test
  void dryRunPrintsOneLinePerActionAndPlansThemAll() {
    List<String> printed = new ArrayList<>();
    DryRunAdapter a = new DryRunAdapter(printed::add);

    EnforcementReport rep = a.reconcile(STATE, PROCS);
    a.reconcile(DesiredState.empty(), AppProcesses.none());

    assertThat(rep.all(RestrictionOutcome.PLANNED)).isTrue();
    assertThat(printed).containsExactly("dry-run: mark packets of idle (pids []) with DSCP 8",
        "dry-run: limit egress of web (pids [7]) to 1000000 bit/s", "dry-run: block all traffic of web (pids [7]) (reject)",
        "dry-run: remove every restriction of idle", "dry-run: remove every restriction of web");
  }

  @Test
  void recordingAdapterModelsInstalledStateUnsupportedActionsAndDrift() {
    RecordingAdapter a = new RecordingAdapter(EnumSet.of(ActionKind.LIMIT_DOWN));

    EnforcementReport rep = a.reconcile(STATE, PROCS);
    assertThat(rep.outcomeOf("web", ActionKind.BLOCK)).isEqualTo(RestrictionOutcome.APPLIED);
    assertThat(rep.outcomeOf("idle", ActionKind.MARK)).isEqualTo(RestrictionOutcome.APP_NOT_RUNNING);
    assertThat(a.installed()).containsOnlyKeys("web");
    assertThat(a.verify().isInSync()).isTrue();

    a.tamper("web");
    VerifyReport v = a.verify();
    assertThat(v.isInSync()).isFalse();
    assertThat(a.installed()).containsOnlyKeys("web");
    assertThat(a.calls()).hasSize(2);

    EnforcementReport down = a.reconcile(DesiredState.combining(List.of(AppRestriction.of("web").withMaxDown(5))), PROCS);
    assertThat(down.outcomeOf("web", ActionKind.LIMIT_DOWN)).isEqualTo(RestrictionOutcome.UNSUPPORTED_ON_OS);
  }
}
