package io.cuttle.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuttle.enforce.fake.RecordingAdapter;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class EnforcementMonitorTest {
  @Test
  void reportsDriftOnceAndTheReapplyBringsTheAdapterBackInSync() {
    RecordingAdapter adapter = new RecordingAdapter();
    adapter.reconcile(DesiredState.combining(List.of(AppRestriction.of("web").withBlock())),
        AppProcesses.of("web", Set.of(1L)));
    List<VerifyReport> seen = new ArrayList<>();
    EnforcementMonitor m = new EnforcementMonitor(adapter, seen::add);

    assertThat(m.checkOnce().isInSync()).isTrue();
    adapter.tamper("web");
    VerifyReport drift = m.checkOnce();
    VerifyReport after = m.checkOnce();

    assertThat(drift.isInSync()).isFalse();
    assertThat(after.isInSync()).isTrue();
    assertThat(seen).containsExactly(drift);
    assertThat(adapter.installed()).containsOnlyKeys("web");
  }

  @Test
  void refusesANonPositivePeriodAndASecondStart() {
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor();
    try (EnforcementMonitor m = new EnforcementMonitor(new RecordingAdapter(), r -> { })) {
      assertThatThrownBy(() -> m.start(s, Duration.ZERO)).hasMessage("period: expected > 0, got PT0S");
      m.start(s, Duration.ofHours(1));
      assertThatThrownBy(() -> m.start(s, Duration.ofHours(1))).hasMessageContaining("already running");
    } finally {
      s.shutdownNow();
    }
  }
}
