package io.cuttle.enforce.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.enforce.EnforcementReport;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Install, read back, tamper, remove: what the adapter leaves in a real kernel at each step. */
class LinuxEnforcerKernelTest {
  private static NetnsLab lab;

  @BeforeAll
  static void up() {
    lab = NetnsLab.create("k", 11);
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void installsOwnedObjectsAndRemovesThemAllWithTheKernelDefaultQdiscBack() throws Exception {
    LinuxEnforcer e = lab.enforcer();
    long pid = lab.sleeper();
    DesiredState want = DesiredState.combining(List.of(AppRestriction.of("web").withMaxUp(5_000_000).withDscp(10),
        AppRestriction.of("idle").withBlock()));
    EnforcementReport rep = e.reconcile(want, AppProcesses.of("web", Set.of(pid)));

    assertThat(rep.outcomeOf("web", ActionKind.LIMIT_UP)).isEqualTo(RestrictionOutcome.APPLIED);
    assertThat(rep.outcomeOf("web", ActionKind.MARK)).isEqualTo(RestrictionOutcome.APPLIED);
    assertThat(rep.outcomeOf("idle", ActionKind.BLOCK)).isEqualTo(RestrictionOutcome.APP_NOT_RUNNING);
    assertThat(lab.inA("nft", "list", "table", "inet", lab.table()).stdout()).contains("meta priority set ce:")
        .contains("ip dscp set af11").contains("socket cgroupv2 level 3");
    assertThat(lab.inA("tc", "class", "show", "dev", lab.devA).stdout()).contains("class htb ce:").contains("rate 5Mbit");
    assertThat(Files.readString(lab.cgroupParent().resolve("web").resolve("cgroup.procs")).strip())
        .isEqualTo(Long.toString(pid));
    assertThat(e.verify().isInSync()).isTrue();

    EnforcementReport gone = e.reconcile(DesiredState.empty(), AppProcesses.none());
    assertThat(gone.outcomeOf("web", ActionKind.LIMIT_UP)).isEqualTo(RestrictionOutcome.REVERTED);
    assertThat(lab.inA("nft", "list", "table", "inet", lab.table()).ok()).isFalse();
    assertThat(lab.inA("tc", "qdisc", "show", "dev", lab.devA, "root").stdout()).contains("noqueue");
    assertThat(lab.inA("tc", "class", "show", "dev", lab.devA).stdout()).isBlank();
    assertThat(Files.exists(lab.cgroupParent())).isFalse();
    assertThat(Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "cgroup"))).contains("0::/\n");
  }

  @Test
  void verifyNoticesRulesRemovedBehindItsBackAndReappliesThem() {
    LinuxEnforcer e = lab.enforcer();
    long pid = lab.sleeper();
    DesiredState want = DesiredState.combining(List.of(AppRestriction.of("tamper").withMaxUp(2_000_000)));
    AppProcesses procs = AppProcesses.of("tamper", Set.of(pid));
    e.reconcile(want, procs);

    assertThat(lab.inA("nft", "delete", "table", "inet", lab.table()).ok()).isTrue();
    assertThat(lab.inA("tc", "class", "del", "dev", lab.devA, "classid", "ce:2").ok()).isTrue();
    var v = e.verify();

    assertThat(v.drift()).extracting(d -> d.what()).containsExactly("nft table inet " + lab.table(), "htb classes on " + lab.devA);
    assertThat(v.reapplied()).isPresent();
    assertThat(lab.inA("nft", "list", "table", "inet", lab.table()).stdout()).contains("meta priority set ce:");
    assertThat(lab.inA("tc", "class", "show", "dev", lab.devA).stdout()).contains("class htb ce:");
    assertThat(e.verify().isInSync()).isTrue();

    assertThat(lab.inA("nft", "delete", "chain", "inet", lab.table(), "app_" + e.classIdOf("tamper").orElseThrow()).ok())
        .as("deleting a chain needs its rule references gone first").isFalse();
    assertThat(lab.inA("nft", "flush", "chain", "inet", lab.table(), "out").ok()).isTrue();
    assertThat(lab.inA("nft", "delete", "chain", "inet", lab.table(), "app_" + e.classIdOf("tamper").orElseThrow()).ok())
        .isTrue();
    assertThat(e.verify().drift()).extracting(d -> d.what()).containsExactly("nft table inet " + lab.table() + " chains");
    assertThat(e.verify().isInSync()).isTrue();
    e.reconcile(DesiredState.empty(), AppProcesses.none());
  }

  @Test
  void withoutAnInterfaceLimitsAreRefusedSayingWhyWhileBlocksApply() {
    Cgroup2Mount mount = ((Cgroup2Mount.Lookup.Found) Cgroup2Mount.find()).mount();
    LinuxEnforcer e = new LinuxEnforcer(lab.settings(), mount, List.of(),
        io.cuttle.enforce.exec.ProcessCommandRunner.inNetns(lab.settings().netns()));
    long pid = lab.sleeper();
    EnforcementReport rep = e.reconcile(DesiredState.combining(List.of(AppRestriction.of("nowhere").withMaxUp(1_000_000)
        .withMaxDown(1_000_000).withBlock())), AppProcesses.of("nowhere", Set.of(pid)));
    e.reconcile(DesiredState.empty(), AppProcesses.none());

    assertThat(rep.outcomeOf("nowhere", ActionKind.LIMIT_UP)).isEqualTo(RestrictionOutcome.KERNEL_REFUSED);
    assertThat(rep.of("nowhere", ActionKind.LIMIT_UP).orElseThrow().detail())
        .isEqualTo("expected an egress interface to shape (settings or a default route), got none");
    assertThat(rep.outcomeOf("nowhere", ActionKind.LIMIT_DOWN)).isEqualTo(RestrictionOutcome.KERNEL_REFUSED);
    assertThat(rep.outcomeOf("nowhere", ActionKind.BLOCK)).isEqualTo(RestrictionOutcome.APPLIED);
  }
}
