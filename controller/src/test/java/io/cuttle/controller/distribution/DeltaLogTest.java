package io.cuttle.controller.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuttle.controller.distribution.Frames.EncodedDelta;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeltaLogTest {
  private static EncodedDelta delta(long version) {
    return new EncodedDelta(version, 1_000 + version, new byte[] {(byte) version, 7});
  }

  private static List<EncodedDelta> deltas(long from, long to) {
    List<EncodedDelta> out = new ArrayList<>();
    for (long v = from; v <= to; v++) {
      out.add(delta(v));
    }
    return out;
  }

  @Test
  void readsTheDeltasAfterACursorUpToTheReleasedVersionInBatches() {
    DeltaLog log = new DeltaLog(16);
    log.append(deltas(1, 10));
    DeltaLog.Batch b = (DeltaLog.Batch) log.read(2, 8, 4);
    assertThat(b.firstVersion()).isEqualTo(3);
    assertThat(b.lastVersion()).isEqualTo(6); // at most 4
    assertThat(b.firstCommittedAtMs()).isEqualTo(1_003);
    assertThat(b.bytes()).isEqualTo(Frames.batch(deltas(3, 6)));
    assertThat(((DeltaLog.Batch) log.read(6, 8, 4)).lastVersion()).isEqualTo(8); // not past the released 8
    assertThat(log.read(10, 20, 4)).as("nothing after the head").isNull();
  }

  @Test
  void readersAtTheSamePositionShareOneEncodedBatch() {
    DeltaLog log = new DeltaLog(16);
    log.append(deltas(1, 5));
    DeltaLog.Batch first = (DeltaLog.Batch) log.read(0, 5, 256);
    DeltaLog.Batch second = (DeltaLog.Batch) log.read(0, 5, 256);
    assertThat(second.bytes()).isSameAs(first.bytes());
    log.append(deltas(6, 6));
    DeltaLog.Batch longer = (DeltaLog.Batch) log.read(0, 6, 256);
    assertThat(longer.lastVersion()).isEqualTo(6);
    assertThat(longer.bytes()).isEqualTo(Frames.batch(deltas(1, 6)));
  }

  @Test
  void aCursorOlderThanTheLogHoldsIsBehind() {
    DeltaLog log = new DeltaLog(4);
    log.append(deltas(1, 10));
    assertThat(log.oldestHeld()).isEqualTo(7);
    assertThat(log.head()).isEqualTo(10);
    assertThat(log.read(5, 10, 8)).isEqualTo(new DeltaLog.Behind(5, 7));
    assertThat(((DeltaLog.Batch) log.read(6, 10, 8)).bytes()).isEqualTo(Frames.batch(deltas(7, 10)));
  }

  @Test
  void anEmptyLogStartsAtTheFirstVersionAppended() {
    DeltaLog log = new DeltaLog(4);
    assertThat(log.head()).isZero();
    assertThat(log.read(0, 10, 8)).isNull();
    log.append(deltas(42, 43));
    assertThat(log.oldestHeld()).isEqualTo(42);
    assertThat(log.read(40, 43, 8)).isEqualTo(new DeltaLog.Behind(40, 42));
    assertThat(((DeltaLog.Batch) log.read(41, 43, 8)).lastVersion()).isEqualTo(43);
  }

  @Test
  void aGapInVersionsIsRefusedWithExpectedAndGot() {
    DeltaLog log = new DeltaLog(4);
    log.append(deltas(1, 2));
    assertThatThrownBy(() -> log.append(List.of(delta(4))))
        .hasMessage("delta log: expected version 3, got 4");
  }
}
