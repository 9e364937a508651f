package io.cuttle.daemon.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Why accounting cannot run without privileges, read from a status file. */
class PrivilegesTest {
  @Test
  void rootHasEverything(@TempDir Path dir) throws Exception {
    Path status = Files.writeString(dir.resolve("status"), "Uid:\t0\t0\t0\t0\nCapEff:\t000001ffffffffff\n");
    assertThat(Privileges.missing(status)).isEmpty();
    assertThat(Privileges.missingForCapture(status)).isEmpty();
  }

  @Test
  void anUnprivilegedUserIsToldWhatIsMissing(@TempDir Path dir) throws Exception {
    Path status = Files.writeString(dir.resolve("status"), "Uid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000000000\n");
    assertThat(Privileges.missing(status)).hasValueSatisfying(m -> assertThat(m)
        .contains("needs root or CAP_NET_ADMIN, CAP_NET_RAW and CAP_SYS_PTRACE")
        .contains("uid 1000").contains("CAP_NET_ADMIN (socket destroy events)").contains("CAP_SYS_PTRACE"));
    assertThat(Privileges.missingForCapture(status)).hasValueSatisfying(m -> assertThat(m).contains("CAP_NET_RAW"));
  }

  @Test
  void startingWhenNotPermittedSaysWhyAndRunsNothing() {
    var started = FlowsStarter.start(io.cuttle.daemon.config.FlowsConfig.disabled(), "h", java.time.Clock.systemUTC());
    assertThat(started.accounting()).isEmpty();
    assertThat(started.status().state()).isEqualTo(FlowsStatus.State.DISABLED);
    assertThat(started.status().detail()).contains("flows.enabled");
  }
}
