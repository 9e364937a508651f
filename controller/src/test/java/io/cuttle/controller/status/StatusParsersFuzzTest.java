package io.cuttle.controller.status;

import static io.cuttle.controller.status.Reports.handler;
import static io.cuttle.controller.status.Reports.report;
import static io.cuttle.controller.status.Reports.restriction;
import static io.cuttle.controller.status.Reports.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JacksonException;
import io.cuttle.common.config.ConfigException;
import io.cuttle.controller.ControllerConfigParser;
import io.cuttle.controller.status.StatusTable.Entry;
import io.cuttle.wire.v1.RestrictionOutcome;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random edits of valid inputs must give a value or the documented error (diagnostics, a
 * StatusFormatException, malformed JSON), never another exception. Seeded and reproducible.
 */
class StatusParsersFuzzTest {
  private static final String ALPHABET = " \n\t:-{}[],#&*!|>'\"%@`0123456789abcxyzAGM./_=\\";
  private static final String STATUS_YAML = """
      status:
        store: postgres
        data-dir: state
        snapshot-interval: 2s
        report-interval: 10s
        stale-after: 2.5x
        history: 100
        postgres:
          url: jdbc:postgresql://db:5432/cuttle
          user: cuttle
          password-file: /etc/cuttle/pg-password
          queue: 1000
      """;

  @Test
  void mutatedStatusSectionsNeverCrashTheConfigParser() {
    for (long seed = 0; seed < 1500; seed++) {
      String input = mutate(STATUS_YAML, new SplittableRandom(seed));
      try {
        ControllerConfigParser.parse("fuzz.yaml", input);
      } catch (ConfigException e) {
        assertThat(e.diagnostics()).isNotEmpty();
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("seed " + seed + " crashed the parser on:\n" + input, e);
      }
    }
  }

  @Test
  void mutatedSnapshotsAreReadOrRefusedWithAReason() throws Exception {
    var r = handler(report("h1"), "smooth", "registered");
    restriction(r, "backup", RestrictionOutcome.FAILED, "nft");
    Instant t = Instant.parse("2026-03-01T10:00:00Z");
    StatusTable table = new StatusTable(8);
    table.apply(status(r.addErrors("e"), t), StatusTable.Applied.NONE);
    var file = new SnapshotFile(java.nio.file.Files.createTempDirectory("cuttle-status-fuzz-"));
    try {
      file.write(table.entries(), t);
      String valid = java.nio.file.Files.readString(file.path());
      assertThat(SnapshotFile.parse(StatusJson.MAPPER.readTree(valid))).isEqualTo(table.entries());
      for (long seed = 0; seed < 3000; seed++) {
        String input = mutate(valid, new SplittableRandom(seed));
        try {
          List<Entry> entries = SnapshotFile.parse(StatusJson.MAPPER.readTree(input));
          assertThat(entries).isNotNull();
        } catch (StatusFormatException e) {
          assertThat(e.getMessage()).contains(": expected ");
        } catch (JacksonException e) {
          assertThat(e.getOriginalMessage()).isNotBlank();
        } catch (RuntimeException | StackOverflowError e) {
          throw new AssertionError("seed " + seed + " crashed the snapshot reader on:\n" + input, e);
        }
      }
    } finally {
      java.nio.file.Files.deleteIfExists(file.path());
      java.nio.file.Files.deleteIfExists(file.path().getParent());
    }
  }

  @Test
  void randomQueryStringsGiveAFilterOrAReason() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 5000; i++) {
      String q = mutate("stale=true&outcome=FAILED", random);
      HostFilter.Parsed p = HostFilter.parse(q);
      if (p instanceof HostFilter.Parsed.Invalid bad) {
        assertThat(bad.message()).as(q).isNotBlank();
      }
    }
  }

  private static String mutate(String text, SplittableRandom random) {
    StringBuilder s = new StringBuilder(text);
    int edits = 1 + random.nextInt(6);
    for (int i = 0; i < edits && !s.isEmpty(); i++) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(4)) {
        case 0 -> s.deleteCharAt(at);
        case 1 -> s.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 2 -> s.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        default -> {
          int end = Math.min(s.length(), at + 1 + random.nextInt(20));
          s.insert(at, s.substring(at, end));
        }
      }
    }
    return s.toString();
  }
}
