package io.cuttle.controller.status;

import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostics;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code status:} section of {@code controller.yaml}; every problem becomes a diagnostic
 * and the field takes its default, so one pass reports them all.
 */
public final class StatusConfigReader {
  private static final Set<String> FIELDS = Set.of("store", "data-dir", "snapshot-interval", "report-interval",
      "stale-after", "history", "postgres");
  private static final Set<String> POSTGRES_FIELDS = Set.of("url", "user", "password-file", "queue");
  private static final String STALE_AFTER = "a multiple of report-interval greater than 1 like 3x, or a duration "
      + "longer than report-interval like 90s";

  private StatusConfigReader() {}

  /**
   * @param baseDir directory that relative paths count from; null keeps them as written
   */
  public static StatusOptions read(ConfigNode n, Diagnostics d, Path baseDir) {
    StatusOptions dflt = StatusOptions.defaults();
    if (n.isMissing()) {
      return dflt;
    }
    n.allowOnly(d, FIELDS);
    if (!n.isMap()) {
      return dflt;
    }
    ConfigNode storeNode = n.get("store");
    String store = storeNode.string(d, StatusOptions.EMBEDDED).toLowerCase(Locale.ROOT);
    if (!store.equals(StatusOptions.EMBEDDED) && !store.equals(StatusOptions.POSTGRES)) {
      d.expected(storeNode, StatusOptions.EMBEDDED + " or " + StatusOptions.POSTGRES);
      store = StatusOptions.EMBEDDED;
    }
    Optional<Path> dataDir = dataDir(n.get("data-dir"), d, baseDir);
    Duration snapshot = n.get("snapshot-interval").duration(d, StatusOptions.MIN_INTERVAL,
        StatusOptions.DEFAULT_SNAPSHOT_INTERVAL);
    Duration report = n.get("report-interval").duration(d, StatusOptions.MIN_INTERVAL,
        StatusOptions.DEFAULT_REPORT_INTERVAL);
    Duration staleAfter = staleAfter(n.get("stale-after"), d, report);
    int history = n.get("history").intIn(d, 0, StatusOptions.MAX_HISTORY, StatusOptions.DEFAULT_HISTORY);
    ConfigNode pgNode = n.get("postgres");
    Optional<PostgresOptions> pg = Optional.empty();
    if (store.equals(StatusOptions.POSTGRES)) {
      pg = postgres(pgNode, d, baseDir);
      if (pg.isEmpty()) {
        store = StatusOptions.EMBEDDED; // the diagnostics say why; nothing is started
      }
    } else if (!pgNode.isMissing()) {
      d.error(pgNode, "expected no postgres settings with store '" + store + "', got " + pgNode.describe()
          + " (set store: postgres to use them)");
    }
    return new StatusOptions(store, dataDir, snapshot, report, staleAfter, history, pg);
  }

  private static Optional<Path> dataDir(ConfigNode n, Diagnostics d, Path baseDir) {
    return n.parsed(d, "a directory path or off",
            t -> "off".equals(t.trim()) ? Optional.<Path>empty() : Optional.of(toPath(t, baseDir)))
        .orElse(Optional.of(StatusOptions.DEFAULT_DATA_DIR));
  }

  private static Duration staleAfter(ConfigNode n, Diagnostics d, Duration report) {
    Duration dflt = StatusOptions.multiply(report, StatusOptions.DEFAULT_STALE_MULTIPLE);
    return n.parsed(d, STALE_AFTER, t -> {
      String text = t.trim();
      if (text.endsWith("x")) {
        double m;
        try {
          m = Double.parseDouble(text.substring(0, text.length() - 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + text.substring(0, text.length() - 1) + "' is not a number");
        }
        Duration v = StatusOptions.multiply(report, m);
        if (!(m > 1) || m > 1000 || v.compareTo(report) <= 0) {
          throw new IllegalArgumentException("the multiple must be more than 1 and at most 1000");
        }
        return v;
      }
      Duration v = ConfigNode.parseDuration(text)
          .orElseThrow(() -> new IllegalArgumentException("neither a multiple nor a duration"));
      if (v.compareTo(report) <= 0) {
        throw new IllegalArgumentException("not longer than report-interval " + ConfigNode.formatDuration(report));
      }
      return v;
    }).orElse(dflt);
  }

  private static Optional<PostgresOptions> postgres(ConfigNode n, Diagnostics d, Path baseDir) {
    if (n.isMissing()) {
      d.error(n, "expected postgres settings (url, user) with store 'postgres', got nothing");
      return Optional.empty();
    }
    n.allowOnly(d, POSTGRES_FIELDS);
    ConfigNode urlNode = n.get("url").require(d, "a JDBC URL like jdbc:postgresql://db:5432/cuttle");
    Optional<String> url = urlNode.parsed(d, "a JDBC URL like jdbc:postgresql://db:5432/cuttle", t -> {
      if (!t.startsWith(PostgresOptions.URL_PREFIX)) {
        throw new IllegalArgumentException("it must start with " + PostgresOptions.URL_PREFIX);
      }
      return t;
    });
    ConfigNode userNode = n.get("user").require(d, "a database user name");
    String user = userNode.string(d, "");
    Optional<Path> password = n.get("password-file").parsed(d, "a file path", t -> toPath(t, baseDir));
    int queue = n.get("queue").intIn(d, PostgresOptions.MIN_QUEUE, PostgresOptions.MAX_QUEUE,
        PostgresOptions.DEFAULT_QUEUE);
    if (url.isEmpty() || userNode.isMissing()) {
      return Optional.empty();
    }
    return Optional.of(new PostgresOptions(url.get(), user, password, queue));
  }

  private static Path toPath(String text, Path baseDir) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("the path is empty");
    }
    try {
      Path p = Path.of(text.trim());
      return baseDir == null || p.isAbsolute() ? p : baseDir.resolve(p).normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }
}
