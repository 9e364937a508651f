package io.cuttle.controller.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ChangeThresholdTest {
  private static OptionalLong v(long x) {
    return OptionalLong.of(x);
  }

  @Test
  void relativeAndAbsoluteFloorsBothApply() {
    ChangeThreshold t = new ChangeThreshold(0.01, 10_000);
    assertThat(t.significant(v(100_000_000), v(100_900_000))).isFalse(); // 0.9%
    assertThat(t.significant(v(100_000_000), v(101_100_000))).isTrue(); // 1.1%
    assertThat(t.significant(v(100_000), v(108_000))).isFalse(); // 8%, but under the 10 kbit/s floor
    assertThat(t.significant(v(100_000), v(111_000))).isTrue();
    assertThat(t.significant(v(5), OptionalLong.empty())).isTrue();
    assertThat(t.significant(OptionalLong.empty(), v(0))).isTrue();
    assertThat(t.significant(OptionalLong.empty(), OptionalLong.empty())).isFalse();
  }

  @Test
  void everyChangeMeansAnyDifference() {
    assertThat(ChangeThreshold.EVERY_CHANGE.significant(v(1), v(2))).isTrue();
    assertThat(ChangeThreshold.EVERY_CHANGE.significant(v(2), v(2))).isFalse();
  }

  @Test
  void rejectsOutOfRangeSettings() {
    assertThatThrownBy(() -> new ChangeThreshold(1.5, 0)).hasMessageContaining("0..1, got 1.5");
    assertThatThrownBy(() -> new ChangeThreshold(0.1, -1)).hasMessageContaining("got -1");
  }
}
