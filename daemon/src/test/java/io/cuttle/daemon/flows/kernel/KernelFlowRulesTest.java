package io.cuttle.daemon.flows.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.CommandRunner;
import io.cuttle.enforce.exec.RecordingCommandRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelFlowRulesTest {
  @Test
  void triesTheDeepestCgroupLevelFirstAndReturnsOnTheFirstRecord() {
    String s = KernelFlowRules.install("t", 3);
    assertThat(s).startsWith("table inet t\ndelete table inet t\ntable inet t {");
    int l3 = s.indexOf("socket cgroupv2 level 3 } return");
    int l2 = s.indexOf("socket cgroupv2 level 2 } return");
    int l1 = s.indexOf("socket cgroupv2 level 1 } return");
    assertThat(l3).isPositive().isLessThan(l2);
    assertThat(l2).isLessThan(l1);
    assertThat(s).contains("update @udp4_out { ip saddr . udp sport . ip daddr . udp dport } return")
        .contains("update @udp4_in { ip daddr . udp dport . ip saddr . udp sport } return")
        .contains("counter name udp_unrecorded").doesNotContain("drop").doesNotContain("reject");
  }

  @Test
  void refusesNoCgroupLevel() {
    assertThatThrownBy(() -> KernelFlowRules.install("t", 0)).hasMessageContaining("expected at least 1, got 0");
  }

  @Test
  void saysWhyWhenNftRefusesTheTable() {
    CommandRunner refusing = (argv, stdin) -> new CommandResult(argv, 1, "", "Error: Could not process rule: No such file or directory");
    var installed = KernelFlowTable.install(refusing, "t", Path.of("/sys/fs/cgroup"));
    assertThat(installed).isInstanceOfSatisfying(KernelFlowTable.Installed.Unavailable.class,
        u -> assertThat(u.cause()).contains("cannot install nft table inet t").contains("No such file"));
  }

  @Test
  void listsWithCgroupfsHiddenFallsBackToAPlainListingAndRemovesTheTableOnClose() {
    RecordingCommandRunner rec = new RecordingCommandRunner(c -> new CommandResult(c.argv(),
        c.argv().get(0).equals("unshare") ? 1 : 0, "", ""));
    var installed = KernelFlowTable.install(rec, "t", Path.of("/sys/fs/cgroup"));
    assertThat(installed).isInstanceOf(KernelFlowTable.Installed.Active.class);
    KernelFlowTable table = ((KernelFlowTable.Installed.Active) installed).table();
    table.read();
    table.read();
    table.close();
    table.close();
    List<List<String>> argv = rec.calls().stream().map(RecordingCommandRunner.Call::argv).toList();
    assertThat(argv).hasSize(5);
    assertThat(argv.get(0)).containsExactly("nft", "-f", "-");
    assertThat(argv.get(1)).startsWith("unshare", "--mount");
    assertThat(argv.get(2)).containsExactly("nft", "-j", "list", "table", "inet", "t");
    assertThat(argv.get(3)).as("no second try of the mount namespace").containsExactly("nft", "-j", "list", "table", "inet", "t");
    assertThat(rec.calls().get(4).stdin()).isEqualTo("delete table inet t\n");
  }
}
