package io.cuttle.controller.status;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The PostgreSQL store's tables, created and migrated by the store itself. The version applied
 * is kept in {@code cuttle_status_schema}; migrations run in one transaction under an advisory
 * lock, so two controllers starting together do not race. A database whose schema is newer than
 * this controller knows is refused rather than written with an old layout.
 */
final class PostgresSchema {
  /** Arbitrary constant naming the advisory lock. */
  private static final long LOCK = 0x6375_7474_6c65_5354L;

  /** Migration N is at index N - 1. */
  static final List<List<String>> MIGRATIONS = List.of(
      List.of("""
          CREATE TABLE host_status (
            host_id text PRIMARY KEY,
            received_at timestamptz NOT NULL,
            reported_at timestamptz NOT NULL,
            lineage_id bigint NOT NULL,
            state_version bigint NOT NULL,
            daemon_version text NOT NULL,
            daemon_staleness_ms bigint NOT NULL,
            handlers jsonb NOT NULL,
            restrictions jsonb NOT NULL,
            errors jsonb NOT NULL)""", """
          CREATE TABLE host_status_change (
            id bigserial PRIMARY KEY,
            host_id text NOT NULL,
            at timestamptz NOT NULL,
            kind text NOT NULL,
            detail text NOT NULL)""",
          "CREATE INDEX host_status_change_host ON host_status_change (host_id, id)"),
      List.of("CREATE INDEX host_status_received_at ON host_status (received_at)"));

  static final int LATEST = MIGRATIONS.size();

  private PostgresSchema() {}

  /**
   * Brings the schema to {@link #LATEST}.
   *
   * @return the version the database had before (0: empty)
   * @throws SQLException if the database fails, or its schema is newer than {@link #LATEST}
   */
  static int migrate(Connection c) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
      st.execute("CREATE TABLE IF NOT EXISTS cuttle_status_schema (version integer NOT NULL)");
      int current = 0;
      try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM cuttle_status_schema")) {
        if (rs.next()) {
          current = rs.getInt(1);
        }
      }
      if (current > LATEST) {
        throw new SQLException("cuttle_status_schema.version: expected at most " + LATEST
            + " (the newest this controller knows), got " + current + " (written by a newer controller)");
      }
      for (int v = current + 1; v <= LATEST; v++) {
        for (String sql : MIGRATIONS.get(v - 1)) {
          st.execute(sql);
        }
      }
      if (current < LATEST) {
        st.execute("DELETE FROM cuttle_status_schema");
        st.execute("INSERT INTO cuttle_status_schema (version) VALUES (" + LATEST + ")");
      }
      c.commit();
      return current;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }
}
