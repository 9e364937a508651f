package io.cuttle.policy.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TriggerStateTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void stateChangeRunsAfterASplayDrawnFromTheInjectedRandom() {
    TriggerPolicy p = new TriggerPolicy(Duration.ofSeconds(10), Duration.ofSeconds(5), 1, Duration.ZERO);
    TriggerState a = new TriggerState(p, new SplittableRandom(3), T0);
    TriggerState b = new TriggerState(p, new SplittableRandom(3), T0);
    a.ran(T0);
    b.ran(T0);
    a.stateChanged(T0);
    b.stateChanged(T0);
    assertThat(a.nextDue()).isEqualTo(b.nextDue()).isAfterOrEqualTo(T0).isBefore(T0.plusSeconds(5));
    assertThat(a.due(a.nextDue().minusMillis(1))).isEmpty();
    assertThat(a.due(a.nextDue())).contains(Trigger.STATE_CHANGE);
  }

  @Test
  void splayDiffersBetweenHosts() {
    TriggerPolicy p = new TriggerPolicy(Duration.ofSeconds(60), Duration.ofSeconds(30), 1, Duration.ZERO);
    SplittableRandom seeds = new SplittableRandom(1);
    java.util.Set<Instant> dues = new java.util.HashSet<>();
    for (int host = 0; host < 50; host++) {
      TriggerState s = new TriggerState(p, seeds.split(), T0);
      s.ran(T0);
      s.stateChanged(T0);
      dues.add(s.nextDue());
    }
    assertThat(dues).hasSize(50).allSatisfy(d -> assertThat(d).isBefore(T0.plusSeconds(30)));
  }

  @Test
  void ticksComeEveryPeriodAfterTheLastRun() {
    TriggerState s = new TriggerState(new TriggerPolicy(Duration.ofSeconds(10), Duration.ZERO, 1, Duration.ZERO),
        new SplittableRandom(1), T0);
    s.ran(T0);
    assertThat(s.due(T0.plusSeconds(9))).isEmpty();
    assertThat(s.due(T0.plusSeconds(10))).contains(Trigger.TICK);
  }

  @Test
  void debounceAndHoldDown() {
    TriggerState s = new TriggerState(new TriggerPolicy(Duration.ofSeconds(10), Duration.ZERO, 3,
        Duration.ofSeconds(60)), new SplittableRandom(1), T0);
    assertThat(s.shouldFire(true, T0)).isFalse();
    assertThat(s.shouldFire(true, T0)).isFalse();
    assertThat(s.shouldFire(false, T0)).isFalse();
    assertThat(s.shouldFire(true, T0)).isFalse();
    assertThat(s.shouldFire(true, T0)).isFalse();
    assertThat(s.shouldFire(true, T0)).isTrue();
    s.deregistered(T0);
    for (int i = 0; i < 5; i++) {
      assertThat(s.shouldFire(true, T0.plusSeconds(10 * i))).isFalse();
    }
    assertThat(s.shouldFire(true, T0.plusSeconds(60))).isTrue();
  }
}
