package io.cuttle.controller.status;

import io.cuttle.controller.status.StatusTable.Entry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default store: statuses in memory, saved as a JSON snapshot file in the data directory
 * every snapshot interval (when something changed) and on close, and read back at start, so a
 * restarted controller still knows every host. Without a data directory it keeps memory only.
 * A crash loses at most one snapshot interval of changes, which the hosts' next reports restore.
 */
public final class EmbeddedHostStatusStore implements HostStatusStore {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedHostStatusStore.class);

  private final StatusTable table;
  private final Optional<SnapshotFile> file;
  private final Clock clock;
  private final ScheduledExecutorService saver;
  private final AtomicLong changes = new AtomicLong();
  private long saved; // guarded by this

  private EmbeddedHostStatusStore(StatusTable table, Optional<SnapshotFile> file, Clock clock,
      ScheduledExecutorService saver) {
    this.table = table;
    this.file = file;
    this.clock = clock;
    this.saver = saver;
  }

  /** A store that keeps statuses in memory only (lost at restart). */
  public static EmbeddedHostStatusStore inMemory(int historyLimit) {
    return new EmbeddedHostStatusStore(new StatusTable(historyLimit), Optional.empty(), Clock.systemUTC(), null);
  }

  /**
   * Opens the store kept in {@code dataDir} (created if absent), reading its snapshot if there is
   * one; an unreadable snapshot is moved aside with a warning and the store starts empty.
   *
   * @throws IOException if the directory cannot be created or the file cannot be read
   */
  public static EmbeddedHostStatusStore open(Path dataDir, Duration snapshotInterval, int historyLimit, Clock clock)
      throws IOException {
    if (snapshotInterval.isNegative() || snapshotInterval.isZero()) {
      throw new IllegalArgumentException("snapshot interval must be positive, got " + snapshotInterval);
    }
    java.nio.file.Files.createDirectories(dataDir);
    SnapshotFile file = new SnapshotFile(dataDir);
    StatusTable table = new StatusTable(historyLimit);
    switch (file.load()) {
      case SnapshotFile.Load.Loaded l -> {
        l.entries().forEach(table::restore);
        log.info("host status: {} hosts read from {}", l.entries().size(), file.path());
      }
      case SnapshotFile.Load.Missing m -> log.info("host status: no {} yet; starting empty", file.path());
      case SnapshotFile.Load.Unreadable u -> log.warn("host status: {} is unreadable ({}); moved it to {} and "
          + "starting empty", file.path(), u.why(), u.movedTo());
    }
    ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cuttle-status-snapshot");
      t.setDaemon(true);
      return t;
    });
    EmbeddedHostStatusStore store = new EmbeddedHostStatusStore(table, Optional.of(file), clock, saver);
    long period = snapshotInterval.toNanos();
    saver.scheduleWithFixedDelay(store::saveQuietly, period, period, TimeUnit.NANOSECONDS);
    return store;
  }

  @Override
  public void record(HostStatus status) {
    table.apply(status, StatusTable.Applied.NONE);
    changes.incrementAndGet();
  }

  @Override
  public boolean note(String hostId, StatusChange change) {
    boolean known = table.note(hostId, change, StatusTable.Applied.NONE);
    if (known) {
      changes.incrementAndGet();
    }
    return known;
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
    return file.map(f -> "embedded (" + f.path() + ")").orElse("embedded (memory only)");
  }

  /** Writes the snapshot now if anything changed since the last one. */
  public synchronized void save() throws IOException {
    if (file.isEmpty()) {
      return;
    }
    long seen = changes.get();
    if (seen == saved) {
      return;
    }
    file.get().write(table.entries(), clock.instant());
    saved = seen;
  }

  private void saveQuietly() {
    try {
      save();
    } catch (IOException | RuntimeException e) {
      log.warn("host status: cannot write {}: {}", file.map(SnapshotFile::path).orElse(null), e.toString());
    }
  }

  @Override
  public void close() {
    if (saver != null) {
      saver.shutdown(); // lets a snapshot being written finish; no further ones start
      try {
        saver.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    saveQuietly();
  }
}
