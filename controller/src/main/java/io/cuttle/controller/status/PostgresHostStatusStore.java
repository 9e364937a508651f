package io.cuttle.controller.status;

import io.cuttle.controller.status.StatusTable.Entry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Statuses kept in PostgreSQL. Reads are answered from memory (loaded from the database at
 * start); every change goes to a bounded {@link WriteQueue}, coalesced per host, and one writer
 * thread ({@link PostgresWriter}) upserts it, so a report never waits for the database. While the
 * database is unreachable, updates wait in the queue (one entry per host) and are written when
 * it returns; beyond the queue's capacity new hosts' updates are dropped and counted.
 */
public final class PostgresHostStatusStore implements HostStatusStore {
  private static final Logger log = LoggerFactory.getLogger(PostgresHostStatusStore.class);
  private static final long CLOSE_WAIT_SECONDS = 5;

  private final PostgresOptions options;
  private final StatusTable table;
  private final WriteQueue queue;
  private final PostgresWriter writer;
  private final Thread thread;
  private final Counter dropped;

  private PostgresHostStatusStore(PostgresOptions options, StatusTable table, WriteQueue queue, PostgresWriter writer,
      MeterRegistry registry) {
    this.options = options;
    this.table = table;
    this.queue = queue;
    this.writer = writer;
    this.thread = new Thread(writer, "cuttle-status-postgres");
    thread.setDaemon(true);
    this.dropped = Counter.builder("cuttle.controller.status.store.dropped")
        .description("Status updates not written to PostgreSQL because the write queue was full").register(registry);
    Gauge.builder("cuttle.controller.status.store.pending", queue, WriteQueue::size)
        .description("Hosts whose latest status is not yet written to PostgreSQL").register(registry);
    Gauge.builder("cuttle.controller.status.store.connected", writer, w -> w.connected() ? 1 : 0)
        .description("1 while the PostgreSQL writer holds a working connection").register(registry);
    FunctionCounter.builder("cuttle.controller.status.store.written", writer, w -> w.written.get())
        .description("Host updates written to PostgreSQL").register(registry);
    FunctionCounter.builder("cuttle.controller.status.store.failures", writer, w -> w.failures.get())
        .description("PostgreSQL write transactions that failed (and were retried)").register(registry);
    FunctionCounter.builder("cuttle.controller.status.store.rejected", writer, w -> w.rejected.get())
        .description("Host updates PostgreSQL refused while the connection worked (dropped)").register(registry);
  }

  /**
   * Connects, creates or migrates the schema, loads every stored status and starts the writer.
   *
   * @throws IOException if the password file cannot be read or the database cannot be reached or migrated
   */
  public static PostgresHostStatusStore open(PostgresOptions options, int historyLimit, MeterRegistry registry)
      throws IOException {
    Properties props = connectionProperties(options);
    PostgresWriter.Connector connector = () -> DriverManager.getConnection(options.url(), props);
    Connection c;
    try {
      c = connector.connect();
      int before = PostgresSchema.migrate(c);
      if (before < PostgresSchema.LATEST) {
        log.info("host status: PostgreSQL schema migrated from version {} to {}", before, PostgresSchema.LATEST);
      }
    } catch (SQLException e) {
      throw new IOException("status.postgres: cannot use " + options.url() + " as " + options.user() + ": "
          + e.getMessage(), e);
    }
    StatusTable table = new StatusTable(historyLimit);
    try {
      PostgresRows.Loaded loaded = PostgresRows.load(c);
      loaded.entries().forEach(table::restore);
      loaded.skipped().forEach(why -> log.warn("host status: skipped unreadable row: {}", why));
      log.info("host status: {} hosts read from PostgreSQL {}", loaded.entries().size(), options.url());
    } catch (SQLException e) {
      closeQuietly(c);
      throw new IOException("status.postgres: cannot read host_status from " + options.url() + ": " + e.getMessage(),
          e);
    }
    WriteQueue queue = new WriteQueue(options.queue(), Math.max(1, historyLimit));
    PostgresHostStatusStore store = new PostgresHostStatusStore(options, table, queue,
        new PostgresWriter(queue, connector, c, historyLimit), registry);
    store.thread.start();
    return store;
  }

  private static Properties connectionProperties(PostgresOptions options) throws IOException {
    Properties p = new Properties();
    p.setProperty("user", options.user());
    if (options.passwordFile().isPresent()) {
      try {
        List<String> lines = Files.readAllLines(options.passwordFile().get(), StandardCharsets.UTF_8);
        p.setProperty("password", lines.isEmpty() ? "" : lines.getFirst());
      } catch (IOException e) {
        throw new IOException("status.postgres.password-file: cannot read " + options.passwordFile().get() + ": "
            + e, e);
      }
    }
    p.setProperty("ApplicationName", "cuttle-controller");
    p.setProperty("connectTimeout", "5");
    p.setProperty("socketTimeout", "30");
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("reWriteBatchedInserts", "true"); // a batch of upserts becomes multi-row statements
    return p;
  }

  @Override
  public void record(HostStatus status) {
    table.apply(status, this::enqueue);
  }

  @Override
  public boolean note(String hostId, StatusChange change) {
    return table.note(hostId, change, this::enqueue);
  }

  private void enqueue(HostStatus latest, boolean statusChanged, List<StatusChange> changes) {
    var offer = queue.offer(latest.hostId(), statusChanged ? Optional.of(latest) : Optional.empty(), changes);
    if (offer == WriteQueue.Offer.DROPPED_QUEUE_FULL) {
      dropped.increment();
    }
  }

  @Override
  public Optional<HostStatus> get(String hostId) {
    return table.entry(hostId).map(Entry::latest);
  }

  @Override
  public List<HostStatus> all() {
    return table.entries().stream().map(Entry::latest).toList();
  }

  @Override
  public List<StatusChange> history(String hostId) {
    return table.entry(hostId).map(Entry::history).orElse(List.of());
  }

  @Override
  public String describe() {
    return "postgres (" + options.url() + (writer.connected() ? "" : ", disconnected: " + writer.lastError()) + ")";
  }

  /** Hosts whose update is not written yet (waiting, or in the transaction being written). */
  public int pending() {
    return queue.size();
  }

  /** Host updates the database refused while the connection worked (bad data), and that were dropped. */
  public long rejected() {
    return writer.rejected.get();
  }

  /** Whether the writer currently holds a working connection. */
  public boolean connected() {
    return writer.connected();
  }

  @Override
  public void close() {
    writer.stop();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
    }
    int left = queue.size();
    if (left > 0) {
      log.warn("host status: {} hosts' updates were not written to PostgreSQL before shutdown", left);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      log.debug("closing PostgreSQL connection: {}", e.toString());
    }
  }
}
