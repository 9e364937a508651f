package io.cuttle.controller.status;

import static io.cuttle.controller.status.Reports.handler;
import static io.cuttle.controller.status.Reports.report;
import static io.cuttle.controller.status.Reports.restriction;
import static io.cuttle.controller.status.Reports.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuttle.wire.v1.RestrictionOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PostgreSQL store against a real PostgreSQL server this test starts and removes. */
class PostgresHostStatusStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PostgresCluster cluster;

  private String database;

  @BeforeAll
  static void startServer() throws Exception {
    Optional<Path> bin = PostgresCluster.binaries();
    Assumptions.assumeTrue(bin.isPresent(),
        "skipped: no PostgreSQL server under /usr/lib/postgresql/*/bin (install the postgresql package)");
    cluster = PostgresCluster.start(bin.get());
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void freshDatabase() throws SQLException {
    database = "status_" + DATABASES.incrementAndGet();
    try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + database);
    }
  }

  private static Connection connect(String db) throws SQLException {
    return DriverManager.getConnection(cluster.url(db), PostgresCluster.USER, "");
  }

  private PostgresHostStatusStore open(int history) throws IOException {
    return PostgresHostStatusStore.open(new PostgresOptions(cluster.url(database), PostgresCluster.USER,
        Optional.empty(), 1000), history, new SimpleMeterRegistry());
  }

  private long count(String sql) throws SQLException {
    try (Connection c = connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void statusesAreUpsertedPerHostAndReadBackByTheNextStore() throws Exception {
    HostStatus h1Last;
    try (PostgresHostStatusStore s = open(32)) {
      for (int i = 0; i < 20; i++) {
        var r = handler(report("h1"), "smooth", i % 2 == 0 ? "registered" : "failed");
        restriction(r, "backup", i < 19 ? RestrictionOutcome.ENFORCED : RestrictionOutcome.FAILED, "try " + i);
        s.record(status(r, T0.plusSeconds(i)));
      }
      h1Last = s.get("h1").orElseThrow();
      s.record(status(report("h2").addErrors("nul \u0000 inside"), T0));
      await("everything written", () -> s.pending() == 0 && s.all().size() == 2);
      s.close();
      assertThat(count("SELECT count(*) FROM host_status")).isEqualTo(2);
      assertThat(count("SELECT count(*) FROM host_status WHERE host_id = 'h1' AND received_at = '"
          + T0.plusSeconds(19) + "' AND restrictions->0->>'outcome' = 'FAILED'")).isEqualTo(1);
      assertThat(count("SELECT count(*) FROM host_status_change WHERE host_id = 'h1'"))
          .isEqualTo(s.history("h1").size());
      assertThat(count("SELECT count(*) FROM host_status WHERE host_id = 'h2' AND errors->>0 = 'nul \uFFFD inside'"))
          .isEqualTo(1);
    }
    try (PostgresHostStatusStore again = open(32)) {
      assertThat(again.get("h1")).contains(h1Last);
      assertThat(again.all()).extracting(HostStatus::hostId).containsExactly("h1", "h2");
      assertThat(again.history("h1")).isNotEmpty();
      assertThat(again.history("h1").getLast().detail()).isEqualTo("smooth/backup/restrict ENFORCED -> FAILED: try 19");
      assertThat(again.describe()).isEqualTo("postgres (" + cluster.url(database) + ")");
    }
  }

  @Test
  void historyInTheDatabaseKeepsTheNewestChanges() throws Exception {
    try (PostgresHostStatusStore s = open(3)) {
      for (int i = 0; i < 10; i++) {
        s.record(status(report("h").addErrors("e" + i), T0.plusSeconds(i)));
        await("written", () -> s.pending() == 0); // one transaction per report, so trimming runs every time
      }
      s.close();
      assertThat(count("SELECT count(*) FROM host_status_change WHERE host_id = 'h'")).isEqualTo(3);
      assertThat(count("SELECT count(*) FROM host_status_change WHERE detail = '1 error: e9'")).isEqualTo(1);
    }
  }

  @Test
  void theSchemaIsMigratedFromAnOlderVersionAndANewerOneIsRefused() throws Exception {
    try (Connection c = connect(database); Statement st = c.createStatement()) {
      for (String sql : PostgresSchema.MIGRATIONS.getFirst()) {
        st.execute(sql);
      }
      st.execute("CREATE TABLE cuttle_status_schema (version integer NOT NULL)");
      st.execute("INSERT INTO cuttle_status_schema VALUES (1)");
    }
    try (PostgresHostStatusStore s = open(8)) {
      assertThat(s.all()).isEmpty();
    }
    assertThat(count("SELECT max(version) FROM cuttle_status_schema")).isEqualTo(PostgresSchema.LATEST);
    assertThat(count("SELECT count(*) FROM pg_indexes WHERE indexname = 'host_status_received_at'")).isEqualTo(1);
    try (Connection c = connect(database); Statement st = c.createStatement()) {
      st.execute("UPDATE cuttle_status_schema SET version = 99");
    }
    assertThatThrownBy(() -> open(8)).isInstanceOf(IOException.class)
        .hasMessageContaining("cuttle_status_schema.version: expected at most " + PostgresSchema.LATEST)
        .hasMessageContaining("got 99");
  }

  @Test
  void anUnreachableDatabaseAtStartIsAnErrorNamingIt() {
    PostgresOptions nowhere = new PostgresOptions("jdbc:postgresql://127.0.0.1:1/x", "u", Optional.empty(), 100);
    assertThatThrownBy(() -> PostgresHostStatusStore.open(nowhere, 8, new SimpleMeterRegistry()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("status.postgres: cannot use jdbc:postgresql://127.0.0.1:1/x as u: ");
  }

  @Test
  void updatesWaitWhileTheServerIsDownAndAreWrittenWhenItReturns() throws Exception {
    try (PostgresHostStatusStore s = open(16)) {
      s.record(status(report("h1"), T0));
      await("first write", () -> s.pending() == 0);
      cluster.stopServer();
      try {
        for (int i = 1; i <= 50; i++) {
          s.record(status(report("h" + (i % 5)).addErrors("outage " + i), T0.plusSeconds(i)));
        }
        await("writer notices the outage", () -> !s.connected());
        assertThat(s.pending()).isBetween(1, 5); // coalesced: at most one entry per host
        assertThat(s.get("h0").orElseThrow().errors()).containsExactly("outage 50"); // reads never wait
      } finally {
        cluster.startServer();
      }
      await("written after the server returned", () -> s.connected() && s.pending() == 0);
      assertThat(count("SELECT count(*) FROM host_status")).isEqualTo(5);
      assertThat(count("SELECT count(*) FROM host_status WHERE host_id = 'h0' AND errors->>0 = 'outage 50'"))
          .isEqualTo(1);
    }
  }

  @Test
  void anUpdateTheDatabaseRefusesIsDroppedWithoutStallingTheOthers() throws Exception {
    try (PostgresHostStatusStore s = open(8)) {
      try (Connection c = connect(database); Statement st = c.createStatement()) {
        st.execute("CREATE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN "
            + "IF NEW.host_id = 'poison' THEN RAISE EXCEPTION 'poison refused'; END IF; RETURN NEW; END $$ "
            + "LANGUAGE plpgsql");
        st.execute("CREATE TRIGGER refuse BEFORE INSERT ON host_status FOR EACH ROW EXECUTE FUNCTION refuse_poison()");
      }
      s.record(status(report("good-1"), T0));
      s.record(status(report("poison"), T0));
      s.record(status(report("good-2"), T0));
      await("batch handled", () -> s.pending() == 0 && s.rejected() == 1);
      s.record(status(report("good-3"), T0));
      await("later writes go on", () -> s.pending() == 0);
      s.close();
      assertThat(count("SELECT count(*) FROM host_status WHERE host_id LIKE 'good-%'")).isEqualTo(3);
      assertThat(count("SELECT count(*) FROM host_status WHERE host_id = 'poison'")).isZero();
      assertThat(s.get("poison")).isPresent(); // still known in memory and to the API
    }
  }

  @Test
  void theProviderIsFoundByNameAndOpensTheStore() throws Exception {
    StatusOptions options = StatusOptions.defaults().withDataDir(Optional.empty()).withPostgres(
        new PostgresOptions(cluster.url(database), PostgresCluster.USER, Optional.empty(), 100));
    try (HostStatusStore s = HostStatusStores.open(options, new FakeClock(T0), new SimpleMeterRegistry())) {
      assertThat(s).isInstanceOf(PostgresHostStatusStore.class);
    }
    assertThat(HostStatusStores.providers()).extracting(HostStatusStoreProvider::name)
        .containsExactlyInAnyOrder("embedded", "postgres");
    assertThat(HostStatusStores.providers()).allMatch(HostStatusStoreProvider::isAvailable);
  }
}
