package io.cuttle.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuttle.daemon.config.AppRule;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.daemon.config.DaemonConfigReader;
import io.cuttle.lab.LabHost.App;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabHostTest {
  private final LabHost host = new LabHost("lx", 2, "10.207.3.10", List.of(
      new App("sync", "low-priority", 5421, 80_000_000L), new App("backup", "bulk", 5423, 15_000_000L)));

  @Test
  void theDaemonYamlNamesEverythingTheAdapterOwnsAfterTheHost() throws Exception {
    DaemonConfig c = DaemonConfigReader.parse("h.yaml", host.yaml());

    assertThat(c.hostId()).isEqualTo("branch-h2");
    assertThat(c.address().map(a -> a.getHostAddress())).contains("10.207.3.10");
    assertThat(c.flows().netns()).contains(Path.of("/run/netns/lx-h2"));
    assertThat(c.flows().apps()).extracting(AppRule::name, AppRule::appClass)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("sync", "low-priority"),
            org.assertj.core.groups.Tuple.tuple("backup", "bulk"));
    assertThat(c.flows().apps().get(0).matches("/usr/bin/iperf3", "iperf3 -c 10.207.9.10 -p 5421 -t 90",
        Optional.empty(), "root")).isTrue();
    assertThat(c.flows().apps().get(0).matches("/usr/bin/iperf3", "iperf3 -c 10.207.9.10 -p 5423 -t 90",
        Optional.empty(), "root")).isFalse();
    assertThat(c.enforcementNames().nftTable()).isEqualTo("lx_h2").isEqualTo(host.table);
    assertThat(c.enforcementNames().cgroupParent()).isEqualTo("lx-h2").isEqualTo(host.cgroupParent);
    assertThat(c.enforcementNames().tcMajor()).isEqualTo(0xd2).isEqualTo(host.tcMajor);
    assertThat(c.enforcementNames().interfaces()).containsExactly("lx-h2-up");
    assertThat(c.enforcementNames().ifb()).isEqualTo("lx-h2-ifb");
    assertThat(c.enforcementNames().netns()).contains("lx-h2");
  }

  @Test
  void appsAreFoundByNameAndAnUnknownNameSaysWhatThereIs() {
    assertThat(host.app("backup").port()).isEqualTo(5423);
    assertThatThrownBy(() -> host.app("video")).hasMessageContaining("got video").hasMessageContaining("sync");
  }

  @Test
  void everyHandlerAHostRunsHasItsScriptAndTheLabsManifestOnTheClassPath() throws Exception {
    for (String h : LabHost.HANDLERS) {
      for (String r : List.of("/io/cuttle/policies/" + h + ".js", "/io/cuttle/lab/handlers/" + h + ".manifest.yaml")) {
        try (InputStream in = LabHost.class.getResourceAsStream(r)) {
          assertThat(in).as(r).isNotNull();
          assertThat(new String(in.readAllBytes())).as(r).isNotBlank();
        }
      }
    }
  }

  @Test
  void theDaemonIsNotThereBeforeStart() {
    assertThatThrownBy(host::nothingWanted).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("branch-h2");
  }
}
