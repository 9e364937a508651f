package io.cuttle.daemon.state;

import static io.cuttle.daemon.fake.TestStates.costUp;
import static io.cuttle.daemon.fake.TestStates.office;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.daemon.fake.TestClock;
import io.cuttle.netstate.model.NetworkState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatePersisterTest {
  @TempDir
  Path dir;

  private final TestClock clock = new TestClock(Instant.parse("2026-02-01T00:00:00Z"));
  private final ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(1);

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  /** Runs everything already due on the single scheduler thread (tasks run in order). */
  private void drain() throws Exception {
    scheduler.schedule(() -> null, 0, TimeUnit.NANOSECONDS).get(10, TimeUnit.SECONDS);
  }

  private long versionOnDisk(StateFile f) {
    return f.load().stateOr(NetworkState.empty(io.cuttle.netstate.model.Lineage.NONE)).version();
  }

  @Test
  void firstChangeIsWrittenAtOnceLaterOnesAtMostOncePerIntervalAndAtClose() throws Exception {
    StateFile f = new StateFile(dir);
    StatePersister p = new StatePersister(f, null, Duration.ofHours(1), clock, scheduler);

    p.stateChanged(office());
    drain();
    assertThat(versionOnDisk(f)).isEqualTo(5);

    p.stateChanged(office().apply(costUp()));
    drain();
    assertThat(versionOnDisk(f)).as("within the interval nothing more is written").isEqualTo(5);

    p.close();
    assertThat(versionOnDisk(f)).isEqualTo(6);
    assertThat(p.lastError()).isEmpty();
  }

  @Test
  void zeroIntervalWritesEveryChange() throws Exception {
    StateFile f = new StateFile(dir);
    StatePersister p = new StatePersister(f, null, Duration.ZERO, clock, scheduler);

    p.stateChanged(office());
    drain();
    assertThat(versionOnDisk(f)).isEqualTo(5);
    p.stateChanged(office().apply(costUp()));
    drain();
    assertThat(versionOnDisk(f)).isEqualTo(6);
  }

  @Test
  void afterTheIntervalTheNextChangeIsWrittenAtOnce() throws Exception {
    StateFile f = new StateFile(dir);
    StatePersister p = new StatePersister(f, null, Duration.ofSeconds(1), clock, scheduler);
    p.stateChanged(office());
    drain();

    clock.advance(Duration.ofSeconds(2));
    p.stateChanged(office().apply(costUp()));
    drain();

    assertThat(versionOnDisk(f)).isEqualTo(6);
  }

  @Test
  void closeWithoutChangesDoesNotWrite() {
    StateFile f = new StateFile(dir);
    StatePersister p = new StatePersister(f, office(), Duration.ZERO, clock, scheduler);

    p.close();

    assertThat(f.path()).doesNotExist();
  }

  @Test
  void failedWriteIsKeptAsLastErrorAndRetriedAtClose() throws Exception {
    Path blocked = dir.resolve("blocked");
    Files.writeString(blocked, "a file where the state directory should be");
    StatePersister p = new StatePersister(new StateFile(blocked), null, Duration.ZERO, clock, scheduler);

    p.stateChanged(office());
    drain();

    assertThat(p.lastError()).hasValueSatisfying(e -> assertThat(e).contains("cannot write state file"));
    Files.delete(blocked);
    p.close();
    assertThat(p.lastError()).isEmpty();
    assertThat(new StateFile(blocked).load().stateOr(null)).isEqualTo(office());
  }
}
