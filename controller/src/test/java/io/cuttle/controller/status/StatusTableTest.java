package io.cuttle.controller.status;

import static io.cuttle.controller.status.Reports.handler;
import static io.cuttle.controller.status.Reports.report;
import static io.cuttle.controller.status.Reports.restriction;
import static io.cuttle.controller.status.Reports.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.controller.status.StatusChange.Kind;
import io.cuttle.wire.v1.RestrictionOutcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTableTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void historySaysWhatChangedBetweenReports() {
    StatusTable t = new StatusTable(32);
    var r1 = handler(report("h1"), "smooth", "registered");
    restriction(r1, "backup", RestrictionOutcome.ENFORCED, "");
    assertThat(t.apply(status(r1, T0), StatusTable.Applied.NONE)).extracting(StatusChange::kind)
        .containsExactly(Kind.FIRST_REPORT);

    var r2 = handler(report("h1"), "smooth", "failed");
    handler(r2, "failover", "idle");
    restriction(r2, "backup", RestrictionOutcome.FAILED, "nft: table missing");
    restriction(r2, "video", RestrictionOutcome.PARTIAL, "egress only");
    r2.addErrors("adapter: nft exited 1");
    List<StatusChange> changes = t.apply(status(r2, T0.plusSeconds(30)), StatusTable.Applied.NONE);
    assertThat(changes).extracting(StatusChange::kind).containsExactly(Kind.HANDLER_CHANGED, Kind.HANDLER_ADDED,
        Kind.RESTRICTION_CHANGED, Kind.RESTRICTION_ADDED, Kind.ERRORS_CHANGED);
    assertThat(changes.get(0).detail()).isEqualTo("smooth: registered -> failed");
    assertThat(changes.get(2).detail()).isEqualTo("smooth/backup/restrict ENFORCED -> FAILED: nft: table missing");
    assertThat(changes).allMatch(c -> c.at().equals(T0.plusSeconds(30)));

    var r3 = handler(report("h1"), "failover", "idle");
    changes = t.apply(status(r3, T0.plusSeconds(60)), StatusTable.Applied.NONE);
    assertThat(changes).extracting(StatusChange::kind).containsExactly(Kind.HANDLER_REMOVED,
        Kind.RESTRICTION_REMOVED, Kind.RESTRICTION_REMOVED, Kind.ERRORS_CHANGED);
    assertThat(changes.get(1).detail()).isEqualTo("smooth/backup/restrict (was FAILED)");
    assertThat(t.entry("h1").orElseThrow().history()).hasSize(10);
    assertThat(t.apply(status(r3, T0.plusSeconds(90)), StatusTable.Applied.NONE)).isEmpty();
  }

  @Test
  void historyIsBoundedAndKeepsTheNewest() {
    StatusTable t = new StatusTable(3);
    for (int i = 0; i < 10; i++) {
      t.apply(status(report("h").addErrors("e" + i), T0.plusSeconds(i)), StatusTable.Applied.NONE);
    }
    List<StatusChange> h = t.entry("h").orElseThrow().history();
    assertThat(h).hasSize(3).extracting(StatusChange::detail)
        .containsExactly("1 error: e7", "1 error: e8", "1 error: e9");
    assertThat(t.note("h", new StatusChange(T0, Kind.WENT_STALE, "x"), StatusTable.Applied.NONE)).isTrue();
    assertThat(t.note("nobody", new StatusChange(T0, Kind.WENT_STALE, "x"), StatusTable.Applied.NONE)).isFalse();
    assertThat(t.entry("h").orElseThrow().history().getLast().kind()).isEqualTo(Kind.WENT_STALE);
  }

  @Test
  void entriesAreSortedByHostAndRestoreDoesNotOverwriteNewerReports() {
    StatusTable t = new StatusTable(8);
    t.apply(status(report("b"), T0.plusSeconds(5)), StatusTable.Applied.NONE);
    t.restoreIfAbsent(new StatusTable.Entry(status(report("b").addErrors("old"), T0), List.of()));
    t.restoreIfAbsent(new StatusTable.Entry(status(report("a"), T0), List.of()));
    assertThat(t.entries()).extracting(e -> e.latest().hostId()).containsExactly("a", "b");
    assertThat(t.entry("b").orElseThrow().latest().errors()).isEmpty();
  }
}
