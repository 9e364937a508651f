package io.cuttle.daemon.flows.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.daemon.config.AppRule;
import io.cuttle.daemon.flows.proc.FakeProc;
import io.cuttle.daemon.flows.proc.ProcReader;
import io.cuttle.daemon.flows.proc.ProcScanner;
import io.cuttle.daemon.flows.proc.ProcessId;
import io.cuttle.daemon.flows.proc.UserNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owners from a fake {@code /proc}: reused PIDs, exec, sharing, vanished processes. */
class AttributorTest {
  @TempDir
  Path dir;
  private FakeProc proc;
  private ProcScanner scanner;
  private Attributor attributor;

  @BeforeEach
  void setUp() throws Exception {
    Files.writeString(dir.resolve("passwd"), "root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n");
    proc = new FakeProc(Files.createDirectories(dir.resolve("proc")));
    ProcReader reader = new ProcReader(proc.root(), new UserNames(dir.resolve("passwd")));
    scanner = new ProcScanner(reader);
    AppRule backup = new AppRule("backup", Optional.of("/usr/bin/rsync"), Optional.of(Pattern.compile("--server")),
        Optional.empty(), Optional.empty(), "bulk");
    AppRule web = new AppRule("web", Optional.empty(), Optional.empty(), Optional.of("nginx.service"),
        Optional.empty(), "critical");
    attributor = new Attributor(reader, new AppClassifier(List.of(backup, web), "unclassified"));
  }

  private Owner ownerOf(long inode) {
    Map<Long, List<ProcessId>> holders = scanner.scanAll();
    return attributor.owner(holders.getOrDefault(inode, List.of()));
  }

  @Test
  void singleHolderGivesAppUserAndPid() throws Exception {
    proc.process(100, 5000, "/usr/bin/rsync", 1000, "/user.slice", "rsync", "--server", "-r").socket(100, 3, 77);
    Owner o = ownerOf(77);
    assertThat(o.attribution().app()).isEqualTo("backup");
    assertThat(o.appClass()).isEqualTo("bulk");
    assertThat(o.attribution().user()).isEqualTo("alice");
    assertThat(o.attribution().pid()).hasValue(100);
    assertThat(o.reason()).isEqualTo(Owner.Reason.SINGLE_PROCESS);
  }

  @Test
  void unitRuleMatchesTheSystemdUnitFromTheCgroup() throws Exception {
    proc.process(200, 10, "/usr/sbin/nginx", 0, "/system.slice/nginx.service", "nginx").socket(200, 9, 88);
    assertThat(ownerOf(88).attribution().app()).isEqualTo("web");
  }

  @Test
  void unmatchedProcessIsNamedByItsExecutableWithTheDefaultClass() throws Exception {
    proc.process(300, 10, "/usr/bin/curl", 0, "/", "curl", "x").socket(300, 4, 99);
    Owner o = ownerOf(99);
    assertThat(o.attribution().app()).isEqualTo("curl");
    assertThat(o.appClass()).isEqualTo("unclassified");
  }

  @Test
  void reusedPidIsNotTakenForTheProcessItReplaced() throws Exception {
    proc.process(400, 1000, "/usr/bin/rsync", 1000, "/", "rsync", "--server").socket(400, 3, 11);
    assertThat(ownerOf(11).attribution().app()).isEqualTo("backup");
    ProcessId old = new ProcessId(400, 1000);
    // PID 400 ends and is reused by curl (a later start time) which opens socket 12.
    proc.process(400, 2000, "/usr/bin/curl", 0, "/", "curl").socket(400, 3, 12);
    Owner now = ownerOf(12);
    assertThat(now.attribution().app()).isEqualTo("curl");
    assertThat(now.attribution().pid()).hasValue(400);
    // What was learnt about the old process is not handed out for the reused PID, and vice versa.
    assertThat(attributor.owner(List.of(old)).isKnown()).isFalse();
    assertThat(ownerOf(11).reason()).isEqualTo(Owner.Reason.NO_HOLDER);
  }

  @Test
  void execUnderTheSamePidIsReadAgain() throws Exception {
    proc.process(500, 7, "/usr/bin/rsync", 1000, "/", "rsync", "--server").socket(500, 3, 21);
    assertThat(ownerOf(21).attribution().app()).isEqualTo("backup");
    proc.process(500, 7, "/bin/sleep", 1000, "/", "sleep", "9").socket(500, 3, 21);
    assertThat(ownerOf(21).attribution().app()).isEqualTo("sleep");
  }

  @Test
  void socketSharedByDifferentAppsIsUnknownAndBySameAppHasNoPid() throws Exception {
    proc.process(600, 1, "/usr/bin/rsync", 1000, "/", "rsync", "--server").socket(600, 3, 31);
    proc.process(601, 2, "/usr/bin/rsync", 1000, "/", "rsync", "--server").socket(601, 3, 31);
    Owner same = ownerOf(31);
    assertThat(same.attribution().app()).isEqualTo("backup");
    assertThat(same.attribution().pid()).isEqualTo(OptionalInt.empty());
    assertThat(same.reason()).isEqualTo(Owner.Reason.SHARED_SAME_APP);

    proc.process(602, 3, "/bin/sleep", 1000, "/", "sleep").socket(602, 5, 31);
    Owner mixed = ownerOf(31);
    assertThat(mixed.isKnown()).isFalse();
    assertThat(mixed.reason()).isEqualTo(Owner.Reason.SHARED_DIFFERENT_APPS);
  }

  @Test
  void socketOfAnExitedProcessHasNoHolder() throws Exception {
    assertThat(ownerOf(41).reason()).isEqualTo(Owner.Reason.NO_HOLDER);
    assertThat(ownerOf(41).isKnown()).isFalse();
  }
}
