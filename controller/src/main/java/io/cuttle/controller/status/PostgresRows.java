package io.cuttle.controller.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cuttle.controller.status.StatusTable.Entry;
import io.cuttle.controller.status.WriteQueue.Pending;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading and writing the PostgreSQL store's rows (tables: {@link PostgresSchema}). */
final class PostgresRows {
  private static final String UPSERT = """
      INSERT INTO host_status (host_id, received_at, reported_at, lineage_id, state_version, daemon_version,
        daemon_staleness_ms, handlers, restrictions, errors)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)
      ON CONFLICT (host_id) DO UPDATE SET received_at = EXCLUDED.received_at, reported_at = EXCLUDED.reported_at,
        lineage_id = EXCLUDED.lineage_id, state_version = EXCLUDED.state_version,
        daemon_version = EXCLUDED.daemon_version, daemon_staleness_ms = EXCLUDED.daemon_staleness_ms,
        handlers = EXCLUDED.handlers, restrictions = EXCLUDED.restrictions, errors = EXCLUDED.errors
      WHERE host_status.received_at <= EXCLUDED.received_at""";
  private static final String INSERT_CHANGE =
      "INSERT INTO host_status_change (host_id, at, kind, detail) VALUES (?, ?, ?, ?)";
  /** Keeps the newest {@code ?} changes of each host in the array, in one statement for the whole batch. */
  private static final String TRIM_CHANGES = """
      DELETE FROM host_status_change c USING (
        SELECT id FROM (
          SELECT id, row_number() OVER (PARTITION BY host_id ORDER BY id DESC) AS newest_first
          FROM host_status_change WHERE host_id = ANY (?)) ranked
        WHERE newest_first > ?) old
      WHERE c.id = old.id""";

  /** What loading found: the entries and the rows that could not be read (each with why). */
  record Loaded(List<Entry> entries, List<String> skipped) {}

  private PostgresRows() {}

  static Loaded load(Connection c) throws SQLException {
    List<String> skipped = new ArrayList<>();
    Map<String, List<StatusChange>> history = new HashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT host_id, at, kind, detail FROM host_status_change ORDER BY host_id, id")) {
      while (rs.next()) {
        String host = rs.getString(1);
        String kind = rs.getString(3);
        try {
          history.computeIfAbsent(host, h -> new ArrayList<>()).add(
              new StatusChange(instant(rs, 2), StatusChange.Kind.valueOf(kind), rs.getString(4)));
        } catch (IllegalArgumentException e) {
          skipped.add("host_status_change of '" + host + "': kind: expected one of "
              + List.of(StatusChange.Kind.values()) + ", got '" + kind + "'");
        }
      }
    }
    List<Entry> entries = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
        SELECT host_id, received_at, reported_at, lineage_id, state_version, daemon_version, daemon_staleness_ms,
          handlers::text, restrictions::text, errors::text FROM host_status ORDER BY host_id""")) {
      while (rs.next()) {
        String host = rs.getString(1);
        try {
          HostStatus s = new HostStatus(host, instant(rs, 2), instant(rs, 3), rs.getLong(4), rs.getLong(5),
              rs.getString(6), Duration.ofMillis(rs.getLong(7)),
              StatusJson.readHandlers(StatusJson.MAPPER.readTree(rs.getString(8)), "handlers"),
              StatusJson.readRestrictions(StatusJson.MAPPER.readTree(rs.getString(9)), "restrictions"),
              StatusJson.readErrors(StatusJson.MAPPER.readTree(rs.getString(10)), "errors"));
          entries.add(new Entry(s, history.getOrDefault(host, List.of())));
        } catch (StatusFormatException | JsonProcessingException | IllegalArgumentException e) {
          skipped.add("host_status of '" + host + "': " + e.getMessage());
        }
      }
    }
    return new Loaded(entries, skipped);
  }

  /** Writes a batch in one transaction; keeps at most {@code historyLimit} changes per host. */
  static void write(Connection c, List<Pending> batch, int historyLimit) throws SQLException {
    c.setAutoCommit(false);
    try (PreparedStatement up = c.prepareStatement(UPSERT);
        PreparedStatement ins = c.prepareStatement(INSERT_CHANGE);
        PreparedStatement trim = c.prepareStatement(TRIM_CHANGES)) {
      List<String> changed = new ArrayList<>();
      for (Pending p : batch) {
        if (p.status().isPresent()) {
          bindStatus(up, p.status().get());
          up.addBatch();
        }
        if (historyLimit > 0 && !p.changes().isEmpty()) {
          for (StatusChange ch : p.changes()) {
            ins.setString(1, clean(p.hostId()));
            ins.setObject(2, time(ch.at()));
            ins.setString(3, ch.kind().name());
            ins.setString(4, clean(ch.detail()));
            ins.addBatch();
          }
          changed.add(clean(p.hostId()));
        }
      }
      up.executeBatch();
      ins.executeBatch();
      if (!changed.isEmpty()) {
        trim.setArray(1, c.createArrayOf("text", changed.toArray()));
        trim.setInt(2, historyLimit);
        trim.executeUpdate();
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static void bindStatus(PreparedStatement up, HostStatus s) throws SQLException {
    up.setString(1, clean(s.hostId()));
    up.setObject(2, time(s.receivedAt()));
    up.setObject(3, time(s.reportedAt()));
    up.setLong(4, s.lineageId());
    up.setLong(5, s.version());
    up.setString(6, clean(s.daemonVersion()));
    up.setLong(7, s.daemonStaleness().toMillis());
    up.setString(8, clean(StatusJson.handlers(s.handlers()).toString()));
    up.setString(9, clean(StatusJson.restrictions(s.restrictions()).toString()));
    up.setString(10, clean(StatusJson.errors(s.errors()).toString()));
  }

  /**
   * PostgreSQL text and jsonb cannot hold NUL: a raw NUL becomes U+FFFD, and so does the JSON
   * escape of one (a backslash escaping a backslash before "u0000" is left alone).
   */
  static String clean(String s) {
    if (s.indexOf('\0') < 0 && !s.contains("\\u0000")) {
      return s;
    }
    String raw = s.replace('\0', '\uFFFD');
    StringBuilder out = new StringBuilder(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char ch = raw.charAt(i);
      if (ch == '\\' && i + 1 < raw.length()) {
        if (raw.startsWith("u0000", i + 1)) {
          out.append("\\ufffd");
          i += 6;
        } else {
          out.append(ch).append(raw.charAt(i + 1));
          i += 2;
        }
      } else {
        out.append(ch);
        i++;
      }
    }
    return out.toString();
  }

  private static OffsetDateTime time(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, int col) throws SQLException {
    return rs.getObject(col, OffsetDateTime.class).toInstant();
  }
}
