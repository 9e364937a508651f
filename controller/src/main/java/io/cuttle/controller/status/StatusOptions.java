package io.cuttle.controller.status;

import static io.cuttle.common.config.ConfigNode.formatDuration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code status:} section of {@code controller.yaml} (see {@code controller/docs/status.md}).
 *
 * @param store            the store provider's name: {@code embedded} or {@code postgres}
 * @param dataDir          where the embedded store keeps {@code host-status.json}; empty = memory only
 * @param snapshotInterval how often the embedded store saves its snapshot when something changed
 * @param reportInterval   how often daemons report (their {@code report-interval})
 * @param staleAfter       a host that has not reported for longer than this is flagged stale
 * @param history          status changes kept per host
 * @param postgres         connection of the {@code postgres} store; present exactly when it is chosen
 */
public record StatusOptions(String store, Optional<Path> dataDir, Duration snapshotInterval, Duration reportInterval,
    Duration staleAfter, int history, Optional<PostgresOptions> postgres) {
  public static final String EMBEDDED = "embedded";
  public static final String POSTGRES = "postgres";
  public static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/cuttle");
  public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofSeconds(5);
  public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
  /** The daemon's default {@code report-interval}. */
  public static final Duration DEFAULT_REPORT_INTERVAL = Duration.ofSeconds(30);
  public static final double DEFAULT_STALE_MULTIPLE = 3;
  public static final int DEFAULT_HISTORY = 32;
  public static final int MAX_HISTORY = 1000;

  public StatusOptions {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(snapshotInterval, "snapshotInterval");
    Objects.requireNonNull(reportInterval, "reportInterval");
    Objects.requireNonNull(staleAfter, "staleAfter");
    Objects.requireNonNull(postgres, "postgres");
    requireArgument(snapshotInterval.compareTo(MIN_INTERVAL) >= 0, "snapshot interval must be at least "
        + formatDuration(MIN_INTERVAL) + ", got " + formatDuration(snapshotInterval));
    requireArgument(reportInterval.compareTo(MIN_INTERVAL) >= 0, "report interval must be at least "
        + formatDuration(MIN_INTERVAL) + ", got " + formatDuration(reportInterval));
    requireArgument(staleAfter.compareTo(reportInterval) > 0, "stale-after must be longer than the report interval ("
        + formatDuration(reportInterval) + "), got " + formatDuration(staleAfter));
    requireArgument(history >= 0 && history <= MAX_HISTORY, "history must be 0.." + MAX_HISTORY + ", got " + history);
    requireArgument(store.equals(POSTGRES) == postgres.isPresent(),
        "postgres settings must be present exactly when the store is postgres, got store " + store
            + (postgres.isPresent() ? " with" : " without") + " them");
  }

  /** An empty {@code status:} section: embedded, kept in {@link #DEFAULT_DATA_DIR}. */
  public static StatusOptions defaults() {
    return new StatusOptions(EMBEDDED, Optional.of(DEFAULT_DATA_DIR), DEFAULT_SNAPSHOT_INTERVAL,
        DEFAULT_REPORT_INTERVAL, DEFAULT_REPORT_INTERVAL.multipliedBy(3), DEFAULT_HISTORY, Optional.empty());
  }

  /** Embedded and kept in memory only (for programs and tests that configure a controller in code). */
  public static StatusOptions inMemory() {
    return defaults().withDataDir(Optional.empty());
  }

  public StatusOptions withDataDir(Optional<Path> dir) {
    return new StatusOptions(store, dir, snapshotInterval, reportInterval, staleAfter, history, postgres);
  }

  /** Reports every {@code interval}, stale after {@code multiple} intervals. */
  public StatusOptions withReportInterval(Duration interval, double multiple) {
    return new StatusOptions(store, dataDir, snapshotInterval, interval, multiply(interval, multiple), history,
        postgres);
  }

  public StatusOptions withPostgres(PostgresOptions pg) {
    return new StatusOptions(POSTGRES, dataDir, snapshotInterval, reportInterval, staleAfter, history,
        Optional.of(pg));
  }

  static Duration multiply(Duration d, double multiple) {
    return Duration.ofNanos(Math.round(d.toNanos() * multiple));
  }

  private static void requireArgument(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
