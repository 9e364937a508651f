package io.cuttle.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.Protocol;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppProcessesTest {
  @Test
  void appsWithoutPidsAreNotRunningAndCopiesAreIndependent() {
    AppProcesses p = AppProcesses.of("web", Set.of(30L, 10L)).with("idle", Set.of()).withExecutable("web", "/usr/bin/web")
        .withUid("web", 1000);

    assertThat(p.pidsOf("web")).containsExactly(10L, 30L);
    assertThat(p.isRunning("idle")).isFalse();
    assertThat(p.pidsOf("idle")).isEmpty();
    assertThat(p.executableOf("web")).contains("/usr/bin/web");
    assertThat(p.uidOf("web")).hasValue(1000);
    assertThat(AppProcesses.none().isRunning("web")).isFalse();
  }

  @Test
  void flowsGoAlongAndCanBeLeftOutForComparing() throws Exception {
    FlowKey k = new FlowKey(Protocol.TCP, InetAddress.getByName("10.0.0.1"), 40000, InetAddress.getByName("10.0.0.2"), 443);
    AppProcesses p = AppProcesses.of("web", Set.of(10L)).withFlows("web", List.of(k)).withUid("web", 1000);

    assertThat(p.flowsOf("web")).containsExactly(k);
    assertThat(p.flowsOf("idle")).isEmpty();
    assertThat(p.uidOf("web")).hasValue(1000);
    assertThat(p).isNotEqualTo(AppProcesses.of("web", Set.of(10L)).withUid("web", 1000));
    assertThat(p.withoutFlows()).isEqualTo(AppProcesses.of("web", Set.of(10L)).withUid("web", 1000));
  }

  @Test
  void rejectsNonPositivePidsNamingTheApp() {
    assertThatThrownBy(() -> new AppProcesses(Map.of("web", new java.util.TreeSet<>(Set.of(0L))), Map.of(), Map.of()))
        .hasMessage("web: pid: expected a number > 0, got 0");
  }
}
