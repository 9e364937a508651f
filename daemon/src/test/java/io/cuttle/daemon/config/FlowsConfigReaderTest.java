package io.cuttle.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuttle.common.config.ConfigException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The flows section of daemon.yaml: defaults, app rules, and diagnostics. */
class FlowsConfigReaderTest {
  @Test
  void absentSectionMeansOff() throws Exception {
    assertThat(DaemonConfigReader.parse("daemon.yaml", "host-id: h\n").flows().enabled()).isFalse();
  }

  @Test
  void readsAppsClassesWindowsAndCapture() throws Exception {
    FlowsConfig f = DaemonConfigReader.parse("daemon.yaml", """
        flows:
          interval: 500ms
          windows: [5s, 30s]
          capture: false
          apps:
            - {name: backup, exe: /usr/bin/rsync, cmdline: "--server", user: backup, class: bulk}
            - {name: web, unit: nginx.service, class: critical}
        """).flows();
    assertThat(f.enabled()).isTrue();
    assertThat(f.interval()).isEqualTo(Duration.ofMillis(500));
    assertThat(f.windows()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(30));
    assertThat(f.capture()).isFalse();
    assertThat(f.apps()).extracting(AppRule::name, AppRule::appClass).containsExactly(
        org.assertj.core.groups.Tuple.tuple("backup", "bulk"), org.assertj.core.groups.Tuple.tuple("web", "critical"));
    AppRule backup = f.apps().get(0);
    assertThat(backup.matches("/usr/bin/rsync", "rsync --server -r", Optional.empty(), "backup")).isTrue();
    assertThat(backup.matches("/usr/bin/rsync", "rsync -r", Optional.empty(), "backup")).isFalse();
    assertThat(backup.matches("/usr/bin/rsync", "rsync --server", Optional.empty(), "root")).isFalse();
    assertThat(f.apps().get(1).matches("/usr/sbin/nginx", "nginx", Optional.of("nginx.service"), "www")).isTrue();
  }

  @Test
  void kernelCountersAreOnByDefaultAndCanBeTurnedOff() throws Exception {
    assertThat(DaemonConfigReader.parse("daemon.yaml", "flows: {enabled: true}\n").flows().kernelCounters()).isTrue();
    assertThat(DaemonConfigReader.parse("daemon.yaml", "flows:\n  kernel-counters: false\n").flows().kernelCounters())
        .isFalse();
    assertThatThrownBy(() -> DaemonConfigReader.parse("daemon.yaml", "flows:\n  kernel-counters: sometimes\n"))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void everyProblemIsADiagnosticWithLineAndExpectation() {
    assertThatThrownBy(() -> DaemonConfigReader.parse("daemon.yaml", """
        flows:
          windows: [60s, 10s]
          colour: blue
          apps:
            - {name: a, cmdline: "(", class: bulk, exe: /bin/a}
            - {name: b, class: bulk}
        """)).isInstanceOfSatisfying(ConfigException.class, e -> {
          String all = e.getMessage() + e.diagnostics();
          assertThat(all).contains("daemon.yaml:2:").contains("expected windows shortest first");
          assertThat(all).contains("unknown field 'colour'");
          assertThat(all).contains("expected a regular expression");
          assertThat(all).contains("expected an exe or a unit for app 'b', got neither");
        });
  }
}
