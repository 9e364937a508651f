package io.cuttle.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuttle.daemon.config.AppRule;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.daemon.config.DaemonConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabDaemonsTest {
  @TempDir
  Path dir;

  @Test
  void theYamlHeadParsesWithExtraFlowsLinesAndTheAppRules() throws Exception {
    String yaml = LabDaemons.yaml("branch-h1", "10.207.2.10", "lx-h1", List.of("idle-timeout: 10m"),
        List.of("{name: backup, exe: \"/usr/bin/python3*\", cmdline: \"bulk_app.py\", class: bulk}"));

    DaemonConfig c = DaemonConfigReader.parse("d.yaml", yaml);

    assertThat(c.hostId()).isEqualTo("branch-h1");
    assertThat(c.reportInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.adminListen()).isEmpty();
    assertThat(c.flows().interval()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.flows().windows()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(10));
    assertThat(c.flows().capture()).isFalse();
    assertThat(c.flows().idleTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.flows().netns()).contains(Path.of("/run/netns/lx-h1"));
    assertThat(c.flows().apps()).extracting(AppRule::name, AppRule::appClass)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("backup", "bulk"));
  }

  @Test
  void aHandlerIsInstalledAsTheShippedScriptWithTheLabsManifest() throws Exception {
    LabDaemons.installHandler(dir, "backup-link-bulk");

    assertThat(Files.readString(dir.resolve("backup-link-bulk.js"))).contains("function");
    assertThat(Files.readString(dir.resolve("backup-link-bulk.manifest.yaml")))
        .contains("name: backup-link-bulk").contains("triggers: {tick: 1s, splay: 0s, debounce: 1, holdDown: 0s}");
  }

  @Test
  void anUnknownHandlerSaysWhatWasMissing() {
    assertThatThrownBy(() -> LabDaemons.installHandler(dir, "no-such-handler"))
        .hasMessage("expected /io/cuttle/policies/no-such-handler.js on the class path, got nothing");
  }
}
