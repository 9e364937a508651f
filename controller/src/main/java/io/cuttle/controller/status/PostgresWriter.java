package io.cuttle.controller.status;

import io.cuttle.controller.status.WriteQueue.Pending;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes to PostgreSQL: takes everything waiting in the {@link WriteQueue},
 * writes it in one transaction, and on failure puts it back (newer updates stay newer), drops its
 * connection and retries with a growing pause. A batch the database refuses while the connection
 * is fine (bad data) is retried host by host, and a host it still refuses is dropped and counted,
 * so one bad row cannot stall every other host.
 */
final class PostgresWriter implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(PostgresWriter.class);
  private static final Duration MIN_PAUSE = Duration.ofMillis(200);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

  /** Opens a connection (to the same database every time). */
  @FunctionalInterface
  interface Connector {
    Connection connect() throws SQLException;
  }

  private final WriteQueue queue;
  private final Connector connector;
  private final int historyLimit;
  private final AtomicBoolean stopping = new AtomicBoolean();
  final AtomicLong written = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  private volatile boolean connected;
  private volatile String lastError = "";
  private Connection connection; // only the writer thread uses it
  private Duration pause = MIN_PAUSE;

  PostgresWriter(WriteQueue queue, Connector connector, Connection first, int historyLimit) {
    this.queue = queue;
    this.connector = connector;
    this.connection = first;
    this.connected = first != null;
    this.historyLimit = historyLimit;
  }

  boolean connected() {
    return connected;
  }

  String lastError() {
    return lastError;
  }

  /** Asks the loop to end once the queue is empty (or at once while the database is unreachable). */
  void stop() {
    stopping.set(true);
  }

  @Override
  public void run() {
    try {
      while (true) {
        List<Pending> batch = queue.take(100, TimeUnit.MILLISECONDS);
        if (batch.isEmpty()) {
          if (stopping.get()) {
            break;
          }
          continue;
        }
        if (!writeOrPutBack(batch)) {
          if (stopping.get()) {
            break;
          }
          Thread.sleep(pause.toMillis());
          pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeConnection();
    }
  }

  /** True when the batch is done with (written, or its bad rows dropped). */
  private boolean writeOrPutBack(List<Pending> batch) {
    try {
      if (connection == null) {
        connection = connector.connect();
        connected = true;
        log.info("host status: connected to PostgreSQL again");
      }
      PostgresRows.write(connection, batch, historyLimit);
      written.addAndGet(batch.size());
      queue.done(batch.size());
      pause = MIN_PAUSE;
      return true;
    } catch (SQLException e) {
      failures.incrementAndGet();
      lastError = e.getMessage();
      if (connection != null && isValid(connection)) {
        writeOneByOne(batch);
        return true;
      }
      if (connected) {
        log.warn("host status: PostgreSQL write failed ({}); {} hosts wait, retrying", e.getMessage(), batch.size());
      }
      connected = false;
      closeConnection();
      queue.putBack(batch);
      return false;
    }
  }

  private void writeOneByOne(List<Pending> batch) {
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      try {
        PostgresRows.write(connection, List.of(p), historyLimit);
        written.incrementAndGet();
        queue.done(1);
      } catch (SQLException e) {
        if (!isValid(connection)) {
          queue.putBack(batch.subList(i, batch.size()));
          return;
        }
        rejected.incrementAndGet();
        queue.done(1);
        log.warn("host status: PostgreSQL refused the status of '{}', dropped: {}", p.hostId(), e.getMessage());
      }
    }
  }

  private static boolean isValid(Connection c) {
    try {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("closing PostgreSQL connection: {}", e.toString());
      }
      connection = null;
    }
  }
}
