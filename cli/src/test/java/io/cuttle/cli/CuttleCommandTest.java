package io.cuttle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.common.config.HostPort;
import io.cuttle.controller.Controller;
import io.cuttle.controller.ControllerConfig;
import io.cuttle.controller.store.TopologyStore;
import io.cuttle.controller.topology.file.ExampleTopology;
import io.cuttle.daemon.Daemon;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.daemon.state.StateFile;
import io.cuttle.lab.WanLab;
import io.cuttle.netstate.model.Lineage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user runs it: exit codes, stdout, stderr. */
class CuttleCommandTest {
  @TempDir
  Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = CuttleCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void versionNamesTheBuildAndTheProtocol() {
    Run r = run("version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("cuttle 0.1.0").contains("wire protocol cuttle.v1");
  }

  @Test
  void badConfigurationExitsTwoWithFileLineFieldExpectedAndGot() throws Exception {
    Path bad = dir.resolve("controller.yaml");
    Files.writeString(bad, "listen: 127.0.0.1:7420\nhistory: -3\n");
    Run r = run("controller", "run", "-c", bad.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("controller.yaml:2:").contains("history").contains("got '-3'");

    Path badDaemon = dir.resolve("daemon.yaml");
    Files.writeString(badDaemon, "controllers: [nowhere]\n");
    Run d = run("daemon", "run", "-c", badDaemon.toString());
    assertThat(d.code()).isEqualTo(2);
    assertThat(d.err()).contains("daemon.yaml:1:").contains("controllers");
  }

  @Test
  void badFlagValuesAndUnknownCommandsAreUsageErrors() {
    Run r = run("controller", "run", "--listen", "nonsense");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--listen: expected host:port, got 'nonsense'");
    assertThat(run("fly").code()).isEqualTo(2);
  }

  @Test
  void stateShowReadsAStateFileAsTextAndJson() throws Exception {
    TopologyStore store = new TopologyStore(new Lineage(0x1234, Instant.parse("2026-01-01T00:00:00Z")),
        Clock.systemUTC(), 16);
    store.apply(ExampleTopology.spec());
    Path file = dir.resolve("state.pb");
    Files.write(file, StateFile.encode(store.current()));

    Run text = run("state", "show", "--state-file", file.toString());
    assertThat(text.code()).isZero();
    assertThat(text.out()).contains("branch-lte").contains("campus-core").contains("backup,metered");

    Run json = run("state", "show", "--json", "--state-file", file.toString());
    assertThat(json.code()).isZero();
    JsonNode view = new ObjectMapper().readTree(json.out());
    assertThat(view.toString()).contains("\"version\":" + store.current().version());
  }

  @Test
  void stateShowSaysClearlyWhenThereIsNothingToRead() {
    Run missing = run("state", "show", "--state-file", dir.resolve("none.pb").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("no state file at");
    Run down = run("state", "show", "--admin", "127.0.0.1:1");
    assertThat(down.code()).isEqualTo(1);
    assertThat(down.err()).contains("cannot reach the daemon at http://127.0.0.1:1/state");
  }

  @Test
  void stateShowAsksARunningDaemon() throws Exception {
    ControllerConfig cc = new ControllerConfig(new HostPort("127.0.0.1", 0), Optional.empty(),
        new ControllerConfig.TopologySource.Example(), 64, 64, Duration.ofSeconds(1), OptionalLong.empty(),
        Duration.ZERO);
    try (Controller c = Controller.start(cc, Clock.systemUTC());
        Daemon d = Daemon.start(DaemonConfig.defaults().withHostId("cli-test").withStateDir(dir.resolve("d"))
            .withControllers(List.of(new HostPort("127.0.0.1", c.port())))
            .withAdminListen(Optional.of(new HostPort("127.0.0.1", 0))), Clock.systemUTC())) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      // settled: the example's annotations are paced over the annotation spread, each a new version
      while (!c.settled() || d.state().version() == 0 || d.state().version() != c.store().current().version()) {
        assertThat(System.nanoTime()).as("controller settled and daemon synced within 20 s").isLessThan(deadline);
        Thread.sleep(20);
      }
      long version = d.state().version();
      Run r = run("state", "show", "--admin", "127.0.0.1:" + d.adminAddress().orElseThrow().getPort());
      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("version " + version).contains("wan-hub");
    }
  }

  @Test
  void theLoopbackDemoRunsEndToEnd() {
    Run r = run("demo", "--loopback");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("identical to campus-host's")
        .contains("does my path to campus cross branch-lte (up, labels [backup, metered])? NONE")
        .contains("both daemons hold version")
        .contains("(identical: yes)")
        .contains("does my path to campus cross branch-lte (up, labels [backup, metered])? ALL");
  }

  @Test
  void theWanDemoPlaysTheStoryAndLeavesNothingBehind() {
    org.junit.jupiter.api.Assumptions.assumeTrue(WanLab.unavailabilityCause().isEmpty(),
        () -> "the WAN demo cannot run here: " + WanLab.unavailabilityCause().orElse(""));
    Run r = run("demo");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("OSPF converged: branch -> data centre via the WAN link")
        .contains("WAN load measured over SNMP")
        .contains("upstream-smoothing caps the low-priority apps in proportion: branch-h1 sync")
        .contains("routers rerouted: branch -> data centre via bk")
        .contains("daemons: backup-link-bulk blocks 'backup' on both hosts (APPLIED")
        .contains("branch-h1  REPORTING").contains("branch-h2  REPORTING")
        .contains("1 ENFORCED")
        .contains("every restriction gone: no nft table, tc qdisc or class, or app cgroup of either adapter")
        .contains("lab torn down");
    assertThat(io.cuttle.enforce.exec.ProcessCommandRunner.local().run(java.util.List.of("ip", "netns", "list"))
        .stdout()).doesNotContain(WanDemo.PREFIX + "-");
    assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/sys/fs/cgroup/unified", WanDemo.PREFIX + "-h1"))
        || java.nio.file.Files.exists(java.nio.file.Path.of("/sys/fs/cgroup", WanDemo.PREFIX + "-h1")))
        .as("the demo's cgroup parent is removed").isFalse();
  }
}
