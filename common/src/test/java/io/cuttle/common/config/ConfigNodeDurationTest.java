package io.cuttle.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigNodeDurationTest {
  @Test
  void formatsDurationsTheWayTheyAreWritten() {
    assertThat(ConfigNode.formatDuration(Duration.ofMillis(100))).isEqualTo("100ms");
    assertThat(ConfigNode.formatDuration(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(ConfigNode.formatDuration(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(ConfigNode.formatDuration(Duration.ZERO)).isEqualTo("0s");
  }

  @Test
  void formattedDurationsParseBack() {
    for (Duration d : new Duration[] {Duration.ofMillis(1500), Duration.ofMinutes(61), Duration.ofSeconds(5)}) {
      assertThat(ConfigNode.parseDuration(ConfigNode.formatDuration(d))).contains(d);
    }
  }

  @Test
  void tooShortDurationIsReportedInWrittenForm() throws ConfigException {
    ConfigNode root = ConfigNode.parse("c.yaml", "heartbeat: 50ms\n");
    Diagnostics d = new Diagnostics();
    root.get("heartbeat").duration(d, Duration.ofMillis(100), Duration.ofSeconds(5));
    assertThat(d.all()).singleElement().hasToString(
        "c.yaml:1:12: heartbeat: expected a duration like 500ms, 5s, 2m or 1h of at least 100ms, got '50ms'");
  }
}
