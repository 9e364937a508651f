package io.cuttle.controller.topology.ospf;

import static io.cuttle.controller.topology.ospf.LsaBytes.p2p;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cuttle.common.config.ConfigException;
import io.cuttle.controller.topology.ospf.record.LsaEvent;
import io.cuttle.controller.topology.ospf.record.LsaEvent.Kind;
import io.cuttle.controller.topology.ospf.record.LsaEventLog;
import io.cuttle.controller.topology.ospf.record.LsaEventRecorder;
import io.cuttle.controller.topology.ospf.record.ReplayTopologyProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordReplayTest {
  private static final byte[] R1 = LsaBytes.router("1.1.1.1", 1, 0, p2p("2.2.2.2", "10.0.0.1", 10));
  private static final byte[] R2 = LsaBytes.router("2.2.2.2", 1, 0, p2p("1.1.1.1", "10.0.0.2", 10));
  private static final byte[] R2_30 = LsaBytes.router("2.2.2.2", 2, 0, p2p("1.1.1.1", "10.0.0.2", 30));

  private static LsaEvent e(long nanos, Kind kind, byte[] lsa) {
    return new LsaEvent(Instant.ofEpochSecond(1_800_000_000L, nanos), nanos, kind, 0, lsa);
  }

  private static final List<LsaEvent> EVENTS = List.of(
      e(0, Kind.RESET, new byte[0]),
      e(1_000, Kind.UPDATE, R1),
      e(1_000, Kind.UPDATE, R2),
      e(2_000, Kind.SYNCED, new byte[0]),
      e(3_000_000, Kind.UPDATE, LsaBytes.withAge(R2, 9)), // a re-flood: nothing to deliver
      e(9_000_000, Kind.DELETE, R2), // a replacement: delete + update read together
      e(9_000_000, Kind.UPDATE, R2_30));

  @Test
  void recordedEventsReadBackEqual(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.jsonl");
    try (LsaEventRecorder r = new LsaEventRecorder(file)) {
      EVENTS.forEach(r::record);
    }
    List<LsaEvent> read = LsaEventLog.read(file);
    assertThat(read).hasSize(EVENTS.size());
    for (int i = 0; i < read.size(); i++) {
      assertThat(read.get(i).kind()).isEqualTo(EVENTS.get(i).kind());
      assertThat(read.get(i).nanos()).isEqualTo(EVENTS.get(i).nanos());
      assertThat(read.get(i).at()).isEqualTo(EVENTS.get(i).at());
      assertThat(read.get(i).lsa()).isEqualTo(EVENTS.get(i).lsa());
    }
  }

  @Test
  void badLinesAreReportedWithTheirNumbers(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, """
        {"at":"2027-01-15T08:00:00Z","nanos":1,"kind":"RESET","area":"0.0.0.0"}
        {"at":"2027-01-15T08:00:00Z","nanos":2,"kind":"UPDATE","area":"0.0.0.0"}
        not json
        """);
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> LsaEventLog.read(file));
    assertThat(e.diagnostics()).hasSize(2);
    assertThat(e.diagnostics().get(0).toString()).contains("events.jsonl:2:1").contains("field lsa: expected hex bytes");
    assertThat(e.diagnostics().get(1).toString()).contains("events.jsonl:3:1");
  }

  @Test
  void replayDeliversOnlyCompleteGraphsAndRealChanges() throws Exception {
    for (double speed : new double[] {ReplayTopologyProvider.AS_FAST_AS_POSSIBLE, 1.0}) {
      StoreFeed feed = new StoreFeed();
      ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
      CountDownLatch done = new CountDownLatch(1);
      try (ReplayTopologyProvider replay = new ReplayTopologyProvider("test", EVENTS, speed, scheduler)
          .onFinished(done::countDown)) {
        replay.start(feed);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(replay.played()).isEqualTo(EVENTS.size());
      } finally {
        scheduler.shutdownNow();
      }
      assertThat(feed.specs).as("speed %s: the synchronised graph, then the cost change", speed).hasSize(2);
      assertThat(feed.specs.get(0).links().get(0).costBa()).isEqualTo(10);
      assertThat(feed.last().links().get(0).costBa()).isEqualTo(30);
      assertThat(feed.deltas).filteredOn(d -> d.event() instanceof io.cuttle.netstate.event.TopologyEvent.LinkRemoved)
          .isEmpty();
    }
  }
}
