package io.cuttle.controller.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuttle.common.config.ConfigException;
import io.cuttle.controller.ControllerConfig;
import io.cuttle.controller.ControllerConfigParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusConfigReaderTest {

  private static StatusOptions parse(String yaml) throws ConfigException {
    return ControllerConfigParser.parse("controller.yaml", yaml).status();
  }

  @Test
  void anAbsentSectionIsTheEmbeddedStoreInVarLib() throws ConfigException {
    StatusOptions s = parse("history: 64\n");
    assertThat(s).isEqualTo(StatusOptions.defaults());
    assertThat(s.store()).isEqualTo("embedded");
    assertThat(s.dataDir()).contains(Path.of("/var/lib/cuttle"));
    assertThat(s.staleAfter()).isEqualTo(Duration.ofSeconds(90));
    assertThat(ControllerConfig.defaults().status()).isEqualTo(s);
  }

  @Test
  void everyFieldIsRead() throws ConfigException {
    StatusOptions s = parse("""
        status:
          store: postgres
          data-dir: off
          snapshot-interval: 2s
          report-interval: 10s
          stale-after: 2.5x
          history: 100
          postgres:
            url: jdbc:postgresql://db:5432/cuttle
            user: cuttle
            password-file: /etc/cuttle/pg-password
            queue: 1000
        """);
    assertThat(s).isEqualTo(new StatusOptions("postgres", Optional.empty(), Duration.ofSeconds(2),
        Duration.ofSeconds(10), Duration.ofSeconds(25), 100, Optional.of(new PostgresOptions(
            "jdbc:postgresql://db:5432/cuttle", "cuttle", Optional.of(Path.of("/etc/cuttle/pg-password")), 1000))));
  }

  @Test
  void staleAfterMayBeADurationLongerThanTheReportInterval() throws ConfigException {
    assertThat(parse("status: {report-interval: 5s, stale-after: 12s}").staleAfter()).isEqualTo(Duration.ofSeconds(12));
    assertThat(parse("status: {report-interval: 5s}").staleAfter()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void relativePathsCountFromTheConfigFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("controller.yaml");
    Files.writeString(file, "status:\n  data-dir: state\n");
    assertThat(ControllerConfigParser.read(file).status().dataDir()).contains(dir.resolve("state"));
  }

  @Test
  void everyProblemIsReportedWithItsLineFieldAndExpectation() {
    assertThatThrownBy(() -> parse("""
        status:
          store: mysql
          report-interval: 10s
          stale-after: 0.5x
          history: -1
          colour: blue
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("controller.yaml:2:10: status.store: expected embedded or postgres, got 'mysql'")
        .hasMessageContaining("controller.yaml:4:16: status.stale-after: expected a multiple of report-interval "
            + "greater than 1 like 3x, or a duration longer than report-interval like 90s, got '0.5x' (the multiple "
            + "must be more than 1 and at most 1000)")
        .hasMessageContaining("controller.yaml:5:12: status.history: expected an integer 0..1000, got '-1'")
        .hasMessageContaining("status.colour: unknown field 'colour'");
    assertThatThrownBy(() -> parse("status: {report-interval: 30s, stale-after: 20s}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("status.stale-after: expected").hasMessageContaining("(not longer than report-interval 30s)");
  }

  @Test
  void postgresNeedsItsSettingsAndOnlyWithThatStore() {
    assertThatThrownBy(() -> parse("status:\n  store: postgres\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("status.postgres: expected postgres settings (url, user) with store 'postgres', got nothing");
    assertThatThrownBy(() -> parse("status:\n  store: postgres\n  postgres:\n    url: postgres://db/x\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("controller.yaml:4:10: status.postgres.url: expected a JDBC URL like "
            + "jdbc:postgresql://db:5432/cuttle, got 'postgres://db/x' (it must start with jdbc:postgresql:)")
        .hasMessageContaining("status.postgres.user: expected a database user name, got nothing (field is required)");
    assertThatThrownBy(() -> parse("status:\n  postgres: {url: 'jdbc:postgresql://db/x', user: u}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("status.postgres: expected no postgres settings with store 'embedded'");
  }

  @Test
  void theRecordChecksItsArguments() {
    assertThatThrownBy(() -> new StatusOptions("embedded", Optional.empty(), Duration.ofSeconds(5),
        Duration.ofSeconds(30), Duration.ofSeconds(30), 10, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stale-after must be longer than the report interval (30s), got 30s");
    assertThatThrownBy(() -> new PostgresOptions("mysql://x", "u", Optional.empty(), 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("url must start with jdbc:postgresql:, got 'mysql://x'");
  }
}
