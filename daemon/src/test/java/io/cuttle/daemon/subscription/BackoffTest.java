package io.cuttle.daemon.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.daemon.config.ReconnectPolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final ReconnectPolicy POLICY = new ReconnectPolicy(Duration.ofMillis(200), Duration.ofSeconds(30), 2.0, 0.2);

  @Test
  void baseDelayGrowsByTheMultiplierUpToMax() {
    Backoff b = new Backoff(POLICY, new SplittableRandom(1));

    assertThat(b.baseDelay(0)).isEqualTo(Duration.ofMillis(200));
    assertThat(b.baseDelay(1)).isEqualTo(Duration.ofMillis(400));
    assertThat(b.baseDelay(4)).isEqualTo(Duration.ofMillis(3200));
    assertThat(b.baseDelay(7)).isEqualTo(Duration.ofMillis(25600));
    assertThat(b.baseDelay(8)).isEqualTo(Duration.ofSeconds(30));
    assertThat(b.baseDelay(10_000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void consecutiveDelaysGrowAndStayWithinJitterBounds() {
    Backoff b = new Backoff(POLICY, new SplittableRandom(42));
    Duration previousUpper = Duration.ZERO;
    for (int n = 0; n < 12; n++) {
      Duration base = b.baseDelay(n);
      Duration d = b.nextDelay();
      assertThat(d).as("delay %d", n)
          .isBetween(scaled(base, 0.8), scaled(base, 1.2));
      if (n > 0 && base.compareTo(POLICY.max()) < 0) {
        // Without the cap, each lower bound is above the previous base: delays really grow.
        assertThat(scaled(base, 0.8)).isGreaterThan(scaled(b.baseDelay(n - 1), 0.8));
      }
      previousUpper = scaled(base, 1.2);
    }
    assertThat(b.failures()).isEqualTo(12);
    assertThat(previousUpper).isEqualTo(Duration.ofSeconds(36));
  }

  @Test
  void delaysAreSpreadAcrossTheJitterRange() {
    Backoff b = new Backoff(POLICY, new SplittableRandom(7));
    Set<Duration> seen = new HashSet<>();
    int below = 0;
    int above = 0;
    for (int i = 0; i < 200; i++) {
      Duration d = b.nextDelay();
      b.reset();
      assertThat(d).isBetween(Duration.ofMillis(160), Duration.ofMillis(240));
      seen.add(d);
      below += d.compareTo(Duration.ofMillis(200)) < 0 ? 1 : 0;
      above += d.compareTo(Duration.ofMillis(200)) > 0 ? 1 : 0;
    }
    assertThat(seen).hasSizeGreaterThan(150);
    assertThat(below).isGreaterThan(50);
    assertThat(above).isGreaterThan(50);
  }

  @Test
  void extremesOfTheRandomSourceHitTheBounds() {
    RandomGenerator lowest = () -> 0L;
    RandomGenerator highest = () -> -1L;

    assertThat(new Backoff(POLICY, lowest).nextDelay()).isEqualTo(Duration.ofMillis(160));
    assertThat(new Backoff(POLICY, highest).nextDelay()).isEqualTo(Duration.ofMillis(240));
  }

  @Test
  void sameSeedGivesSameDelays() {
    Backoff a = new Backoff(POLICY, new SplittableRandom(99));
    Backoff b = new Backoff(POLICY, new SplittableRandom(99));
    for (int i = 0; i < 10; i++) {
      assertThat(a.nextDelay()).isEqualTo(b.nextDelay());
    }
  }

  @Test
  void resetStartsOverAtInitial() {
    Backoff b = new Backoff(new ReconnectPolicy(Duration.ofMillis(200), Duration.ofSeconds(30), 2.0, 0.0),
        new SplittableRandom(3));
    b.nextDelay();
    b.nextDelay();
    assertThat(b.nextDelay()).isEqualTo(Duration.ofMillis(800));

    b.reset();

    assertThat(b.failures()).isZero();
    assertThat(b.nextDelay()).isEqualTo(Duration.ofMillis(200));
  }

  private static Duration scaled(Duration d, double factor) {
    return Duration.ofNanos(Math.round(d.toNanos() * factor));
  }
}
