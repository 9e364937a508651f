package io.cuttle.daemon.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.wire.v1.HostReport;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReactionLogTest {
  private final ReactionLog log = new ReactionLog();
  private final HostReport empty = HostReport.newBuilder().setHostId("h").build();

  @Test
  void reactionsAreSentUntilAcknowledgedAndSnapshotsHaveNoCommitTime() {
    log.record(7, Optional.of(Duration.ofMillis(25)), Duration.ofMillis(4));
    log.record(9, Optional.empty(), Duration.ofNanos(1500));
    HostReport first = log.addTo(empty);
    assertThat(first.getReactionsList()).hasSize(2);
    assertThat(first.getReactions(0).getVersion()).isEqualTo(7);
    assertThat(first.getReactions(0).getFromCommitUs()).isEqualTo(25_000);
    assertThat(first.getReactions(0).getFromReceiptUs()).isEqualTo(4_000);
    assertThat(first.getReactions(1).hasFromCommitUs()).isFalse();
    assertThat(first.getReactions(1).getFromReceiptUs()).isEqualTo(1);

    log.record(10, Optional.of(Duration.ofMillis(3)), Duration.ofMillis(1));
    log.acknowledged(first);
    assertThat(log.addTo(empty).getReactionsList()).singleElement()
        .satisfies(r -> assertThat(r.getVersion()).isEqualTo(10));
  }

  @Test
  void theOldestGoWhenTheLogIsFull() {
    for (int i = 1; i <= ReactionLog.CAPACITY + 5; i++) {
      log.record(i, Optional.of(Duration.ofMillis(i)), Duration.ZERO);
    }
    HostReport r = log.addTo(empty);
    assertThat(r.getReactionsCount()).isEqualTo(ReactionLog.CAPACITY);
    assertThat(r.getReactions(0).getVersion()).isEqualTo(6);
  }
}
