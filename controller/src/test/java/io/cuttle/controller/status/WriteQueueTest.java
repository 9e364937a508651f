package io.cuttle.controller.status;

import static io.cuttle.controller.status.Reports.report;
import static io.cuttle.controller.status.Reports.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.controller.status.StatusChange.Kind;
import io.cuttle.controller.status.WriteQueue.Offer;
import io.cuttle.controller.status.WriteQueue.Pending;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WriteQueueTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private static StatusChange change(String detail) {
    return new StatusChange(T0, Kind.ERRORS_CHANGED, detail);
  }

  @Test
  void updatesOfOneHostAreCoalescedAndNewHostsBeyondCapacityDropped() throws Exception {
    WriteQueue q = new WriteQueue(2, 3);
    assertThat(q.offer("a", Optional.of(status(report("a"), T0)), List.of(change("1")))).isEqualTo(Offer.QUEUED);
    assertThat(q.offer("a", Optional.of(status(report("a").addErrors("x"), T0)), List.of(change("2"), change("3"),
        change("4")))).isEqualTo(Offer.COALESCED);
    assertThat(q.offer("a", Optional.empty(), List.of(change("5")))).isEqualTo(Offer.COALESCED);
    assertThat(q.offer("b", Optional.of(status(report("b"), T0)), List.of())).isEqualTo(Offer.QUEUED);
    assertThat(q.offer("c", Optional.of(status(report("c"), T0)), List.of())).isEqualTo(Offer.DROPPED_QUEUE_FULL);
    assertThat(q.size()).isEqualTo(2);

    List<Pending> taken = q.take(1, TimeUnit.SECONDS);
    assertThat(taken).extracting(Pending::hostId).containsExactlyInAnyOrder("a", "b");
    Pending a = taken.stream().filter(p -> p.hostId().equals("a")).findFirst().orElseThrow();
    assertThat(a.status().orElseThrow().errors()).containsExactly("x"); // the newest status, kept through a note
    assertThat(a.changes()).extracting(StatusChange::detail).containsExactly("3", "4", "5"); // the newest 3
    assertThat(q.size()).isEqualTo(2); // taken, not yet written
    q.done(2);
    assertThat(q.size()).isZero();
    assertThat(q.take(10, TimeUnit.MILLISECONDS)).isEmpty();
  }

  @Test
  void failedWritesGoBackBehindNewerOnes() throws Exception {
    WriteQueue q = new WriteQueue(10, 10);
    q.offer("a", Optional.of(status(report("a").addErrors("old"), T0)), List.of(change("old")));
    List<Pending> failed = q.take(1, TimeUnit.SECONDS);
    q.offer("a", Optional.of(status(report("a").addErrors("new"), T0)), List.of(change("new")));
    assertThat(q.size()).isEqualTo(2); // one in flight, one waiting
    q.putBack(failed);
    assertThat(q.size()).isEqualTo(1);
    Pending a = q.take(1, TimeUnit.SECONDS).getFirst();
    assertThat(a.status().orElseThrow().errors()).containsExactly("new");
    assertThat(a.changes()).extracting(StatusChange::detail).containsExactly("old", "new");
  }
}
