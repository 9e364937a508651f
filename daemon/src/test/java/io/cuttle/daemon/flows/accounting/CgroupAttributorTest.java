package io.cuttle.daemon.flows.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.daemon.fake.TestClock;
import io.cuttle.daemon.flows.proc.CgroupIndex;
import io.cuttle.daemon.flows.proc.FakeProc;
import io.cuttle.daemon.flows.proc.ProcReader;
import io.cuttle.daemon.flows.proc.UserNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owners from a cgroup tree laid out in a temporary directory (a directory's inode stands for the
 * cgroup id, as on cgroupfs) and a fake {@code /proc}: one app or nothing, never a guess.
 */
class CgroupAttributorTest {
  @TempDir
  Path dir;
  private FakeProc proc;
  private Path mount;
  private UserNames users;
  private CgroupAttributor cgroups;
  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

  @BeforeEach
  void setUp() throws Exception {
    Files.writeString(dir.resolve("passwd"), "root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n");
    users = new UserNames(dir.resolve("passwd"));
    proc = new FakeProc(Files.createDirectories(dir.resolve("proc")));
    mount = Files.createDirectories(dir.resolve("cgroup"));
    Files.writeString(mount.resolve("cgroup.procs"), "1\n");
    ProcReader reader = new ProcReader(proc.root(), users);
    Attributor attributor = new Attributor(reader, new AppClassifier(List.of(), "unclassified"));
    cgroups = new CgroupAttributor(Optional.of(new CgroupIndex(mount, clock)), reader, attributor, users::name, clock);
  }

  private long cgroup(String name, Integer... pids) throws Exception {
    Path d = Files.createDirectories(mount.resolve(name));
    members(name, pids);
    return ((Number) Files.getAttribute(d, "unix:ino")).longValue();
  }

  private void members(String name, Integer... pids) throws Exception {
    Files.writeString(mount.resolve(name).resolve("cgroup.procs"),
        List.of(pids).stream().map(p -> p + "\n").collect(Collectors.joining()));
  }

  private Owner owner(long id, int uid) {
    return cgroups.owner(OptionalLong.of(id), uid);
  }

  @Test
  void cgroupOfOneAppGivesThatAppWithTheSocketsUserAndNoPid() throws Exception {
    proc.process(100, 5, "/usr/bin/python3", 1000, "/", "python3", "client.py");
    proc.process(101, 6, "/usr/bin/python3", 1000, "/", "python3", "worker.py");
    long id = cgroup("app.service", 100, 101);
    Owner o = owner(id, 1000);
    assertThat(o.attribution().app()).isEqualTo("python3");
    assertThat(o.attribution().user()).isEqualTo("alice");
    assertThat(o.attribution().pid()).isEmpty();
    assertThat(o.reason()).isEqualTo(Owner.Reason.CGROUP_SINGLE_APP);
    assertThat(o.method()).isEqualTo(Owner.Method.CGROUP);
  }

  @Test
  void cgroupOfTwoAppsIsMixedAndStaysMixedWhenOneLeaves() throws Exception {
    proc.process(100, 5, "/usr/bin/python3", 1000, "/", "python3");
    proc.process(200, 7, "/usr/bin/curl", 1000, "/", "curl");
    long id = cgroup("shared", 100, 200);
    assertThat(owner(id, 1000).reason()).isEqualTo(Owner.Reason.CGROUP_MIXED_APPS);
    members("shared", 100);
    assertThat(owner(id, 1000).reason()).as("once mixed, mixed for good").isEqualTo(Owner.Reason.CGROUP_MIXED_APPS);
    assertThat(owner(id, 1000).method()).isEqualTo(Owner.Method.UNKNOWN);
  }

  @Test
  void cgroupWhoseAppChangedSinceLastLookIsMixed() throws Exception {
    proc.process(100, 5, "/usr/bin/python3", 1000, "/", "python3");
    proc.process(200, 7, "/usr/bin/curl", 1000, "/", "curl");
    long id = cgroup("svc", 100);
    assertThat(owner(id, 1000).reason()).isEqualTo(Owner.Reason.CGROUP_SINGLE_APP);
    members("svc", 200);
    assertThat(owner(id, 1000).reason()).isEqualTo(Owner.Reason.CGROUP_MIXED_APPS);
  }

  @Test
  void socketOfAnotherUserThanTheCgroupsAppIsUnknown() throws Exception {
    proc.process(100, 5, "/usr/bin/python3", 1000, "/", "python3");
    long id = cgroup("svc", 100);
    assertThat(owner(id, 0).reason()).isEqualTo(Owner.Reason.CGROUP_MIXED_APPS);
  }

  @Test
  void rootEmptyGoneAndUnknownCgroupsSayNothing() throws Exception {
    proc.process(100, 5, "/usr/bin/python3", 1000, "/", "python3");
    long root = ((Number) Files.getAttribute(mount, "unix:ino")).longValue();
    assertThat(owner(root, 1000).reason()).isEqualTo(Owner.Reason.CGROUP_UNRESOLVED);
    long empty = cgroup("empty");
    assertThat(owner(empty, 1000).reason()).isEqualTo(Owner.Reason.CGROUP_UNRESOLVED);
    long vanished = cgroup("vanished", 300); // its only member is no longer in /proc
    assertThat(owner(vanished, 1000).reason()).isEqualTo(Owner.Reason.CGROUP_UNRESOLVED);
    assertThat(cgroups.owner(OptionalLong.empty(), 1000).reason()).isEqualTo(Owner.Reason.CGROUP_UNRESOLVED);
    assertThat(owner(987_654_321L, 1000).reason()).isEqualTo(Owner.Reason.CGROUP_UNRESOLVED);
  }

  @Test
  void cgroupCreatedAfterTheLastWalkIsFoundOnceTheWalkIntervalPassed() throws Exception {
    proc.process(100, 5, "/usr/bin/python3", 1000, "/", "python3");
    long first = cgroup("first", 100);
    assertThat(owner(first, 1000).reason()).isEqualTo(Owner.Reason.CGROUP_SINGLE_APP);
    long later = cgroup("later", 100);
    clock.advance(CgroupIndex.MIN_WALK_INTERVAL.dividedBy(2));
    assertThat(owner(later, 1000).reason()).as("no second walk within the interval")
        .isEqualTo(Owner.Reason.CGROUP_UNRESOLVED);
    clock.advance(CgroupIndex.MIN_WALK_INTERVAL);
    assertThat(owner(later, 1000).reason()).isEqualTo(Owner.Reason.CGROUP_SINGLE_APP);
  }

  @Test
  void withoutACgroupHierarchyEverythingIsUnresolved() throws Exception {
    ProcReader reader = new ProcReader(proc.root(), users);
    CgroupAttributor none = new CgroupAttributor(Optional.empty(), reader,
        new Attributor(reader, new AppClassifier(List.of(), "unclassified")), users::name, clock);
    assertThat(none.owner(OptionalLong.of(5), 1000).reason()).isEqualTo(Owner.Reason.CGROUP_UNRESOLVED);
  }

  @Test
  void refreshForgetsCgroupsThatAreGone() throws Exception {
    proc.process(100, 5, "/usr/bin/python3", 1000, "/", "python3");
    long id = cgroup("gone", 100);
    owner(id, 1000);
    assertThat(cgroups.remembered()).isEqualTo(1);
    Files.delete(mount.resolve("gone").resolve("cgroup.procs"));
    Files.delete(mount.resolve("gone"));
    clock.advance(CgroupIndex.MIN_WALK_INTERVAL.multipliedBy(2));
    cgroups.refresh();
    assertThat(cgroups.remembered()).isZero();
  }
}
