package io.cuttle.controller.status;

import static io.cuttle.controller.status.Reports.handler;
import static io.cuttle.controller.status.Reports.report;
import static io.cuttle.controller.status.Reports.restriction;
import static io.cuttle.controller.status.Reports.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuttle.wire.v1.RestrictionOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedHostStatusStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private final FakeClock clock = new FakeClock(T0);

  @TempDir
  Path dir;

  private EmbeddedHostStatusStore open() throws IOException {
    return EmbeddedHostStatusStore.open(dir, Duration.ofHours(1), 16, clock);
  }

  @Test
  void statusesAndHistorySurviveAReopen() throws IOException {
    HostStatus h1;
    try (EmbeddedHostStatusStore s = open()) {
      var r = handler(report("h1"), "smooth", "registered");
      restriction(r, "backup", RestrictionOutcome.FAILED, "nft: \"quoted\"\nsecond line \u0000");
      r.addErrors("boom").setStalenessMs(1234).setLineageId(-2);
      h1 = status(r, T0);
      s.record(h1);
      s.record(status(report("h2"), T0));
      s.record(status(report("h2").addErrors("later"), T0.plusSeconds(5)));
    }
    assertThat(dir.resolve(SnapshotFile.FILE_NAME)).exists();
    try (EmbeddedHostStatusStore s = open()) {
      assertThat(s.get("h1")).contains(h1);
      assertThat(s.all()).extracting(HostStatus::hostId).containsExactly("h1", "h2");
      assertThat(s.history("h2")).extracting(StatusChange::kind)
          .containsExactly(StatusChange.Kind.FIRST_REPORT, StatusChange.Kind.ERRORS_CHANGED);
      assertThat(s.describe()).isEqualTo("embedded (" + dir.resolve(SnapshotFile.FILE_NAME) + ")");
    }
  }

  @Test
  void saveWritesOnlyWhenSomethingChanged() throws IOException {
    try (EmbeddedHostStatusStore s = open()) {
      s.save();
      assertThat(dir.resolve(SnapshotFile.FILE_NAME)).doesNotExist();
      s.record(status(report("h1"), T0));
      s.save();
      Path file = dir.resolve(SnapshotFile.FILE_NAME);
      String first = Files.readString(file);
      clock.advance(Duration.ofMinutes(1));
      s.save();
      assertThat(Files.readString(file)).isEqualTo(first); // savedAt would have moved
    }
  }

  @Test
  void anUnreadableSnapshotIsMovedAsideAndTheStoreStartsEmpty() throws IOException {
    Files.writeString(dir.resolve(SnapshotFile.FILE_NAME),
        "{\"format\":1,\"hosts\":[{\"status\":{\"host\":\"h\",\"receivedAt\":\"yesterday\"},\"history\":[]}]}");
    try (EmbeddedHostStatusStore s = open()) {
      assertThat(s.all()).isEmpty();
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith(SnapshotFile.FILE_NAME + ".unreadable-"));
    }
  }

  @Test
  void snapshotErrorsNameTheFieldAndWhatWasExpected() {
    String json = "{\"format\":1,\"hosts\":[{\"status\":{\"host\":\"h\",\"receivedAt\":\"yesterday\"},\"history\":[]}]}";
    assertThatThrownBy(() -> StatusJson.readStatus(StatusJson.MAPPER.readTree(json).get("hosts").get(0).get("status"),
        "hosts[0].status")).isInstanceOf(StatusFormatException.class)
        .hasMessage("hosts[0].status.receivedAt: expected an ISO-8601 instant like 2026-01-01T00:00:00Z, "
            + "got 'yesterday'");
  }

  @Test
  void aDataDirThatCannotBeCreatedIsAnErrorNamingIt() throws IOException {
    Path file = dir.resolve("plain-file");
    Files.writeString(file, "x");
    assertThatThrownBy(() -> new EmbeddedStoreProvider().open(StatusOptions.defaults().withDataDir(
        java.util.Optional.of(file.resolve("sub"))), clock, new io.micrometer.core.instrument.simple.SimpleMeterRegistry()))
        .isInstanceOf(IOException.class).hasMessageStartingWith("status.data-dir: cannot use " + file.resolve("sub"));
  }
}
